"""Browser test of the presentation: every stop by keyboard at projector sizes, screenshots."""

from __future__ import annotations

import time

import pytest

from geo.model.paths import SHIPPED_DATA_DIR
from geo.views.tour import load_tour
from qa.browser import IFRAME, wait_for_map

pytestmark = pytest.mark.browser
VIEW_JS = """() => {
  const key = Object.keys(window).find((k) => k.startsWith('map_') && window[k] instanceof L.Map);
  const m = window[key]; const c = m.getCenter();
  return [Math.round(c.lat * 1e5) / 1e5, Math.round(c.lng * 1e5) / 1e5, m.getZoom()];
}"""
CARDS_JS = """() => {
  const el = document.querySelector('.st-key-qm_cards');
  const r = el.getBoundingClientRect();
  const lab = document.querySelector('.st-key-qm_cards .qm-lab');
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, scroll: el.scrollHeight, client: el.clientHeight,
          vw: window.innerWidth, vh: window.innerHeight, body: parseFloat(getComputedStyle(lab).fontSize),
          title: document.querySelector('.st-key-qm_cards .qm-title').textContent};
}"""


def _settled_view(page, timeout_s: float = 30.0):
    """The map view once the fly-to animation has stopped (two equal reads in a row)."""
    deadline, last = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        try:
            frame = wait_for_map(page, 1, timeout=15_000)
            view = frame.evaluate(VIEW_JS)
            if view == last:
                return view
            last = view
        except Exception:  # noqa: BLE001 - the map frame is being replaced; look again
            last = None
        page.wait_for_timeout(700)
    raise AssertionError("the map never settled")


@pytest.mark.parametrize(
    "page_viewport",
    [{"width": 1920, "height": 1080}, {"width": 1024, "height": 768}],
    ids=["1920x1080", "1024x768"],
)
def test_tour_by_keyboard(page, app_server, artifacts, page_viewport):
    _, stops = load_tour(SHIPPED_DATA_DIR)
    size = (page_viewport["width"], page_viewport["height"])
    page.goto(f"{app_server}/present?stop=1")
    views = []
    for i, stop in enumerate(stops, start=1):
        page.wait_for_function(
            f"() => location.search.includes('stop={i}&') || location.search.endsWith('stop={i}')",
            timeout=30_000,
        )
        page.wait_for_function("(t) => { const e = document.querySelector('.st-key-qm_cards .qm-title'); return e && e.textContent === t; }",
                               arg=stop.title_zh, timeout=30_000)  # fmt: skip
        page.wait_for_function(
            f"() => document.querySelectorAll('{IFRAME}').length === 1", timeout=30_000
        )
        views.append(_settled_view(page))
        cards = page.evaluate(CARDS_JS)
        assert (
            cards["top"] >= 0 and cards["bottom"] <= cards["vh"] and cards["right"] <= cards["vw"]
        ), cards
        assert cards["scroll"] <= cards["client"] + 1, f"stop {i}: the card overflows"
        if size == (1920, 1080):
            assert cards["body"] >= 28, cards["body"]
        page.screenshot(path=str(artifacts / f"present_{size[0]}x{size[1]}_{i:02d}.png"))
        page.locator(IFRAME).first.click(
            position={"x": 5, "y": 5}
        ) if i % 2 else None  # focus in the map too
        page.keyboard.press("PageDown" if i % 3 == 0 else "ArrowRight")
    for a, b in zip(views, views[1:]):
        assert a != b, "the map view did not change between stops"
    page.wait_for_function("() => location.search.includes('stop=1')", timeout=30_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"() => location.search.includes('stop={len(stops)}')", timeout=30_000)
    assert page.guard.external == []
