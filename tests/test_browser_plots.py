"""Browser test of the contract-plot page (headless Chromium, every non-local request aborted).

Opens the page on the 40,000-plot layer (``QILING_TEST_PLOTS_N`` picks another size), zooms to
plot level, pans with the mouse and zooms with the + button; after each move the drawn plots
must be exactly those intersecting the layer's view (shapely, brute force) and no Streamlit
rerun may happen. Then a click on a plot must show its record. Screenshots in tests/artifacts/.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
import shapely
from shapely.geometry import box

from geo.plots.layer import ensure_plots, prepare
from geo.plots.tiles import densest_tile, tile_bounds
from qa.browser import IFRAME, Traffic, streamlit_server
from qa.plot_probe import MAP_JS, OURS_READY, OURS_SETTLED, PLOTS_PATH, STATE

pytestmark = pytest.mark.browser
N = int(os.environ.get("QILING_TEST_PLOTS_N") or 40_000)


@pytest.fixture(scope="module")
def layer(frames):
    return prepare(ensure_plots(N), frames)


@pytest.fixture(scope="module")
def plots_server(layer):
    with streamlit_server(env={"QILING_PLOTS_N": str(N)}, timeout=120) as srv:
        yield srv.url + PLOTS_PATH


@pytest.fixture
def page_viewport() -> dict:
    return {"width": 1600, "height": 1000}


@pytest.fixture
def page(page):
    """The shared page, also counting its traffic (websocket frames sent = reruns)."""
    page.traffic = Traffic(page)
    return page


def _settle(frame, move) -> dict:
    """Run a move (a callable) and wait until the plot layer has drawn the new view."""
    seq = frame.evaluate(STATE)["seq"]
    move()
    frame.wait_for_function(OURS_SETTLED, arg=seq, polling=20, timeout=30_000)
    return frame.evaluate(STATE)


def _assert_exact(state: dict, geoms) -> None:
    """The drawn plots are exactly those intersecting the layer's view (brute force)."""
    assert state["mode"] == "plots" and state["stats"]["errors"] == 0
    expected = np.flatnonzero(shapely.intersects(geoms, box(*state["view"])))
    assert len(expected) > 0
    assert sorted(state["drawn"]) == expected.tolist()


def _click_point(frame, layer, state) -> tuple[int, float, float]:
    """A drawn plot well inside the visible map (clear of the controls, notices and the legend
    in the right-hand corners) and the container pixel of a point inside it."""
    size = frame.evaluate(f"() => {{ const s = {MAP_JS}.getSize(); return [s.x, s.y]; }}")
    for i in sorted(state["drawn"], key=lambda i: -layer.plots["area_mu"].iloc[i]):
        p = shapely.point_on_surface(layer.plots.geometry.iloc[i])
        x, y = frame.evaluate(
            f"([lat, lng]) => {{ const p = {MAP_JS}.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; }}",
            [p.y, p.x],
        )
        if 0.12 * size[0] < x < 0.7 * size[0] and 0.15 * size[1] < y < 0.85 * size[1]:
            return i, x, y
    raise AssertionError("no drawn plot inside the visible map")


def test_pan_zoom_and_click_a_plot_offline(page, plots_server, layer, artifacts):
    page.goto(plots_server)
    page.wait_for_selector(IFRAME, timeout=120_000)
    frame = page.locator(IFRAME).first.element_handle().content_frame()
    frame.wait_for_function(OURS_READY, timeout=120_000)
    assert frame.evaluate(STATE)["mode"] == "villages"
    page.wait_for_timeout(400)  # the map's own first fit (300 ms after load) is done
    page.locator(IFRAME).first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "plots_villages.png"))
    geoms, sent = layer.plots.geometry.values, page.traffic.sent
    w, s, e, n = tile_bounds(*densest_tile(layer.tiles), layer.tiles.zoom)
    js = f"() => {MAP_JS}.setView([{(s + n) / 2}, {(w + e) / 2}], 16, {{animate: false}})"
    _assert_exact(_settle(frame, lambda: frame.evaluate(js)), geoms)
    box_ = page.locator(IFRAME).first.bounding_box()
    cx, cy = box_["x"] + box_["width"] / 2, box_["y"] + box_["height"] / 2
    middle = layer.plots.total_bounds  # drag towards the middle of the subdistrict
    east = 1 if (middle[0] + middle[2]) / 2 > (w + e) / 2 else -1
    north = 1 if (middle[1] + middle[3]) / 2 > (s + n) / 2 else -1

    def drag():
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx - 350 * east, cy + 180 * north, steps=12)
        page.mouse.up()

    panned = _settle(frame, drag)
    _assert_exact(panned, geoms)
    assert panned["stats"]["ms"] < 3000
    page.screenshot(path=str(artifacts / "plots_panned_z16.png"))
    zoomed = _settle(frame, lambda: frame.locator(".leaflet-control-zoom-in").click())
    assert zoomed["zoom"] > 16
    _assert_exact(zoomed, geoms)
    assert page.traffic.sent == sent, "a pan or zoom made Streamlit rerun"
    i, x, y = _click_point(frame, layer, zoomed)
    plot = layer.plots.iloc[i]
    page.mouse.click(box_["x"] + x, box_["y"] + y)
    card = frame.locator(".qm-plot-card")
    card.wait_for(timeout=10_000)
    text = card.inner_text()
    for value in (plot["plot_id"], plot["holder_code"], plot["village"], f"{plot['area_mu']:.2f}"):
        assert value in text
    assert ("已托管" if plot["trusteeship_status"] == "entrusted" else "未托管") in text
    assert frame.evaluate(STATE)["sel"] == i
    page.wait_for_timeout(400)  # the popup fades in
    page.screenshot(path=str(artifacts / "plots_popup.png"))
    assert page.guard.external == [], f"requests left the machine: {page.guard.external}"
    assert [f for f in page.failed if "/_stcore/" not in f] == []
    assert [m for m in page.guard.console_errors if "Failed to load resource" not in m] == []
