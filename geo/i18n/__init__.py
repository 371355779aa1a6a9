"""Every string a person reads, in Chinese (default) and English, looked up by key with ``t``.

The tables are split by area, each a plain dict of ``key: (zh, en)``:
``strings_app`` (pages, maps, metrics), ``strings_checks`` (totals and findings),
``strings_data`` (store, import, editing, accounts, refusals and validation findings),
``strings_plots`` (the contract-plot page, keys ``plots_*``), ``strings_print`` (printing
and sharing, keys ``print_*``) and ``strings_fields`` (data columns ``field_*`` for
``field_label``, stored codes, short map and headline labels). A key lives in exactly one table; ``t`` looks it up in all of them.
"""

from __future__ import annotations

from geo.i18n.strings_app import APP_STRINGS, METRICS
from geo.i18n.strings_checks import CHECK_STRINGS
from geo.i18n.strings_data import DATA_STRINGS, EDIT_PROBLEMS, ERRORS, ISSUES, NOTES
from geo.i18n.strings_fields import FIELD_STRINGS
from geo.i18n.strings_plots import PLOT_STRINGS
from geo.i18n.strings_print import PRINT_STRINGS

LANGS = ("zh", "en")

#: Every UI string by key (the tables do not share keys: a test checks).
TABLES = (APP_STRINGS, CHECK_STRINGS, DATA_STRINGS, PLOT_STRINGS, PRINT_STRINGS, FIELD_STRINGS)
STRINGS: dict[str, tuple[str, str]] = {k: v for table in TABLES for k, v in table.items()}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = "zh", **fmt) -> str:
    """The UI string for ``key`` in ``lang`` (Chinese when the language is unknown)."""
    text = _pick(STRINGS[key], lang)
    return text.format(**fmt) if fmt else text


def label(pair: tuple[str, str], lang: str) -> str:
    """Pick the language from a (zh, en) pair such as a category name."""
    return _pick(pair, lang)


def metric_label(metric: str, lang: str = "zh") -> str:
    """The name of a reported metric in the UI language (its id if unknown)."""
    pair = METRICS.get(metric)
    return label(pair, lang) if pair else metric.replace("_", " ")


def subject_name(subject_id: str, subject: str, lang: str = "zh") -> str:
    """What a reported figure is about: the report's words in Chinese, ``subject_<id>`` in
    English (the report's words when no English name is known)."""
    key = f"subject_{subject_id}"
    return STRINGS[key][1] if lang == "en" and key in STRINGS else subject


def field_label(name: str, lang: str = "zh", heading: bool = True) -> str:
    """A data column's name in ``lang`` (``field_<name>``), capitalised as a heading unless
    ``heading`` is false (inside a sentence); unknown: underscores as spaces."""
    pair = STRINGS.get(f"field_{name}")
    text = _pick(pair, lang) if pair else str(name).replace("_", " ")
    return text[:1].upper() + text[1:] if heading else text


def value_label(prefix: str, value, lang: str = "zh") -> str:
    """A stored code such as a commit's kind in ``lang`` (``<prefix>_<value>``), else as is."""
    pair = STRINGS.get(f"{prefix}_{value}")
    return _pick(pair, lang) if pair else str(value)


def rows_text(rows, lang: str, limit: int = 8) -> str:
    """``第 1、2、3 条`` / ``records 1, 2, 3`` (1-based), shortened after ``limit``."""
    shown = [str(r + 1) for r in list(rows)[:limit]]
    more = "…" if len(rows) > limit else ""
    if lang == "en":
        return f"record{'s' if len(rows) > 1 else ''} {', '.join(shown)}{more}"
    return f"第 {'、'.join(shown)}{more} 条"


def issue_text(code: str, lang: str, rows=(), **fmt) -> str:
    """A finding of the import validation report, with its rows."""
    text = _pick(ISSUES[code], lang).format(**fmt)
    if not rows:
        return text
    return f"{rows_text(rows, lang)}{': ' if lang == 'en' else '：'}{text}"


def note_text(code: str, lang: str, **fmt) -> str:
    """A note about how a file was read."""
    return _pick(NOTES[code], lang).format(**fmt)


def edit_problem(code: str, **fmt) -> tuple[str, str]:
    """A problem of an edit as a (zh, en) pair."""
    zh, en = EDIT_PROBLEMS[code]
    return zh.format(**fmt), en.format(**fmt)


def error_pair(code: str, **fmt) -> tuple[str, str]:
    """A refusal (``geo.model.errors.DataError``) as a (zh, en) pair."""
    zh, en = ERRORS[code]
    return zh.format(**fmt), en.format(**fmt)


def pair(key: str, **fmt) -> tuple[str, str]:
    """The (zh, en) pair of ``key``, formatted (for texts rendered later in either language)."""
    return t(key, "zh", **fmt), t(key, "en", **fmt)


def resolve(value, lang: str):
    """A parameter that is a (zh, en) pair becomes the text in ``lang``; others stay."""
    return label(value, lang) if isinstance(value, tuple) else value
