"""Browser test of the presentation: the tour runs in the browser at projector and phone sizes.

Fails on a lost key press, a card slower than 200 ms, card text under 24 px (figures 40 px) at
1024×768, clipped or ellipsised card text, a highlighted feature under the card, a feet/miles
scale bar, or a URL that does not follow the stop. Screenshots go to the artifacts folder.
"""

from __future__ import annotations

import pytest

from geo.model.paths import SHIPPED_DATA_DIR
from geo.views.tour import load_tour
from qa.browser import Guard

pytestmark = pytest.mark.browser
SIZES = [(1920, 1080), (1024, 768), (390, 844)]

#: Card geometry, the smallest text and figure sizes, clipped texts, and the highlighted
#: features' screen boxes that overlap the card (all in the tour's frame).
CARD_JS = """() => {
  const card = document.querySelector('.qm-card'), r = card.getBoundingClientRect();
  const texts = [...card.querySelectorAll('*')].filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
  const size = (sel) => Math.min(...[...card.querySelectorAll(sel)].map(e => parseFloat(getComputedStyle(e).fontSize)));
  const clipped = texts.filter(e => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis')
                       .map(e => e.textContent);
  const hl = [...document.querySelectorAll('path.qm-hl')].map(p => p.getBoundingClientRect())
             .filter(b => b.width > 0 || b.height > 0);
  const under = hl.filter(b => b.right > r.left + 2 && b.left < r.right - 2 && b.bottom > r.top + 2 && b.top < r.bottom - 2).length;
  const bar = document.querySelector('.qm-bar').getBoundingClientRect();
  const scale = document.querySelector('.leaflet-control-scale').innerText;
  const map = document.querySelector('.folium-map').getBoundingClientRect();
  return {rect: [r.left, r.top, r.right, r.bottom], vw: innerWidth, vh: innerHeight, overflow: card.scrollHeight - card.clientHeight,
          text: size('.qm-lab, .qm-src, .qm-sub, .qm-flag, .qm-title'), fig: size('.qm-val'), clipped, hl: hl.length, under,
          flag: document.querySelector('.qm-flag').getBoundingClientRect().bottom <= bar.top + 1, scale,
          mapbox: [map.left, map.top, map.width, map.height], stop: qmTourApi.current()};
}"""


@pytest.fixture(scope="module")
def stops():
    return load_tour(SHIPPED_DATA_DIR)[1]


def _tour_frame(page):
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => { try { return !!f.contentWindow.qmTourApi; } catch (e) { return false; } })",
        timeout=60_000,
    )
    return next(f for f in page.frames if f.evaluate("() => !!window.qmTourApi"))


def _settle(frame):
    frame.wait_for_function(
        "() => !document.querySelector('.leaflet-map-pane').style.transition && !qmTourApi.card.closest('body').querySelector('.leaflet-zoom-anim')",
        timeout=10_000,
    )
    frame.wait_for_timeout(1100)  # the flight lasts 0.8 s


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_tour_in_the_browser(app_server, browser, stops, artifacts, size, lang):
    server, STOPS = app_server, stops
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = ctx.new_page()
        guard = Guard(page)
        page.goto(f"{server}/present?stop=1" + ("&lang=en" if lang == "en" else ""))
        frame = _tour_frame(page)
        for i, stop in enumerate(STOPS, start=1):
            _settle(frame)
            c = frame.evaluate(CARD_JS)
            assert c["stop"] == i and f"stop={i}" in page.evaluate("location.search"), (i, c)
            assert c["mapbox"][0] == 0 and c["mapbox"][1] == 0 and c["mapbox"][2] == size[0], c
            assert c["rect"][0] >= 0 and c["rect"][2] <= c["vw"] and c["rect"][3] <= c["vh"], c
            assert c["overflow"] <= 1 or size[0] < 700, f"stop {i}: the card overflows: {c}"
            assert c["clipped"] == [], f"stop {i}: clipped text {c['clipped']}"
            assert c["flag"], f"stop {i}: the 示意 note is hidden"
            assert c["hl"] > 0 or "layer" in stop.focus, f"stop {i}: no highlighted feature drawn"
            assert c["under"] == 0, (
                f"stop {i}: {c['under']} of {c['hl']} highlighted features under the card"
            )
            assert (
                c["scale"].strip().endswith(("km", "m"))
                and "ft" not in c["scale"]
                and "mi" not in c["scale"]
            )
            if size[0] >= 1024:
                assert c["text"] >= 24 and c["fig"] >= 40, (i, c["text"], c["fig"])
            page.screenshot(path=str(artifacts / f"present_{lang}_{size[0]}x{size[1]}_{i:02d}.png"))
            key = "PageDown" if i % 2 else "ArrowRight"
            if i < len(STOPS):
                page.keyboard.press(key)
                frame.wait_for_function(f"() => qmTourApi.current() === {i + 1}", timeout=200)
        # three quick presses (150 ms apart) move three stops; ← wraps back past the first stop
        frame.evaluate("() => qmTourApi.show(0, false)")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(150)
        assert frame.evaluate("() => qmTourApi.current()") == 4
        page.keyboard.press("PageUp")
        page.keyboard.press("PageUp")
        page.keyboard.press("PageUp")
        page.keyboard.press("ArrowLeft")
        assert frame.evaluate("() => qmTourApi.current()") == len(STOPS)
        page.wait_for_function(
            f"() => location.search.includes('stop={len(STOPS)}')", timeout=2_000
        )
        assert guard.external == []
    finally:
        ctx.close()
