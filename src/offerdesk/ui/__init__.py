"""The desktop face of OfferDesk (PySide6 lives only under this package)."""

from offerdesk.ui import singletons

singletons.keep_alive()  # before any Qt call: see singletons.py
