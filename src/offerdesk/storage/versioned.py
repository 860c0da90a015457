"""The row version of a record two people may edit at once (see `Versioned`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column


class Versioned:
    """A record two people may edit at once: each save bumps `row_version`, and SQLAlchemy's UPDATE names the
    version it read, so a save made over a teammate's newer one changes no row and raises StaleDataError instead
    of silently overwriting it."""

    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - a class-level directive
        return {"version_id_col": cls.row_version}
