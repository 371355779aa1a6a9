"""Provenance: every reported figure quotes the report exactly, and every number is covered."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from geo.model.facts import (
    NOT_FIGURES,
    Fact,
    load_facts,
    numbers_with_units,
    quote_supports,
    report_text,
    section_of,
    uncovered_numbers,
)
from geo.model.paths import ROOT

ALLOWED_UNITS = {"万元", "亩", "m2", "km", "kg"}


@pytest.fixture(scope="module")
def report() -> str:
    return report_text()


def test_report_is_the_client_document(report):
    seed = ROOT.parent / "shared" / "seed" / "2023年度工作总结和2024年度工作计划.txt"
    if seed.exists():
        assert seed.read_text(encoding="utf-8") == report
    assert report.startswith("2023年度工作总结和2024年度工作计划")


# One test per reported figure: the only data this module reads while collecting.
@pytest.mark.parametrize("fact", load_facts(), ids=lambda f: f.fact_id)
def test_quote_is_exact_substring_and_holds_the_value(fact: Fact, report):
    assert fact.quote in report
    assert quote_supports(fact), f"{fact.value} {fact.unit} not in {fact.quote!r}"
    assert fact.section == section_of(report, report.find(fact.quote))
    assert fact.year == (2023 if fact.section.startswith("一") else 2024)


def test_every_number_in_the_report_is_a_fact(facts, report):
    assert uncovered_numbers(report, facts) == []
    tokens = re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", report)
    assert len([t for t in tokens if t not in NOT_FIGURES]) == 72


def test_a_number_without_a_fact_is_reported(facts, report):
    without = [f for f in facts if f.fact_id != "F048"]  # 税收1000万元 of the tractor project
    missing = uncovered_numbers(report, without)
    assert [tok for _, tok in missing] == ["1000"]


def test_sections_are_read_from_the_headings(report):
    assert section_of(report, report.find("每月10日前")) == "一(一)"
    assert section_of(report, report.find("投资4965万元")) == "二(五)"
    assert section_of(report, 10) == "序"


def test_units_are_normalised(facts):
    for f in facts:
        base = f.unit.split("/")[0]
        assert "亿" not in base and (base == "万元" or not base.startswith("万")), f.fact_id
        if f.metric in ("investment", "tax", "profit", "annual_output_value", "annual_sales"):
            assert f.unit == "万元", f.fact_id
        if "area" in f.metric:
            assert base in ("m2", "亩"), f.fact_id


def test_known_normalisations(facts):
    by_id = {f.fact_id: f for f in facts}
    assert by_id["F025"].value == 160000 and by_id["F025"].unit == "万元"  # 16亿元
    assert by_id["F037"].value == 55750  # 5.575亿元
    assert by_id["F052"].value == 11400 and by_id["F052"].unit == "亩"  # 1.14万亩
    assert by_id["F054"].value == 270000 and by_id["F054"].unit == "kg"  # 27万公斤
    assert by_id["F012"].value == 50000 and by_id["F012"].rate_unit == "份/日"  # 5万份


def test_numbers_with_units_parses_chinese_multipliers():
    assert numbers_with_units("计划总投资16亿元") == [(160000.0, "万元", "16")]
    assert numbers_with_units("1.14万亩农田") == [(11400.0, "亩", "1.14")]
    assert numbers_with_units("投资3690万，") == [(3690.0, "万元", "3690")]


def test_a_wrong_value_is_not_supported(facts):
    f = facts[0]
    wrong = Fact(**{**f.__dict__, "value": f.value + 1})
    assert not quote_supports(wrong)


def test_facts_cli_prints_every_figure_as_json(facts, report):
    out = subprocess.run(
        [sys.executable, "-m", "geo", "facts", "--json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = json.loads(out.stdout)
    assert len(rows) == len(facts) >= 70
    for row in rows:
        assert {"subject", "metric", "value", "unit", "year", "quote", "section"} <= row.keys()
        assert row["quote"] in report
        assert row["year"] in (2023, 2024)
    units = {r["unit"] for r in rows}
    assert ALLOWED_UNITS <= units
    kindergarten = [
        r for r in rows if r["subject"] == "齐陵第二幼儿园" and r["metric"] == "investment"
    ]
    assert sorted(r["value"] for r in kindergarten) == [3690, 4965]
