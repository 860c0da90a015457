"""A candidate's data rights: export, erasure, anonymisation and the retention rule (see service.py)."""
