"""Findings of the allocation checks: what is wrong, how badly, with figures and quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("high", "medium", "low", "info")
SEVERITY_LABELS = {
    "high": ("严重", "High"), "medium": ("中等", "Medium"), "low": ("轻微", "Low"), "info": ("提示", "Info"),
}  # fmt: skip
CHECKS = {
    "totals": ("与报告总数核对", "Totals vs the report"),
    "area": ("图上面积与报告面积", "Drawn vs reported area"),
    "overlap": ("重叠", "Overlaps"),
    "zones": ("管控区冲突", "Protected-zone conflicts"),
    "farmland": ("高标准农田与管控区", "Farmland works vs zones"),
    "report": ("报告前后不一致", "Report inconsistencies"),
}


@dataclass
class Finding:
    """One problem found by a check. ``fids`` are the map features involved."""

    check: str
    severity: str
    text_zh: str
    text_en: str
    figures: dict[str, object] = field(default_factory=dict)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (section, quote)
    fids: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        """A stable id for links (check, severity and the features involved)."""
        import hashlib

        raw = "|".join([self.check, self.text_en, *self.fids])
        return f"{self.check}-{hashlib.sha1(raw.encode()).hexdigest()[:8]}"

    def text(self, lang: str = "zh") -> str:
        return self.text_zh if lang == "zh" else self.text_en

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
    checks = list(CHECKS)
    return sorted(findings, key=lambda f: (order[f.severity], checks.index(f.check), f.text_en))
