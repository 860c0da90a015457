"""Offer letters: the template library, checks, rendering and conversion (no Qt)."""
