"""The validation report of an import: geometry repaired or refused, required fields, duplicates.

Each finding is an ``Issue`` (error blocks the commit; warning and info do not) naming the rows
(1-based, in file order) it concerns; its sentence is in ``geo.i18n_data.ISSUES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely
from shapely.ops import unary_union

from geo.files.geojson import round_geometry
from geo.files.xlsx import FORMULA_PREFIXES
from geo.i18n import issue_text
from geo.ingest.columns import required_columns
from geo.model import units
from geo.model.schema import SCHEMAS
from geo.store.interface import key_columns, key_text

_MARKUP = re.compile(r"<\s*[a-zA-Z/!]|javascript:", re.IGNORECASE)
_NON_NEGATIVE = ("_mu", "_wan", "_m2", "_km", "households", "population")
OUTSIDE_BUFFER_M = 100


@dataclass(frozen=True)
class Issue:
    """One finding of the validation report."""

    severity: str  # error, warning, info
    code: str
    rows: tuple[int, ...]  # 0-based positions in the file
    fmt: tuple[tuple[str, object], ...] = ()

    @classmethod
    def make(cls, severity: str, code: str, rows, **fmt) -> Issue:
        return cls(severity, code, tuple(int(r) for r in rows), tuple(fmt.items()))

    def message(self, lang: str = "zh") -> str:
        """The sentence in the UI language, with the rows it concerns."""
        return issue_text(self.code, lang, self.rows, **dict(self.fmt))


def _repair(geom, allowed: tuple[str, ...]):
    fixed = shapely.make_valid(geom)
    if fixed.geom_type != "GeometryCollection":
        return fixed
    parts = [p for p in fixed.geoms if p.geom_type in allowed]
    return unary_union(parts) if parts else fixed


def check_geometries(geoms, target: str, frames: dict, issues: list[Issue], unlocated=()) -> list:
    """Geometries in 2-D, repaired with make_valid, rounded to 6 decimals; findings appended.

    ``unlocated``: positions of records flagged as having no site yet (选址未定), which may
    have no geometry."""
    allowed = SCHEMAS[target].geometry or ()
    out, empty, unconverted, repaired, reasons, wrong = [], [], [], [], [], {}
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            if i not in unlocated:
                empty.append(i)
            out.append(None)
            continue
        geom = shapely.force_2d(geom)
        if not np.isfinite(shapely.get_coordinates(geom)).all():
            unconverted.append(i)
            out.append(None)
            continue
        if not geom.is_valid:
            reasons.append(shapely.is_valid_reason(geom))
            geom = _repair(geom, allowed)
            repaired.append(i)
        if geom.geom_type not in allowed:
            wrong.setdefault(geom.geom_type, []).append(i)
        out.append(round_geometry(geom))
    if empty:
        issues.append(Issue.make("error", "empty_geometry", empty))
    if unconverted:
        issues.append(Issue.make("error", "bad_coordinates", unconverted))
    if repaired:
        issues.append(Issue.make("warning", "repaired", repaired, reason=reasons[0]))
    for found, rows in wrong.items():
        issues.append(Issue.make("error", "wrong_type", rows, found=found, target=target,
                                 expected="/".join(allowed)))  # fmt: skip
    outside = _outside(out, frames)
    if outside:
        issues.append(Issue.make("warning", "outside", outside, n=len(outside)))
    return out


def _outside(geoms: list, frames: dict) -> list[int]:
    if "boundary" not in frames or frames["boundary"].empty:
        return []
    area = units.to_geographic(
        units.to_projected(frames["boundary"].union_all()).buffer(OUTSIDE_BUFFER_M)
    )
    return [i for i, g in enumerate(geoms) if g is not None and not g.intersects(area)]


def _blank(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def _required(frame: pd.DataFrame, target: str) -> list[Issue]:
    out = []
    for col in required_columns(target):
        rows = (
            list(range(len(frame)))
            if col not in frame
            else [i for i, v in enumerate(frame[col]) if _blank(v)]
        )
        if rows:
            out.append(Issue.make("error", "missing_required", rows, col=col, n=len(rows)))
    return out


def _values(frame: pd.DataFrame) -> list[Issue]:
    out = []
    for col in frame.columns:
        if col == "geometry":
            continue
        values = list(frame[col])
        if col.endswith(_NON_NEGATIVE):
            rows = [i for i, v in enumerate(values) if isinstance(v, int | float) and v < 0]
            if rows:
                out.append(Issue.make("error", "negative", rows, col=col))
        limits = {"progress_pct": (0, 100), "year": (1949, 2100)}.get(col)
        if limits:
            rows = [
                i
                for i, v in enumerate(values)
                if isinstance(v, int | float) and not limits[0] <= v <= limits[1]
            ]
            if rows:
                out.append(
                    Issue.make("error", "out_of_range", rows, col=col, lo=limits[0], hi=limits[1])
                )
        text = [(i, v) for i, v in enumerate(values) if isinstance(v, str)]
        markup = [i for i, v in text if _MARKUP.search(v)]
        if markup:
            out.append(Issue.make("warning", "markup", markup, col=col))
        formulas = [i for i, v in text if v.startswith(FORMULA_PREFIXES)]
        if formulas:
            out.append(Issue.make("info", "formula_text", formulas, col=col))
    return out


def check_records(frame: pd.DataFrame, target: str, rids: list[str],
                  existing: pd.DataFrame | None, mode: str) -> list[Issue]:  # fmt: skip
    """Required fields, values, duplicate ids, and what the commit will add, update or delete."""
    issues = _required(frame, target) + _values(frame)
    if rids:
        seen: dict[str, list[int]] = {}
        for i, rid in enumerate(rids):
            seen.setdefault(rid, []).append(i)
        dupes = {rid: rows for rid, rows in seen.items() if len(rows) > 1 and rid.strip("|")}
        if dupes:
            rows = sorted(r for rows in dupes.values() for r in rows)
            issues.append(Issue.make("error", "duplicate_id", rows, col="+".join(key_columns(target)),
                                     values=", ".join(list(dupes)[:5])))  # fmt: skip
    cols = key_columns(target)
    old = set()
    if existing is not None and cols and all(c in existing for c in cols):
        old = {"|".join(key_text(r[c]) for c in cols) for r in existing.to_dict("records")}
    updates = [i for i, rid in enumerate(rids) if rid in old]
    issues.append(Issue.make("info", "will_add", [], n=len(frame) - len(updates)))
    if updates:
        issues.append(Issue.make("info", "will_update", updates, n=len(updates)))
    if mode == "replace" and existing is not None:
        gone = len(old - set(rids)) if old else len(existing)
        issues.append(Issue.make("warning", "will_delete", [], n=gone))
    return issues
