"""Reported figures: ``data/facts.csv``, each with its exact quote and section of the report."""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from geo.model.paths import DATA_DIR

REPORT_FILE = "report_2023_2024.txt"
FACTS_FILE = "facts.csv"

#: Numbers in the report that are names or document furniture, not figures.
NOT_FIGURES = {
    "1221": "name of the “1221” work system",
    "120": "the emergency telephone number in the name “120”急救中心",
    "150199542": "a Word bookmark id left in the text",
    "2023": "year in a heading",
    "2024": "year in a heading",
}

#: A number followed by its unit word, and how that unit normalises (multiplier, unit).
_UNIT_RULES = [
    ("亿元", 10000, "万元"), ("万元", 1, "万元"), ("万平方米", 10000, "m2"), ("万亩", 10000, "亩"),
    ("万公斤", 10000, "kg"), ("万吨", 10000, "吨"), ("万份", 10000, "份"), ("万台", 10000, "台"),
    ("万", 1, "万元"), ("平方米", 1, "m2"), ("平方", 1, "m2"), ("公里", 1, "km"), ("亩", 1, "亩"),
    ("个班", 1, "班"), ("大方面", 1, "方面"), ("人次", 1, "人次"), ("周年", 1, "年"),
    ("余亩", 1, "亩"), ("余万元", 1, "万元"), ("余人", 1, "人"), ("余间", 1, "间"),
    ("日", 1, "日"), ("户", 1, "户"), ("家", 1, "家"), ("盏", 1, "盏"), ("个", 1, "个"),
    ("栋", 1, "栋"), ("台", 1, "台"), ("人", 1, "人"), ("间", 1, "间"), ("座", 1, "座"),
    ("处", 1, "处"), ("岁", 1, "岁"),
]  # fmt: skip
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


@dataclass(frozen=True)
class Fact:
    """One reported figure with its provenance."""

    fact_id: str
    subject_id: str
    subject: str
    metric: str
    value: float
    unit: str
    qualifier: str
    year: int
    section: str
    quote: str

    def as_dict(self) -> dict:
        d = asdict(self)
        d["value"] = int(self.value) if float(self.value).is_integer() else self.value
        return d


def report_text(data_dir: Path = DATA_DIR) -> str:
    """The report as shipped in ``data/`` (the cited source)."""
    return (Path(data_dir) / REPORT_FILE).read_text(encoding="utf-8")


def load_facts(data_dir: Path = DATA_DIR) -> list[Fact]:
    """Every reported figure, in file order."""
    with open(Path(data_dir) / FACTS_FILE, encoding="utf-8", newline="") as fh:
        return [
            Fact(
                fact_id=r["fact_id"],
                subject_id=r["subject_id"],
                subject=r["subject"],
                metric=r["metric"],
                value=float(r["value"]),
                unit=r["unit"],
                qualifier=r["qualifier"],
                year=int(r["year"]),
                section=r["section"],
                quote=r["quote"],
            )
            for r in csv.DictReader(fh)
        ]


def numbers_with_units(text: str) -> list[tuple[float, str, str]]:
    """Each number in ``text`` with its normalised value, unit and the raw token."""
    out = []
    for m in _NUMBER.finditer(text):
        tail = text[m.end() : m.end() + 4]
        for word, mult, unit in _UNIT_RULES:
            if tail.startswith(word):
                out.append((round(float(m.group()) * mult, 6), unit, m.group()))
                break
        else:
            out.append((float(m.group()), "", m.group()))
    return out


def base_unit(unit: str) -> str:
    """The unit without its rate: ``吨/年`` → ``吨``; ``个班`` stays a count of 班."""
    return unit.split("/")[0]


def quote_supports(fact: Fact) -> bool:
    """True if a number in the quote, normalised, equals the fact's value and unit."""
    return any(
        abs(v - fact.value) < 1e-9 and u == base_unit(fact.unit)
        for v, u, _ in numbers_with_units(fact.quote)
    )


def facts_by_subject(facts: list[Fact]) -> dict[tuple[str, int], list[Fact]]:
    """Facts grouped by (subject_id, year)."""
    out: dict[tuple[str, int], list[Fact]] = {}
    for f in facts:
        out.setdefault((f.subject_id, f.year), []).append(f)
    return out


def _figure_positions(text: str, facts: list[Fact]) -> set[int]:
    """Report positions of number tokens that some fact's value is normalised from."""
    covered = set()
    for f in facts:
        start = text.find(f.quote)
        while start >= 0:
            for m, (v, u, _) in zip(_NUMBER.finditer(f.quote), numbers_with_units(f.quote)):
                if abs(v - f.value) < 1e-9 and u == base_unit(f.unit):
                    covered.add(start + m.start())
            start = text.find(f.quote, start + 1)
    return covered


def uncovered_numbers(text: str, facts: list[Fact]) -> list[tuple[int, str]]:
    """Positions and tokens of report numbers that no fact gives as its value (names excepted)."""
    covered = _figure_positions(text, facts)
    return [
        (m.start(), m.group())
        for m in _NUMBER.finditer(text)
        if m.group() not in NOT_FIGURES and m.start() not in covered
    ]


_SECTION_MARK = re.compile(r"(?m)^(?:\[[^\]]*\])?([一二])、|（([一二三四五六])）")


def section_of(text: str, position: int) -> str:
    """The section label (e.g. ``一(五)``) of a character position; ``序`` before part 一."""
    major, minor = "", ""
    for m in _SECTION_MARK.finditer(text, 0, position + 1):
        if m.group(1):
            major, minor = m.group(1), ""
        elif major:
            minor = m.group(2)
    if not major:
        return "序"
    return f"{major}({minor})" if minor else major


def reported(facts: list[Fact], subject: str, metric: str) -> Fact:
    """The one lookup of a reported figure by subject and metric (KeyError naming both)."""
    for f in facts:
        if f.subject_id == subject and f.metric == metric:
            return f
    raise KeyError(f"no reported figure for {subject}.{metric}")
