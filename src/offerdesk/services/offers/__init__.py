"""Offers: the lifecycle, editing with versions and approvals, pay bands and comparisons, roles, offer JSON."""
