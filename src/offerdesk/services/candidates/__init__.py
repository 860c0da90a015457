"""Candidate use cases: the list, the records (create, edit, archive, delete), saved views, import and export."""
