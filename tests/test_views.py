"""Records, KPIs, project filters and export, trusteeship checks, scenic lengths."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from geo.checks.totals import trusteeship_totals
from geo.files.xlsx import neutralise, to_xlsx
from geo.model.facts import report_text
from geo.views.kpi import overview_kpis, planned_investment_2024, report_items, village_metric
from geo.views.project_table import (
    display_table,
    filter_projects,
    investment_by_category,
    projects_xlsx,
)
from geo.views.records import parse_selection, record_for
from geo.views.route_lengths import route_lengths
from geo.views.trusteeship_cards import trusteeship_cards


def test_planned_investment_2024_is_the_sum_of_reported_figures(frames, facts):
    total, used = planned_investment_2024(frames["projects"], facts)
    assert total == sum(f.value for f in used) == 30 + 1596 + 300 + 4000 + 4965 + 3000 + 300
    assert all(f.year == 2024 and f.metric == "investment" for f in used)
    company, used = planned_investment_2024(frames["projects"], facts, ("company",))
    assert company == 6000 + 200 + 20000 and len(used) == 3
    multi, used = planned_investment_2024(frames["projects"], facts, ("multi_year",))
    assert multi == 160000 and used[0].subject_id == "liujiazhong_renewal"


def test_overview_kpis_say_what_they_count(frames, facts):
    """No 20.0391 亿元: three sums kept apart, 亿元 to two decimals, computed ones say so."""
    kpis = {k.key: k for k in overview_kpis(frames, facts, "zh")}
    plan, comp, multi = kpis["invest_2024"], kpis["invest_company"], kpis["invest_multi_year"]
    assert plan.value == "1.42 亿元" and "计算值" in plan.label and "7 项" in plan.note
    assert comp.value == "2.62 亿元" and "计算值" in comp.label and "预计2 亿元" in comp.note
    assert multi.value == "16 亿元" and "刘家终" in multi.label and "多年" in multi.note
    assert kpis["trusteeship"].value == "10,000 亩" and "28" in kpis["trusteeship"].note
    count = kpis["projects"]
    assert count.value == "17" and "18" in count.note and "47" in count.note
    for k in kpis.values():
        assert k.sources or "计算" in k.label or "逐项" in k.note
        assert not re.search(r"\d\.\d{3,} 亿", k.value)
    en = {k.key: k for k in overview_kpis(frames, facts, "en")}
    assert "computed" in en["invest_2024"].label and en["invest_2024"].value == "¥141.9 m"


def test_report_items_follow_the_reports_structure():
    items = report_items(report_text())
    assert items == {2023: 18, 2024: 17}


def test_village_metric_by_code(frames):
    vals = village_metric(frames, "trusteeship_mu")
    assert len(vals) == 28 and sum(vals.values()) == 10000
    assert len(village_metric(frames, "assessment")) == 37
    assert village_metric(frames, None) == {}


def test_parse_selection():
    assert parse_selection("project:a-2024") == ("project", "a-2024")
    assert parse_selection("nonsense") is None and parse_selection(None) is None


def test_project_record_has_quotes_and_related(facts, frames):
    rec = record_for("project:kindergarten_2-2024", frames, facts, "zh")
    assert rec.title == "齐陵第二幼儿园"
    assert {f.value for f in rec.facts} >= {4965, 6931, 4835}
    assert any(sel == "project:kindergarten_2-2023" for sel, _ in rec.related)
    assert any("示意" in flag for flag in rec.flags)


def test_village_record_links_projects_and_trusteeship(facts, frames):
    code = frames["villages"].set_index("name").loc["刘家终", "code"]
    rec = record_for(f"village:{code}", frames, facts, "zh")
    assert any("liujiazhong_renewal-2024" in sel for sel, _ in rec.related)
    assert rec.flags


def test_unknown_selection_gives_no_record(facts, frames):
    assert record_for("project:nope", frames, facts, "zh") is None


def test_filters_combine(frames):
    p = frames["projects"]
    only = filter_projects(p, categories=["livelihood"], years=[2024])
    assert set(only["category"]) == {"livelihood"} and set(only["year"]) == {2024}
    rich = filter_projects(p, investment=(5000, 1e9), include_unreported=False)
    assert rich["investment_wan"].min() >= 5000
    assert len(filter_projects(p)) == len(p)


def test_investment_by_category_sums(frames):
    out = investment_by_category(frames["projects"])
    assert out["investment_wan"].sum() == frames["projects"]["investment_wan"].sum()


@pytest.mark.parametrize("bad", ["=1+1", "+SUM(A1)", "-2", "@cmd", '=HYPERLINK("http://x")'])
def test_formulas_are_neutralised(bad, frames):
    assert neutralise(bad) == "'" + bad
    table = display_table(frames["projects"]).head(1).copy()
    table.loc[0, "name"] = bad
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx({"projects": table})))
    cell = wb["projects"]["B2"]
    assert cell.value == "'" + bad and cell.data_type == "s"


def test_trusteeship_checks_pass_and_fail(facts, frames):
    assert all(c.ok for c in trusteeship_totals(frames, facts))
    broken = dict(frames, trusteeship=frames["trusteeship"].copy())
    broken["trusteeship"].loc[0, "collective_income_wan"] = 19.5
    checks = {c.key: c.ok for c in trusteeship_totals(broken, facts)}
    assert checks == {"total_trusteeship_villages": True, "total_trusteeship_area": True,
                      "total_trusteeship_income": False}  # fmt: skip
    cards = trusteeship_cards(broken, facts, "zh")
    assert [c.ok for c in cards] == [True, True, False]
    assert cards[1].ours == "10,000 亩" and cards[2].ours == "最低 19.5 万元"
    assert cards[2].title == "各村集体收入均超20万元"


def test_route_lengths_match_reported_figures(frames):
    df = route_lengths(frames["scenic_routes"], frames["tourist_road"])
    reported = df[df["reported_km"].notna()]
    assert len(reported) == 2
    for _, r in reported.iterrows():
        assert abs(r["drawn_km"] - r["reported_km"]) < 0.05


def test_projects_excel_is_fit_to_hand_over(frames):
    wb = openpyxl.load_workbook(io.BytesIO(projects_xlsx(display_table(frames["projects"]), "zh")))
    ws = wb["项目"]
    headers = [c.value for c in ws[1]]
    assert (
        "投资（万元）" in headers
        and "project_id" not in headers
        and "investment_wan" not in headers
    )
    assert ws.freeze_panes == "A2" and ws.column_dimensions["A"].width > 12  # the name
    col = headers.index("投资（万元）")
    assert any(isinstance(r[col].value, (int, float)) for r in ws.iter_rows(min_row=2))
    assert projects_xlsx(display_table(frames["projects"]), "en") != b""


def test_dataset_lines_speak_the_readers_language():
    """A layer's source line names no file and, in Chinese, has no English words."""
    from geo.model.catalog import load_catalog
    from geo.views.citations import dataset_text

    for entry in load_catalog().values():
        zh, en = dataset_text(entry, "zh"), dataset_text(entry, "en")
        for text in (zh, en):
            assert not re.search(r"data/|\.(txt|md|py|csv|json|geojson)\b", text), text
        words = re.findall(r"[A-Za-z]{3,}", re.sub(r"DataV|GeoAtlas|GCJ-02|WGS 84|CC0", "", zh))
        assert words == [], (entry.id, words, zh)
