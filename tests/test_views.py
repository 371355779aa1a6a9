"""Records, KPIs, project filters and export, trusteeship checks, scenic lengths."""

from __future__ import annotations

import io

import openpyxl
import pytest

from geo.checks.totals import trusteeship_totals
from geo.files.readers import load_all
from geo.files.xlsx import neutralise, to_xlsx
from geo.model.facts import load_facts
from geo.views.kpi import overview_kpis, planned_investment_2024, village_metric
from geo.views.projects import display_table, filter_projects, investment_by_category
from geo.views.records import parse_selection, record_for
from geo.views.scenic import route_lengths
from geo.views.trusteeship import trusteeship_cards

FRAMES = {k: v.frame for k, v in load_all().items()}
FACTS = load_facts()


def test_planned_investment_2024_is_the_sum_of_reported_figures():
    total, used = planned_investment_2024(FRAMES["projects"], FACTS)
    assert total == sum(f.value for f in used)
    assert total == 160000 + 6000 + 200 + 20000 + 1596 + 300 + 4000 + 4965 + 3000 + 300 + 30
    assert all(f.year == 2024 and f.metric == "investment" for f in used)


def test_overview_kpis_cite_their_sources():
    kpis = overview_kpis(FRAMES, FACTS, "zh")
    assert kpis[0].value == "20.0391 亿元"
    assert kpis[1].value == "10,000 亩" and "28" in kpis[1].note
    assert all(k.sources for k in kpis[:3])


def test_village_metric_by_code():
    vals = village_metric(FRAMES, "trusteeship_mu")
    assert len(vals) == 28 and sum(vals.values()) == 10000
    assert len(village_metric(FRAMES, "assessment")) == 37
    assert village_metric(FRAMES, None) == {}


def test_parse_selection():
    assert parse_selection("project:a-2024") == ("project", "a-2024")
    assert parse_selection("nonsense") is None and parse_selection(None) is None


def test_project_record_has_quotes_and_related():
    rec = record_for("project:kindergarten_2-2024", FRAMES, FACTS, "zh")
    assert rec.title == "齐陵第二幼儿园"
    assert {f.value for f in rec.facts} >= {4965, 6931, 4835}
    assert any(sel == "project:kindergarten_2-2023" for sel, _ in rec.related)
    assert any("示意" in flag for flag in rec.flags)


def test_village_record_links_projects_and_trusteeship():
    code = FRAMES["villages"].set_index("name").loc["刘家终", "code"]
    rec = record_for(f"village:{code}", FRAMES, FACTS, "zh")
    assert any("liujiazhong_renewal-2024" in sel for sel, _ in rec.related)
    assert rec.flags


def test_unknown_selection_gives_no_record():
    assert record_for("project:nope", FRAMES, FACTS, "zh") is None


def test_filters_combine():
    p = FRAMES["projects"]
    only = filter_projects(p, categories=["livelihood"], years=[2024])
    assert set(only["category"]) == {"livelihood"} and set(only["year"]) == {2024}
    rich = filter_projects(p, investment=(5000, 1e9), include_unreported=False)
    assert rich["investment_wan"].min() >= 5000
    assert len(filter_projects(p)) == len(p)


def test_investment_by_category_sums():
    out = investment_by_category(FRAMES["projects"])
    assert out["investment_wan"].sum() == FRAMES["projects"]["investment_wan"].sum()


@pytest.mark.parametrize("bad", ["=1+1", "+SUM(A1)", "-2", "@cmd", '=HYPERLINK("http://x")'])
def test_formulas_are_neutralised(bad):
    assert neutralise(bad) == "'" + bad
    table = display_table(FRAMES["projects"]).head(1).copy()
    table.loc[0, "name"] = bad
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx({"projects": table})))
    cell = wb["projects"]["B2"]
    assert cell.value == "'" + bad and cell.data_type == "s"


def test_trusteeship_checks_pass_and_fail():
    assert all(c.ok for c in trusteeship_totals(FRAMES, FACTS))
    broken = dict(FRAMES, trusteeship=FRAMES["trusteeship"].copy())
    broken["trusteeship"].loc[0, "collective_income_wan"] = 19.5
    checks = {c.key: c.ok for c in trusteeship_totals(broken, FACTS)}
    assert checks == {"total_trusteeship_villages": True, "total_trusteeship_area": True,
                      "total_trusteeship_income": False}  # fmt: skip
    cards = trusteeship_cards(broken, FACTS, "zh")
    assert [c.ok for c in cards] == [True, True, False]
    assert cards[1].ours == "10,000 亩" and cards[2].ours == "最低 19.5 万元"
    assert cards[2].title == "各村集体收入均超20万元"


def test_route_lengths_match_reported_figures():
    df = route_lengths(FRAMES["scenic_routes"], FRAMES["tourist_road"])
    reported = df[df["reported_km"].notna()]
    assert len(reported) == 2
    for _, r in reported.iterrows():
        assert abs(r["drawn_km"] - r["reported_km"]) < 0.05


def test_projects_excel_is_fit_to_hand_over():
    from geo.views.projects import projects_xlsx

    wb = openpyxl.load_workbook(io.BytesIO(projects_xlsx(display_table(FRAMES["projects"]), "zh")))
    ws = wb["项目"]
    headers = [c.value for c in ws[1]]
    assert (
        "投资（万元）" in headers
        and "project_id" not in headers
        and "investment_wan" not in headers
    )
    assert ws.freeze_panes == "A2" and ws.column_dimensions["B"].width > 12
    col = headers.index("投资（万元）")
    assert any(isinstance(r[col].value, (int, float)) for r in ws.iter_rows(min_row=2))
    assert projects_xlsx(display_table(FRAMES["projects"]), "en") != b""
