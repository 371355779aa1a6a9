"""AppTest: every page runs in both languages; filters change the table and the map."""

from __future__ import annotations

import pytest

from geo.files.readers import load
from tests.apptest_util import PAGES, feature_ids, map_args, run_page


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page: str, lang: str):
    at = run_page(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(str(m.value) for m in at.markdown) + " ".join(str(t.value) for t in at.title)
    assert text.strip()
    if page != "sources":
        assert map_args(at), "page draws no map"


def test_titles_follow_the_language():
    assert run_page("trusteeship", "zh").title[0].value == "土地托管"
    assert run_page("trusteeship", "en").title[0].value == "Land trusteeship"


def test_overview_map_has_every_village_and_project():
    at = run_page("overview")
    script = map_args(at)[0]["script"]
    assert len(feature_ids(script, "village")) == 37
    projects = load("projects").frame
    # every project with a site; the one whose site the report leaves undecided is not drawn
    assert (
        len(feature_ids(script, "project")) == projects.geometry.notna().sum() == len(projects) - 1
    )
    assert len(at.metric) == 6
    assert [m.value for m in at.metric[:3]] == ["1.42 亿元", "2.62 亿元", "16 亿元"]
    labels = [m.label for m in at.metric]
    assert "计算值" in labels[0] and "计算值" in labels[1] and "刘家终" in labels[2]
    assert at.metric[5].value == "17" and "报告所列" in labels[5]
    captions = " ".join(c.value for c in at.caption)
    assert "20.0391" not in captions and "报告未给合计" in captions
    assert "示意" in " ".join(w.value for w in at.warning) + captions + " ".join(
        m.value for m in at.markdown
    )


def test_year_filter_changes_the_map():
    at = run_page("overview")
    at.pills(key="w_year@zh").set_value("2024").run()
    ids = feature_ids(map_args(at)[0]["script"], "project")
    assert ids and all(i.endswith("-2024") for i in ids)


def test_switching_language_keeps_every_choice():
    at = run_page("projects")
    at.pills(key="w_year@zh").set_value("2024").run()
    at.multiselect(key="w_filter_category@zh").set_value(["livelihood"]).run()
    at.pills(key="w_overlays@zh").set_value(["boundary", "projects"]).run()
    at.segmented_control(key="w_lang").set_value("en").run()
    assert not at.exception
    assert at.pills(key="w_year@en").value == "2024"
    assert at.multiselect(key="w_filter_category@en").value == ["livelihood"]
    assert at.pills(key="w_overlays@en").value == ["boundary", "projects"]
    assert at.pills(key="w_year@en").label == "Year"


def test_project_filters_change_table_and_map():
    at = run_page("projects")
    before_rows = len(at.dataframe[0].value)
    before_map = feature_ids(map_args(at)[0]["script"], "project")
    assert before_rows == len(load("projects").frame) == len(before_map) + 1  # one 选址未定
    at.multiselect(key="w_filter_category@zh").set_value(["livelihood"]).run()
    rows = at.dataframe[0].value
    ids = feature_ids(map_args(at)[0]["script"], "project")
    assert 0 < len(rows) < before_rows
    assert set(rows["project_id"]) == ids
    at.checkbox(key="w_filter_no_investment@zh").uncheck().run()
    assert len(at.dataframe[0].value) < len(rows)
    assert at.dataframe[0].value["investment_wan"].notna().all()


def test_selection_in_url_opens_the_record():
    at = run_page("overview", query={"sel": "project:kindergarten_2-2024"})
    body = " ".join(str(m.value) for m in at.markdown)
    assert "4,965 万元" in body and "该项目计划投资4965万元" in body
    assert at.subheader[0].value == "齐陵第二幼儿园"


def test_village_profile_from_url():
    at = run_page("village", query={"village": "QL09"})
    assert at.selectbox(key="w_village").value == "QL09"
    assert at.subheader[0].value == load("villages").frame.set_index("code").loc["QL09", "name"]


def test_trusteeship_checks_pass_on_shipped_data():
    at = run_page("trusteeship")
    body = " ".join(str(m.value) for m in at.markdown)
    assert body.count("✔") == 3 and "✘" not in body


def test_checks_page_lists_findings_and_shows_one_on_the_map():
    at = run_page("checks")
    assert not at.exception
    assert [m.value for m in at.metric] == ["0", "5", "1", "0"]
    show = [b for b in at.button if b.key and b.key.startswith("show_")]
    # farmland outside 永久基本农田, the kindergarten's two figures, three status questions,
    # the 余 of 刘家终's “530余亩” left unaccounted
    assert len(show) == 6
    show[1].click().run()
    script = map_args(at)[0]["script"]
    assert script.count('"fid": "selection"') == 2  # both kindergarten records highlighted
    at.pills(key="w_severity@zh").set_value(["high"]).run()
    assert not [b for b in at.button if b.key and b.key.startswith("show_")]


@pytest.mark.parametrize("page", [p for p in PAGES if p != "sources"])
def test_every_map_asset_is_served_by_the_app(page):
    """Every script and style sheet the map component loads is a file under static/vendor."""
    from geo.maps.assets import DEFAULT_PREFIX, DEFAULT_VENDOR_DIR

    args = map_args(run_page(page))[0]
    links = list(args["js_links"]) + list(args["css_links"])
    assert len(links) >= 3
    for url in links:
        assert url.startswith(DEFAULT_PREFIX + "/"), url
        assert (DEFAULT_VENDOR_DIR / url[len(DEFAULT_PREFIX) + 1 :]).is_file(), url


def test_a_rerun_sends_the_prepared_map_without_building_it(monkeypatch) -> None:
    import ui.common
    from ui import mapview

    built = []
    real = ui.common.build_map
    monkeypatch.setattr(ui.common, "build_map", lambda *a, **k: built.append(1) or real(*a, **k))
    mapview.MAPS.clear()
    at = run_page("scenic")
    first = map_args(at)
    at.run()
    assert not at.exception
    assert len(built) == 1  # the rerun used the prepared map
    assert map_args(at) == first and len(first) == 1
    assert len(first[0]["js_links"]) == 1 and "/bundle-" in first[0]["js_links"][0]
    run_page("scenic", lang="en")  # other options: built anew
    assert len(built) == 2


@pytest.mark.parametrize("page", ["projects", "trusteeship"])
def test_tables_show_no_internal_keys(page):
    """A leader sees names, not ids such as ``zidong_street-2023`` or ``QL09``."""
    at = run_page(page, "zh")
    table = at.dataframe[0]
    shown = list(table.proto.column_order) or list(table.value.columns)
    assert shown and "project_id" not in shown and "code" not in shown, shown


@pytest.mark.parametrize("page", PAGES)
def test_empty_cells_read_as_a_dash_not_none(page):
    """st.dataframe draws a missing value as "None" unless told otherwise; tables drawn as text
    write "—" themselves."""
    at = run_page(page, "zh")
    for table in at.dataframe:
        assert table.proto.placeholder == "—" or not table.value.isna().any().any()
    for table in at.table:
        assert not table.value.isin(["None", "nan", "NaN"]).any().any()
