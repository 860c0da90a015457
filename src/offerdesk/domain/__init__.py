"""Offer-domain values and rules: no Qt, no SQLAlchemy."""
