"""AppTest of the contract-plot page in both languages: totals, map payload, plot lookup."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.model.units import format_mu
from geo.plots.stats import totals
from tests.apptest_util import map_args, run_page
from ui.page import PAGES


@pytest.fixture(scope="module")
def plot_totals(plots40k) -> dict:
    return totals(plots40k)


def _run(lang: str) -> AppTest:
    """The page through app.py once it is registered there, else on its own."""
    if "plots" in PAGES:
        return run_page("plots", lang)
    from geo.model.paths import ROOT

    at = AppTest.from_file(str(ROOT / "pages" / "plots.py"), default_timeout=120)
    at.session_state["lang"] = lang
    return at.run()


def _config(at: AppTest) -> dict:
    script = map_args(at)[0]["script"]
    match = re.search(r"qmPlotLayers[\s\S]*?\}\)\s*\((\w+), (\w+), (\{.*\})\);", script)
    assert match, "the plot layer is not in the map script"
    return json.loads(match.group(3))


@pytest.mark.parametrize(("lang", "title", "entrusted"), [("zh", "确权地块", "已托管面积"),
                                                          ("en", "Contract plots", "Area in trusteeship")])  # fmt: skip
def test_page_shows_exact_totals_and_a_light_map(
    lang, title, entrusted, plots40k, plot_totals, frames
):
    at = _run(lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == title
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[entrusted] == format_mu(plot_totals["entrusted_mu"], lang=lang)
    assert "40,000" in metrics.values()
    args = map_args(at)
    assert len(args) == 1
    script = args[0]["script"]
    assert len(script) < 400_000  # the plots are not embedded, only aggregates and a tile list
    assert plots40k["plot_id"].iloc[123] not in script
    cfg = _config(at)
    assert cfg["labels"]["statuses"][0] == ("已托管" if lang == "zh" else "Entrusted")
    table = next(m.value for m in at.markdown if str(m.value).count("\n|") >= 37)
    assert all(f"| {c} |" in table for c in frames["villages"]["code"])
    rows = [line.split("|") for line in table.splitlines()[2:]]
    entrusted = sum(float(r[5].replace(",", "")) for r in rows)
    assert entrusted == pytest.approx(plot_totals["entrusted_mu"], abs=0.005 * len(rows))


def test_finding_a_plot_opens_its_record_on_the_map(plots40k):
    at = _run("zh")
    pid = plots40k["plot_id"].iloc[2024]
    at.text_input(key="w_plot_find").set_value(pid).run()
    assert not at.exception
    assert at.subheader[0].value == pid
    body = " ".join(str(m.value) for m in at.markdown)
    assert plots40k["holder_code"].iloc[2024] in body
    assert _config(at)["focus"] == 2024
    at.text_input(key="w_plot_find").set_value("QL99-P99999").run()
    assert any("QL99-P99999" in w.value for w in at.warning)


def test_first_use_generates_the_missing_layer(monkeypatch, tmp_path):
    import geo.plots.layer

    monkeypatch.setenv("QILING_PLOTS_N", "500")
    monkeypatch.setattr(geo.plots.layer, "GENERATED_DIR", tmp_path)
    at = _run("en")
    assert not at.exception, [e.value for e in at.exception]
    assert [p.name for p in tmp_path.glob("plots-500-*.parquet")]
    assert {m.label: m.value for m in at.metric}["Plots"] == "500"
