"""用地核查: each check fails on a crafted case and stays quiet on consistent data."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import openpyxl
import pytest
from shapely.affinity import scale, translate
from shapely.geometry import box

from geo.checks.allocation import (
    check_areas,
    check_farmland,
    check_overlaps,
    check_report,
    check_totals,
    check_zones,
    run_checks,
)
from geo.checks.findings import CHECKS, Finding, check_label
from geo.checks.report_xlsx import report_xlsx
from geo.checks.spatial import naive_overlapping_pairs, overlapping_pairs, zone_overlaps
from geo.checks.status import check_status
from geo.files.readers import load_all
from geo.i18n import t
from geo.model.paths import ROOT
from qa.synthetic import protected_zones, synthetic_plots


@pytest.fixture
def frames():
    return {k: v.frame.copy() for k, v in load_all().items()}


def _set_geom(frames, pid, geom):
    p = frames["projects"]
    p.loc[p["project_id"] == pid, "geometry"] = geom


def _geom(frames, pid):
    p = frames["projects"]
    return p.loc[p["project_id"] == pid, "geometry"].iloc[0]


def test_shipped_data_gives_only_the_real_findings(frames, facts):
    findings = run_checks(frames, facts)
    assert [f.check for f in findings] == [
        "farmland",
        "report",
        "status",
        "status",
        "status",
        "totals",
    ]
    outside = findings[0]  # drawn 高标准农田 outside the schematic 永久基本农田
    assert outside.severity == "medium" and "不在永久基本农田" in outside.text_zh
    assert 0 < outside.figures["outside_mu"] < 11400 and " mu " in outside.text_en
    kg = findings[1]
    assert "齐陵第二幼儿园" in kg.text_zh and "3,690" in kg.text_zh and "4,965" in kg.text_zh
    assert ("一(六)", "投资3690万，启动第二幼儿园建设") in kg.quotes
    assert ("二(五)", "该项目计划投资4965万元") in kg.quotes
    assert kg.fids == ["project:kindergarten_2-2023", "project:kindergarten_2-2024"]


def test_yu_left_unaccounted_is_reported(frames, facts):
    """刘家终 130 + 400 = 530 against “占地530余亩”: the 余 is nowhere — a low-severity remark."""
    found = check_totals(frames, facts)
    assert [f.key for f in found] == ["yu_unaccounted"] and found[0].severity == "low"
    assert "530余亩" in found[0].text_zh and "余" in found[0].text_zh
    assert ("二(二)", "占地530余亩") in found[0].quotes and len(found[0].quotes) == 3
    facts = [replace(f, value=410.0) if f.fact_id == "F028" else f for f in facts]
    assert check_totals(frames, facts) == []  # 130 + 410 = 540: a little over 530, the 余 holds


def test_status_questions_across_the_two_years(frames, facts):
    found = [f for f in run_checks(frames, facts) if f.check == "status"]
    subjects = {tuple(f.fids) for f in found}
    assert ("project:zhengnuo_training_base-2023", "project:zhengnuo_school-2024") in subjects
    assert ("project:maolong_park-2023", "project:maolong_science_city-2024") in subjects
    zn = next(f for f in found if "zhengnuo_school-2024" in f.fids[1])
    assert ("二(三)", "目前校区正在装修施工") in zn.quotes and "建成职业培训基地" in zn.text_zh
    assert "请规划人员核实" in zn.text_zh and "planner" in zn.text_en
    p = frames["projects"]
    p.loc[p["project_id"] == "zhengnuo_school-2024", "status"] = "operating"
    assert not any("zhengnuo_school-2024" in f.fids[-1] for f in check_status(frames))


def test_totals_flag_a_wrong_sum(frames, facts):
    assert [f.key for f in check_totals(frames, facts)] == ["yu_unaccounted"]
    frames["trusteeship"].loc[0, "trusteeship_mu"] += 25
    found = [f for f in check_totals(frames, facts) if f.key != "yu_unaccounted"]
    assert len(found) == 1 and found[0].severity == "high"
    assert "10,025.0" in found[0].text_zh and found[0].quotes == [
        ("一(五)", "实现28个村托管土地1万亩")
    ]


def test_totals_flag_a_missing_meal_point(frames, facts):
    frames["meal_points"] = frames["meal_points"].iloc[1:]
    assert any("长者助餐点" in f.text_zh for f in check_totals(frames, facts))


def test_liujiazhong_parts_against_the_site(facts):
    changed = [
        replace(f, value=200.0) if f.fact_id == "F027" else f for f in facts
    ]  # resettlement 200 亩
    frames = {k: v.frame for k, v in load_all().items()}
    found = [f for f in check_totals(frames, changed) if "刘家终" in f.text_zh]
    assert (
        len(found) == 1
        and found[0].key == "parts_of_yu"
        and "600" in found[0].text_zh
        and len(found[0].quotes) == 3
    )


def test_drawn_area_outside_tolerance(frames, facts):
    pid = "lugong_smart_agri-2024"
    assert check_areas(frames, facts) == []
    _set_geom(frames, pid, scale(_geom(frames, pid), 1.1, 1.1))  # +21 % area
    found = check_areas(frames, facts, 0.05)
    assert len(found) == 1 and found[0].fids == [f"project:{pid}"]
    assert found[0].figures["reported_mu"] == 95.2 and found[0].figures["difference"].startswith(
        "+2"
    )
    assert check_areas(frames, facts, 0.25) == []  # the tolerance is adjustable


def test_overlapping_project_sites(frames):
    assert check_overlaps(frames) == []
    target = _geom(frames, "grain_center-2024")
    lugong = _geom(frames, "lugong_smart_agri-2024")
    dx, dy = target.centroid.x - lugong.centroid.x, target.centroid.y - lugong.centroid.y
    _set_geom(frames, "lugong_smart_agri-2024", translate(lugong, dx, dy))
    found = check_overlaps(frames)
    assert len(found) == 1 and set(found[0].fids) == {
        "project:lugong_smart_agri-2024",
        "project:grain_center-2024",
    }
    assert found[0].figures["overlap_mu"] == pytest.approx(95.2, abs=1)


def test_allocations_of_one_project_overlap(frames):
    res = _geom(frames, "liujiazhong_resettlement-2024")
    _set_geom(frames, "liujiazhong_resettlement-2024", res.buffer(0.0005))
    found = check_overlaps(frames)
    assert any("同一项目的两类用地重叠" in f.text_zh for f in found)
    assert all(
        "project:liujiazhong_renewal-2024" not in f.fids for f in found
    )  # parts inside the parent are fine


def test_land_counted_for_two_villages(frames):
    fa = frames["farmland_upgrade_areas"]
    fa.loc[1, "geometry"] = fa.loc[1, "geometry"].union(fa.loc[0, "geometry"].buffer(-0.001))
    found = check_overlaps(frames)
    assert any("两个村" in f.text_zh for f in found)


def test_construction_on_protected_zones(frames):
    assert check_zones(frames) == []
    heritage = frames["planning_zones"].set_index("zone_id").loc["heritage"].geometry
    site = _geom(frames, "kindergarten_2-2024")
    c = heritage.representative_point()
    moved = translate(site, c.x - site.centroid.x, c.y - site.centroid.y)
    _set_geom(frames, "kindergarten_2-2024", moved)
    found = {f.fids[1]: f for f in check_zones(frames)}
    hit = found["zone:heritage"]
    assert hit.severity == "high" and hit.fids[0] == "project:kindergarten_2-2024"
    assert "田齐王陵保护范围" in hit.text_zh and "10.40 亩" in hit.text_zh
    assert hit.figures["share"] == pytest.approx(1.0)


def test_non_construction_projects_may_lie_in_zones(frames):
    basic = frames["planning_zones"].set_index("zone_id").loc["basic_farmland"].geometry
    p = basic.representative_point()
    frames["projects"].loc[frames["projects"]["project_id"] == "puhao_coop-2023", "geometry"] = p
    assert check_zones(frames) == []


def test_report_consistency_quiet_when_figures_agree(facts):
    agreeing = [replace(f, value=4965.0) if f.fact_id == "F020" else f for f in facts]
    assert check_report(agreeing) == []
    assert len(check_report(facts)) == 1


def test_spatial_index_equals_all_pairs():
    rng = np.random.default_rng(7)
    boxes = [
        box(x, y, x + w, y + w)
        for x, y, w in zip(
            rng.uniform(0, 500, 300), rng.uniform(0, 500, 300), rng.uniform(5, 40, 300)
        )
    ]
    fast = {(i, j): round(a, 6) for i, j, a in overlapping_pairs(boxes)}
    slow = {(i, j): round(a, 6) for i, j, a in naive_overlapping_pairs(boxes)}
    assert fast == slow and len(fast) > 10


def test_indexed_checks_agree_with_the_bench_baseline():
    """On the bench's synthetic layer, the indexed checks find what the naive baseline finds."""
    plots, zones = synthetic_plots(600, seed=3), protected_zones()
    fast = {(i, j) for i, j, _ in overlapping_pairs(plots)}
    slow = {(i, j) for i, j, _ in naive_overlapping_pairs(list(plots))}
    assert fast == slow and 0 < len(fast) < 0.05 * len(plots)  # ~2 % shifted onto a neighbour
    naive_hits = sum(p.intersects(z) for p in plots for z in zones)
    assert len(zone_overlaps(plots, zones)) == naive_hits > 0


