"""The two vocabularies of a conflicting save: whose value a field keeps, and who changed it since it was opened."""

from __future__ import annotations

from typing import Literal

Side = Literal["mine", "theirs"]
ChangedBy = Literal["you", "teammate", "both"]
