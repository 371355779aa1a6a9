"""Findings of the allocation checks: what is wrong, how badly, with figures and quotes.

A finding carries a text key and its parameters, not sentences: ``text(lang)`` renders it from
the ``finding_*`` strings in the reader's language. A parameter given as a (zh, en) pair (a
name, a list of figures) is taken in that language.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from geo.i18n import resolve, t

SEVERITIES = ("high", "medium", "low", "info")
CHECKS = ("totals", "area", "overlap", "zones", "farmland", "report", "status")


def severity_label(severity: str, lang: str) -> str:
    return t(f"severity_{severity}", lang)


def check_label(check: str, lang: str) -> str:
    return t(f"checkname_{check}", lang)


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

    def row(self, lang: str = "zh") -> dict:
        """A flat row for tables and the Excel report."""
        return {
            "id": self.id,
            "check": self.check,
            "severity": self.severity,
            "finding": self.text(lang),
            "figures": "; ".join(f"{k}={v}" for k, v in self.figures.items()),
            "quotes": " | ".join(f"{s}: {q}" for s, q in self.quotes),
            "features": ", ".join(self.fids),
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by check."""
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: (order[f.severity], CHECKS.index(f.check), f.text_en))
