"""OfferDesk: prepare, make and measure the job offer ask."""

__version__ = "0.1.0"
