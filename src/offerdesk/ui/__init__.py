"""The desktop face of OfferDesk (PySide6 lives only under this package)."""

from offerdesk.ui import large_blocks, singletons, source_lines

singletons.keep_alive()  # before any Qt call: see singletons.py
source_lines.forget_after_import_check()  # before the window's imports: see source_lines.py
large_blocks.return_large_blocks()  # before the window's data: see large_blocks.py
