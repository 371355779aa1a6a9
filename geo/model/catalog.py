"""The data catalogue: title, source, licence, date and nature of every layer and table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from geo.model.paths import DATA_DIR

CATALOG_FILE = "catalog.json"
NATURES = ("reported", "schematic", "mixed", "reference")


@dataclass(frozen=True)
class Entry:
    """One catalogue entry (a layer, table or text)."""

    id: str
    kind: str
    file: str
    geometry: str | None
    title_zh: str
    title_en: str
    nature: str
    source: str
    licence: str
    date: str
    note_zh: str = ""
    note_en: str = ""

    @property
    def schematic(self) -> bool:
        """True when any part of it (geometry or values) is schematic (示意)."""
        return self.nature not in ("reported", "reference")

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def note(self, lang: str = "zh") -> str:
        return self.note_zh if lang == "zh" else self.note_en


def load_catalog(data_dir: Path = DATA_DIR) -> dict[str, Entry]:
    """Every catalogue entry by id, in file order."""
    raw = json.loads((Path(data_dir) / CATALOG_FILE).read_text(encoding="utf-8"))
    return {e["id"]: Entry(**e) for e in raw["layers"]}


def load_texts(data_dir: Path = DATA_DIR) -> dict[str, dict]:
    """Models, mechanisms and names quoted from the report (``data/texts.json``)."""
    return json.loads((Path(data_dir) / "texts.json").read_text(encoding="utf-8"))
