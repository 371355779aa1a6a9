"""Findings of the allocation checks: what is wrong, how badly, with figures and quotes.

A finding carries a text key and its parameters, not sentences: ``text(lang)`` renders it from
the ``finding_*`` strings in the reader's language. A parameter given as a (zh, en) pair (a
name, a list of figures) is taken in that language.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from geo.i18n import STRINGS, resolve, t

SEVERITIES = ("high", "medium", "low", "info")
CHECKS = ("totals", "area", "overlap", "zones", "farmland", "report", "status")


def severity_label(severity: str, lang: str) -> str:
    return t(f"severity_{severity}", lang)


def check_label(check: str, lang: str) -> str:
    return t(f"checkname_{check}", lang)


def figure_label(key: str, lang: str) -> str:
    """A figure's name (``drawn_mu`` → 图上面积（亩）); a year or a report section stays as it is."""
    if f"figure_{key}" in STRINGS:
        return t(f"figure_{key}", lang)
    if key.isdigit():
        return f"{key}年" if lang == "zh" else key
    return t("figure_section", lang, section=key)


def figure_value(key: str, value, lang: str) -> str:
    """A figure's value: a share as a percentage, a status in words, numbers with separators."""
    if value is None:
        return "—"
    if key == "share" and isinstance(value, float):
        return f"{value:.1%}"
    if isinstance(value, (int, float)):
        return f"{value:,.10g}"
    if f"status_{value}" in STRINGS:
        return t(f"status_{value}", lang)
    return str(value)


@dataclass
class Finding:
    """One problem found by a check. ``fids`` are the map features involved."""

    check: str
    severity: str
    key: str
    params: dict[str, object] = field(default_factory=dict)
    figures: dict[str, object] = field(default_factory=dict)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (section, quote)
    fids: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """A stable id for links (check, severity and the features involved)."""
        raw = "|".join([self.check, self.text_en, *self.fids])
        return f"{self.check}-{hashlib.sha1(raw.encode()).hexdigest()[:8]}"

    def text(self, lang: str = "zh") -> str:
        return t(
            f"finding_{self.key}", lang, **{k: resolve(v, lang) for k, v in self.params.items()}
        )

    @property
    def text_zh(self) -> str:
        return self.text("zh")

    @property
    def text_en(self) -> str:
        return self.text("en")

    def figures_text(self, lang: str = "zh") -> str:
        """The figures behind the finding, labelled in ``lang`` (``图上面积（亩）：95.2；相差：+3.0%``)."""
        sep, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
        return sep.join(
            f"{figure_label(k, lang)}{colon}{figure_value(k, v, lang)}"
            for k, v in self.figures.items()
        )

    def row(self, lang: str = "zh") -> dict:
        """A flat row for tables and the Excel report."""
        return {
            "id": self.id,
            "check": self.check,
            "severity": self.severity,
            "finding": self.text(lang),
            "figures": self.figures_text(lang),
            "quotes": " | ".join(f"{s}: {q}" for s, q in self.quotes),
            "features": ", ".join(self.fids),
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by check."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (order[f.severity], CHECKS.index(f.check), f.text_en))
