"""Issue 12 (figures and words): every report number a fact, 示意 marks on schematic values,
source flags on statuses and names, the report's conflicts marked wherever a figure is shown."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from functools import cache

import pytest

from geo.checks.consistency import conflicts
from geo.checks.totals import qualified_ok, remark
from geo.files.readers import load_all
from geo.i18n import t
from geo.maps.mapping import build_map
from geo.maps.options import MapOptions
from geo.model.facts import (
    NOT_FIGURES,
    NOT_FIGURES_ZH,
    load_facts,
    report_text,
    uncovered_numbers,
    zh_numbers,
    zh_value,
)
from geo.model.paths import ROOT
from geo.printing.page_parts import fact_text
from geo.views.citations import fact_figure, figure_text
from geo.views.kpi import village_metric
from geo.views.project_table import display_table
from geo.views.records import project_record, village_record


@cache
def _facts() -> list:
    """The shipped facts, read on first use (never at collection)."""
    return load_facts()


@cache
def _by_id() -> dict:
    return {f.fact_id: f for f in _facts()}


@cache
def _report() -> str:
    return report_text()


@cache
def _frames() -> dict:
    return {k: v.frame for k, v in load_all().items()}


def _layer(opts: MapOptions, name: str) -> list[dict]:
    m = build_map(_frames(), opts)
    layer = next(c for c in m._children.values() if getattr(c, "layer_name", None) == name)
    return layer.data["features"]


def _code(name: str) -> str:
    v = _frames()["villages"]
    return v.loc[v["name"] == name, "code"].iloc[0]


# 3. every number of the report is a fact (Chinese numerals too), rates in their own column
def test_every_number_of_the_report_is_counted_against_the_facts():
    arabic = re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", _report())
    figures = [a for a in arabic if a not in NOT_FIGURES] + [z for _, z, _ in zh_numbers(_report())]
    assert len(figures) == 72 + 11  # 72 Arabic, 11 Chinese numerals that are figures
    assert uncovered_numbers(_report(), _facts()) == []
    left_out = set(arabic) & set(NOT_FIGURES)
    assert {"1221", "120"} <= left_out and all(NOT_FIGURES[n] for n in left_out)
    assert all(reason for reason in NOT_FIGURES_ZH.values())


@pytest.mark.parametrize(
    ("fact_id", "quote_part", "value", "unit"),
    [("F073", "二十分钟急救圈", 20, "分钟"), ("F082", "粮食晾晒场一处", 1, "处"),
     ("F074", "七挂钩", 7, "项"), ("F081", "五项赛事", 5, "项")],
)  # fmt: skip
def test_chinese_numerals_are_facts(fact_id, quote_part, value, unit):
    f = _by_id()[fact_id]
    assert quote_part in f.quote and f.value == value and f.unit == unit
    without = [x for x in _facts() if x.fact_id != fact_id]
    assert uncovered_numbers(_report(), without), "leaving the fact out must be noticed"


def test_chinese_numerals_are_read():
    assert [zh_value(x) for x in ("二十", "一", "两", "十五", "七")] == [20, 1, 2, 15, 7]
    tokens = [z for _, z, _ in zh_numbers("贯彻党的二十大精神，一是严明考核，建设一处中心")]
    assert tokens == ["一"]  # 二十大 is a name, 一是 an enumeration


def test_rates_have_their_own_column():
    assert (_by_id()["F034"].unit, _by_id()["F034"].per) == ("吨", "年")
    assert (_by_id()["F035"].unit, _by_id()["F035"].per) == ("m2", "年")  # not “m2/年”
    assert all("/" not in f.unit for f in _facts())
    assert figure_text(_by_id()["F035"]) == "500,000 m²/年"
    out = subprocess.run([sys.executable, "-m", "geo", "facts", "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True)  # fmt: skip
    rows = {r["id"]: r for r in json.loads(out.stdout)}
    assert rows["F034"]["per"] == "年" and rows["F034"]["unit"] == "吨"
    assert {"subject", "metric", "value", "unit", "qualifier", "section", "quote"} <= rows[
        "F073"
    ].keys()


# 6. words: qualifiers in natural order everywhere, conflicts marked
def test_qualifiers_in_natural_order_in_print_too():
    assert fact_text(_by_id()["F022"], "zh")[0].startswith("80 岁以上")
    assert fact_text(_by_id()["F041"], "zh")[0].startswith("约4,300 m²")
    assert fact_text(_by_id()["F046"], "zh")[0].startswith("预计2 亿元")
    assert fact_text(_by_id()["F026"], "en")[0].startswith("over 530 mu")


def test_conflicting_figures_are_marked_wherever_shown():
    found = conflicts(_facts())
    assert set(found) == {"F020", "F063"}
    mark = "（报告前后不一：3,690 万元 / 4,965 万元）"
    assert fact_figure(_by_id()["F063"], "zh", _facts()).endswith(mark)
    assert fact_figure(_by_id()["F005"], "zh", _facts()) == "21 家"
    assert fact_text(_by_id()["F020"], "zh", _facts())[0].startswith("3,690 万元" + mark)
    table = display_table(_frames()["projects"], "zh").set_index("project_id")
    assert table.loc["kindergarten_2-2024", t("col_investment_note", "zh")] == mark
    assert table.loc["lanting_env-2024", t("col_investment_note", "zh")] == ""
    tips = {
        f["properties"]["fid"]: f["properties"]["tip"] for f in _layer(MapOptions(), "项目点位")
    }
    assert tips["project:kindergarten_2-2024"].endswith(mark)


# 2. 示意 wherever a value is schematic
def test_schematic_village_values_are_marked():
    for metric in ("trusteeship_mu", "farmland_mu", "collective_income_wan", "assessment"):
        assert "示意" in t(f"metric_{metric}", "zh") and "schematic" in t(f"metric_{metric}", "en")
    values = village_metric(_frames(), "trusteeship_mu")
    features = _layer(MapOptions(metric="trusteeship_mu", metric_values=values), "行政村")
    tips = [f["properties"]["tip"] for f in features if f["properties"]["fid"][8:] in values]
    assert len(tips) == 28 and all(
        "托管面积（亩，示意分配）" in x and x.endswith("（示意）") for x in tips
    )


def test_village_record_keeps_subdistrict_totals_apart():
    rec = village_record(
        _code(_frames()["trusteeship"]["village"].iloc[0]), _frames(), _facts(), "zh"
    )
    assert not [f for f in rec.facts if f.subject_id in ("land_trusteeship", "farmland_upgrade")]
    assert {f.metric for f in rec.context} >= {"villages", "area"}
    assert rec.no_figures_key == "no_figures_village" and "该村" in t(rec.no_figures_key, "zh")
    wangqi = village_record(_code("王齐"), _frames(), _facts(), "zh")
    assert "该项目" not in t(wangqi.no_figures_key, "zh")


def test_farmland_village_read_from_nanqi_is_inferred():
    fu = _frames()["farmland_upgrade"].set_index("village")
    assert fu.loc["南齐陵", "village_source"] == "inferred"
    assert fu.loc["南齐陵", "village_as_reported"] == "南齐" and "南齐、" in _report()
    assert fu.loc["前李", "village_source"] == "report"
    rec = village_record(_code("南齐陵"), _frames(), _facts(), "zh")
    assert any("报告作“南齐”" in v for _, v in rec.fields)


# 5. every field has a source flag
def test_every_status_has_its_source():
    p = _frames()["projects"]
    assert set(p["status_source"]) == {"report", "inferred"}
    for _, r in p.iterrows():
        assert r["status_quote"] in _report(), r["project_id"]
        if r["status_source"] == "inferred":
            assert t(f"status_reason_{r['status_reason']}", "zh")
    assert set(p.loc[p["name_source"] == "inferred", "subject_id"]) >= {"qiling_middle_school"}
    blocks = _frames()["liujiazhong_blocks"]
    assert set(blocks["land_use_source"]) == {"inferred"}


def test_project_record_shows_status_source_and_badges():
    rec = project_record("zhengnuo_school-2024", _frames(), _facts(), "zh")
    status = dict(rec.fields)[t("status", "zh")]
    assert status == "实施中（报告：“目前校区正在装修施工”）"
    school = project_record("qiling_middle_school-2023", _frames(), _facts(), "zh")
    assert "名称·推断" in school.flags
    park = project_record("zidong_park-2023", _frames(), _facts(), "zh")
    assert "状态依据·推断" in park.flags and "推断" in dict(park.fields)[t("status", "zh")]


# 4. qualifiers understood by the totals engine
def test_qualifiers_are_read_by_the_totals_engine():
    site = _by_id()["F026"]  # 530余亩
    assert qualified_ok(530, site) and remark(530, site) == "yu_unaccounted"
    assert qualified_ok(540, site) and remark(540, site) == ""
    assert not qualified_ok(600, site) and not qualified_ok(520, site)
    about = replace(_by_id()["F041"])  # 约4300平方米
    assert qualified_ok(4400, about) and not qualified_ok(5000, about)
    above = _by_id()["F072"]  # 超过8000人
    assert qualified_ok(8001, above) and not qualified_ok(8000, above)
    around = _by_id()["F049"]  # 100人左右
    assert qualified_ok(97, around) and not qualified_ok(80, around)


def test_investment_summary_keeps_kinds_apart():
    from geo.checks.allocation import investment_summary

    s = investment_summary(_frames()["projects"])
    by_kind = s[s["year"] == 2024].groupby("kind")["investment_wan"].sum().to_dict()
    assert by_kind == {"plan": 14191.0, "company": 26200.0, "multi_year": 160000.0}


def test_village_page_shows_subdistrict_totals_apart():
    from tests.apptest_util import run_page

    code = _code(_frames()["trusteeship"]["village"].iloc[0])
    at = run_page("village", query={"village": code})
    assert not at.exception
    body = " ".join(m.value for m in at.markdown)
    assert "街道合计（报告数字，非本村）" in body
    # the village's own figures come first and hold none of the subdistrict totals
    own = body.split("街道合计（报告数字，非本村）")[0].split("报告数字")[-1]
    assert "实现28个村托管土地1万亩" not in own
    wangqi = run_page("village", query={"village": _code("王齐")})
    captions = " ".join(c.value for c in wangqi.caption)
    assert "该项目" not in captions


def test_geo_check_requires_a_quote_for_a_reported_status():
    from geo.checks.consistency import consistency_problems

    frames = {k: v.copy() for k, v in _frames().items()}
    assert consistency_problems(frames, _facts()) == []
    p = frames["projects"]
    p.loc[p["project_id"] == "zhengnuo_school-2024", "status_quote"] = None
    problems = consistency_problems(frames, _facts())
    assert problems == [
        ("projects", "zhengnuo_school-2024: status marked as reported but without its quote")
    ]