def test_excel_report_is_fit_to_hand_over(frames):
    """Sheet names and values in the UI's language, widths set, an empty check says so."""
    for lang in ("zh", "en"):
        wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(frames, [], lang)))
        for name in wb.sheetnames[:-1]:
            ws = wb[name]
            assert ws["A2"].value == t("xlsx_no_findings", lang)
            assert ws.column_dimensions["A"].width >= 8 and ws.freeze_panes == "A2"
        inv = wb[wb.sheetnames[-1]]
        cells = [c.value for row in inv.iter_rows() for c in row]
        assert "back_garden" not in cells and t("category_back_garden", lang) in cells
        header = [c.value for c in inv[1]]
        money = header.index(t("investment_wan_col", lang)) + 1
        assert all(
            isinstance(row[money - 1].value, (int, float)) for row in inv.iter_rows(min_row=2)
        )


def test_touching_is_not_overlap():
    assert overlapping_pairs([box(0, 0, 10, 10), box(10, 0, 20, 10)]) == []
    assert zone_overlaps([box(2, 2, 4, 4)], [box(0, 0, 10, 10)]) == [(0, 0, 4.0)]


def test_excel_report_has_a_sheet_per_check_and_neutralises_formulas(frames, facts):
    evil = Finding("report", "low", "report", {"subject": '=HYPERLINK("http://x","y")', "metric": "x",
                   "values": "=1+1"}, fids=["project:x-2024"])  # fmt: skip
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(frames, run_checks(frames, facts) + [evil])))
    names = [check_label(c, "zh") for c in CHECKS] + ["投资汇总"]
    assert wb.sheetnames == [n[:31] for n in names]
    ws = wb[check_label("report", "zh")[:31]]
    assert ws.freeze_panes == "A2" and ws["A1"].value == "编号" and ws["C1"].value == "严重程度"
    values = [c.value for row in ws.iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith('\'=HYPERLINK("http://x","y")') for v in values)
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_cli_report():
    out = subprocess.run(
        [sys.executable, "-m", "geo", "check", "--report"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0
    assert "齐陵第二幼儿园" in out.stdout and "6 finding(s)" in out.stdout
    assert "正在装修施工" in out.stdout and "530余亩" in out.stdout
    assert "不在永久基本农田" in out.stdout


def test_farmland_works_in_the_heritage_zone_are_a_warning_with_mu_and_share(frames):
    fa = frames["farmland_upgrade_areas"]
    zone = frames["planning_zones"].set_index("zone_id").geometry["heritage"]
    patch = fa.geometry.iloc[0]
    fa.loc[fa.index[0], "geometry"] = patch.union(zone.buffer(0))  # reach into the zone
    found = [f for f in check_farmland(frames) if "zone:heritage" in f.fids]
    assert len(found) == 1 and found[0].severity == "medium" and found[0].check == "farmland"
    f = found[0]
    assert f.figures["inside_mu"] > 0 and 0 < f.figures["share"] <= 1
    assert "亩" in f.text_zh and "田齐王陵" in f.text_zh and "heritage" in f.text_en.lower()
    assert f"farmland:{fa['village'].iloc[0]}" in f.fids


def test_farmland_inside_basic_farmland_is_not_reported(frames):
    basic = frames["planning_zones"].set_index("zone_id").geometry["basic_farmland"]
    fa = frames["farmland_upgrade_areas"]
    fa["geometry"] = [g.intersection(basic) for g in fa.geometry]
    assert not [f for f in check_farmland(frames) if "zone:basic_farmland" in f.fids]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_excel_report_shows_no_raw_keys_or_values(frames, facts, lang):
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(frames, run_checks(frames, facts), lang)))
    snake = re.compile(r"(?<![\w./:-])[a-z]+(?:_[a-z0-9]+)+(?![\w./-])")
    for ws in wb:
        for row in ws.iter_rows(min_row=1):
            for cell in row[1:]:  # column A is the finding's id
                text = "" if cell.value is None else str(cell.value)
                assert not snake.search(text), (ws.title, text)
                assert not re.search(r"\b(project|zone|farmland):", text), (ws.title, text)
                assert not re.search(r"\w=\d", text), (ws.title, text)
    header = [c.value for c in wb[wb.sheetnames[-1]][1]]
    assert t("invest_kind", lang) in header and "kind" not in header
