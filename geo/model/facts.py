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

#: Numbers written in Chinese numerals (二十分钟, 一处, 七挂钩).
_ZH_NUMBER = re.compile(r"[一二两三四五六七八九十]+")
_ZH_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
#: Chinese numerals in the report that are names, ordinals or idioms, not figures: a phrase of
#: the report holding the numeral, and why it is left out.
NOT_FIGURES_ZH = {
    "二十大": "name: the 20th Party Congress", "一张清单": "name of a working method",
    "一是": "enumeration (一是…)", "二是": "enumeration", "三是": "enumeration",
    "四是": "enumeration", "五是": "enumeration", "一、": "heading", "二、": "heading",
    "（一）": "heading", "（二）": "heading", "（三）": "heading", "（四）": "heading",
    "（五）": "heading", "（六）": "heading", "统一": "word 统一 (unified)",
    "一流": "idiom 一流 (first-class)", "一体": "word 一体(化) (integrated)",
    "一新": "idiom 焕然一新", "一中": "name: 齐陵一中 / 一中路", "二中": "name: 齐陵二中",
    "第二": "ordinal (第二幼儿园)", "第三": "ordinal (第三条线路, 第三方)",
    "二次分红": "name of a mechanism (second dividend)", "村两委": "name: the two village committees",
    "两侧": "idiom 道路两侧 (both sides)", "一期": "name: phase 1", "一级甲等": "grade name",
    "一站式": "idiom 一站式 (one-stop)", "一餐热饭": "name of a programme",
    "三农": "name: 三农 (agriculture, villages, farmers)", "一批": "idiom 一批 (a group of)",
    "下一步": "idiom 下一步 (next step)",
}  # fmt: skip


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
    per: str = ""  # a rate: 年 for “年产6万吨”, 日 for “日产5万份”

    @property
    def rate_unit(self) -> str:
        """The unit with its rate (``吨/年``), as written for a reader."""
        return f"{self.unit}/{self.per}" if self.per else self.unit

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
                per=r.get("per") or "",
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


def zh_value(token: str) -> int:
    """A Chinese numeral as a number: ``二十`` → 20, ``十五`` → 15, ``两`` → 2."""
    if "十" in token:
        tens, _, ones = token.partition("十")
        return _ZH_DIGITS.get(tens, 1) * 10 + _ZH_DIGITS.get(ones, 0)
    return int("".join(str(_ZH_DIGITS[c]) for c in token))


def zh_numbers(text: str) -> list[tuple[int, str, int]]:
    """(position, token, value) of each Chinese numeral in ``text`` that is a figure (names,
    ordinals and idioms of ``NOT_FIGURES_ZH`` left out)."""
    skip = set()
    for phrase in NOT_FIGURES_ZH:
        for m in re.finditer(re.escape(phrase), text):
            skip.update(range(m.start(), m.end()))
    return [
        (m.start(), m.group(), zh_value(m.group()))
        for m in _ZH_NUMBER.finditer(text)
        if not skip.intersection(range(m.start(), m.end()))
    ]


def base_unit(unit: str) -> str:
    """The unit without its rate: ``吨/年`` → ``吨``; ``个班`` stays a count of 班."""
    return unit.split("/")[0]


def quote_supports(fact: Fact) -> bool:
    """True if a number in the quote, normalised, equals the fact's value and unit."""
    return any(
        abs(v - fact.value) < 1e-9 and u == base_unit(fact.unit)
        for v, u, _ in numbers_with_units(fact.quote)
    ) or any(abs(v - fact.value) < 1e-9 for _, _, v in zh_numbers(fact.quote))


def facts_by_subject(facts: list[Fact]) -> dict[tuple[str, int], list[Fact]]:
    """Facts grouped by (subject_id, year)."""
    out: dict[tuple[str, int], list[Fact]] = {}
    for f in facts:
        out.setdefault((f.subject_id, f.year), []).append(f)
    return out


def conflicting_figures(facts: list[Fact]) -> dict[str, tuple[Fact, ...]]:
    """Fact id → every version of a figure the report gives differently in different places
    (same subject and metric, different value), smallest first."""
    groups: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        groups.setdefault((f.subject_id, f.metric), []).append(f)
    out = {}
    for fs in groups.values():
        if len({(f.value, f.unit) for f in fs}) > 1:
            ordered = tuple(sorted(fs, key=lambda f: f.value))
            out.update({f.fact_id: ordered for f in fs})
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
            for pos, _, v in zh_numbers(f.quote):
                if abs(v - f.value) < 1e-9:
                    covered.add(start + pos)
            start = text.find(f.quote, start + 1)
    return covered


def uncovered_numbers(text: str, facts: list[Fact]) -> list[tuple[int, str]]:
    """Positions and tokens of report numbers (Arabic or Chinese numerals) that no fact gives as
    its value (names, ordinals and idioms excepted)."""
    covered = _figure_positions(text, facts)
    out = [
        (m.start(), m.group())
        for m in _NUMBER.finditer(text)
        if m.group() not in NOT_FIGURES and m.start() not in covered
    ]
    out += [(pos, tok) for pos, tok, _ in zh_numbers(text) if pos not in covered]
    return sorted(out)


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
