"""Changes described for people: who changed which field from what to what, and when.

Used in the refusal of a save based on an older version (``ConflictError``) and in history
views; field names and values come from the string tables (zh and en), times in Beijing time.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from geo.i18n import EDIT_PROBLEMS, field_label, t
from geo.model.project_specs import STATUSES
from geo.store.interface import Change, comparable

BEIJING = timezone(timedelta(hours=8))


def local_time(at: str) -> str:
    """An ISO UTC time as Beijing time to the minute: ``2026-12-03 00:20``."""
    try:
        stamp = datetime.fromisoformat(at).astimezone(BEIJING)
    except (TypeError, ValueError):
        return str(at)
    return stamp.strftime("%Y-%m-%d %H:%M")


def _value_text(key: str, value, lang: str) -> str:
    value = comparable(value)
    if value is None:
        return t("unknown", lang)
    if key == "status" and value in STATUSES:
        return t("status_" + value, lang)
    return f"{value:g}" if isinstance(value, float) else str(value)


#: Fields that only say where another field's value comes from (a status's source and quote):
#: they follow that field, so a person is not shown them as separate changes.
PROVENANCE_FIELDS = ("status_source", "status_quote", "status_reason")


def change_text(change: Change, lang: str) -> str:
    """What one change did, with field names and values a person reads (``进度（%）: 未填写 → 40``)."""
    if change.op != "update":
        return t(f"op_{change.op}", lang)
    before, after, parts = change.before or {}, change.after or {}, []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if key == "geometry":
            if old != new:
                parts.append(t("field_geometry", lang))
            continue
        if comparable(old) == comparable(new) or key in PROVENANCE_FIELDS:
            continue
        name = field_label(key, lang, heading=False)
        colon = ": " if lang == "en" else "："
        parts.append(f"{name}{colon}{_value_text(key, old, lang)} → {_value_text(key, new, lang)}")
    return "; ".join(parts) if lang == "en" else "；".join(parts)


def conflict_details(changes: list[Change]) -> list[tuple[str, str]]:
    """Who changed what and when since the version a save was based on, as (zh, en) sentences."""
    zh, en = EDIT_PROBLEMS["changed_by"]
    return [
        (zh.format(user=c.user, at=local_time(c.at), what=change_text(c, "zh")),
         en.format(user=c.user, at=local_time(c.at), what=change_text(c, "en")))
        for c in changes
    ]  # fmt: skip
