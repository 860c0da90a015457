"""The desktop face of OfferDesk (PySide6 lives only under this package)."""
