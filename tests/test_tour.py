"""The presentation tour: stops from data/tour.json, figures from the facts, never retyped."""

from __future__ import annotations

import json
import shutil

import pytest

from geo.maps.mapping import features_for
from geo.maps.tourmap import _figure, build_tour, tour_config
from geo.model.facts import report_text
from geo.model.paths import DATA_DIR
from geo.views.tour import TourError, check_tour, focus_bounds, focus_fids, load_tour, stop_figures
from tests.apptest_util import run_page


def test_shipped_tour_is_valid_and_about_ten_stops(facts, frames):
    meta, stops = load_tour()
    assert 8 <= len(stops) <= 12
    assert check_tour(stops, frames, facts, features_for) == []
    assert [s.id for s in stops][:2] == ["overview", "east_new_town"] and stops[-1].id == "total"


def test_every_figure_has_a_source_and_quotes_the_report(facts, frames):
    _, stops = load_tour()
    report = report_text()
    for s in stops:
        figs = stop_figures(s, frames, facts, "zh")
        assert 3 <= len(figs) <= 5 or s.id == "vegetables"
        for f in figs:
            assert f.value and f.source
            if "：“" in f.source:  # a quoted sentence (not a subject name in quotes)
                assert f.source.split("“", 1)[1].rstrip("”") in report


def test_fact_figures_are_formatted_from_the_fact(facts, frames):
    _, stops = load_tour()
    key = next(s for s in stops if s.id == "key_2024")
    assert [f.value for f in stop_figures(key, frames, facts, "zh")] == [
        "16 亿元",
        "5.575 亿元",
        "预计2 亿元",
        "4,000 万元",
    ]
    total = next(s for s in stops if s.id == "total")
    figs = stop_figures(total, frames, facts, "zh")
    assert [f.value for f in figs] == ["1.42 亿元", "2.62 亿元", "16 亿元", "17"]
    assert "计算值" in figs[0].label and "报告未给合计" in figs[0].source
    assert "第二部分" in figs[3].source


def test_the_kindergarten_figure_carries_its_conflict(frames, facts):
    _, stops = load_tour()
    stop = next(s for s in stops if s.id == "livelihood")
    kg = stop_figures(stop, frames, facts, "zh")[0]
    assert kg.value == "4,965 万元"  # one short line in big type
    assert kg.label.endswith("（报告前后不一：3,690 万元 / 4,965 万元）")


def test_each_stop_frames_a_different_view(frames):
    _, stops = load_tour()
    boxes = [
        tuple(round(float(v), 4) for v in focus_bounds(s, frames, features_for)) for s in stops
    ]
    assert len(set(boxes)) == len(boxes)
    assert all(focus_fids(s, frames) or "layer" in s.focus for s in stops)


def test_staff_can_reorder_and_edit_without_code(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    raw = json.loads((data / "tour.json").read_text(encoding="utf-8"))
    raw["stops"].reverse()
    raw["stops"][0]["title_zh"] = "改过的标题"
    (data / "tour.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    _, stops = load_tour(data)
    assert stops[0].id == "total" and stops[0].title_zh == "改过的标题"


def test_unknown_fact_is_named(facts, frames):
    _, stops = load_tour()
    stops[0].figures = [{"fact": "F999"}]
    assert "no reported figure F999" in " ".join(check_tour(stops, frames, facts, features_for))
    with pytest.raises(TourError):
        stop_figures(stops[0], frames, facts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_present_page_sends_the_whole_tour_once(lang):
    at = run_page("present", lang, query={"stop": "3"})
    assert not at.exception
    assert not at.button  # no server-side buttons: the tour is driven in the browser


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tour_page_holds_every_stop(lang, frames, facts):
    _, stops = load_tour()
    m = build_tour(frames, facts, stops, lang)
    cfg = tour_config(m)
    assert [s["id"] for s in cfg["stops"]] == [s.id for s in stops]
    html = m.get_root().render()
    assert "qmTour(" in html and "imperial: false" in html and "L.control.scale(" in html
    assert "control_scale" not in html and "L.control.scale()" not in html
    for stop, c in zip(stops, cfg["stops"]):
        assert c["title"] == stop.title(lang) and c["figures"]
        (s, w), (n, e) = c["bounds"]
        assert s < n and w < e
        for f in c["figures"]:
            assert f["value"] and f["source"]
            assert not f["quote"] or f["quote"].startswith(f["source"]) or "“" not in f["quote"]
    # the highlighted stops carry their own highlight layer
    assert sum(any(g.startswith("highlight@") for g in c["groups"]) for c in cfg["stops"]) >= 8


def test_long_sources_show_a_short_head_and_the_quote_on_demand():
    from geo.views.tour import BigFigure

    f = _figure(
        BigFigure(
            "5.7 km", "牛山路", "报告一(二)：“配合完成总长度5.7公里的牛山路雨污分流管网建设”"
        ),
        "zh",
    )
    assert f["source"] == "报告一(二)" and "5.7公里" in f["quote"]
    short = _figure(BigFigure("31 户", "商业街", "报告一(二)：“已入驻商家31户”"), "zh")
    assert short["quote"] == "" and short["source"].endswith("”")
