"""The bundled letter templates, described by templates/manifest.json."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from offerdesk.domain.offers import OfferType
from offerdesk.resources import templates_dir


@dataclass(frozen=True)
class BundledTemplate:
    name: str
    path: Path
    offer_type: OfferType | None
    locale: str
    is_default: bool

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def bundled_templates(folder: Path | None = None) -> list[BundledTemplate]:
    root = folder or templates_dir()
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    return [
        BundledTemplate(
            name=item["name"],
            path=root / item["file"],
            offer_type=OfferType(item["offer_type"]) if item.get("offer_type") else None,
            locale=item.get("locale", ""),
            is_default=bool(item.get("default", False)),
        )
        for item in manifest["templates"]
    ]
