"""Every page in a browser at 1920×1080, 1024×768 and 390×844, in Chinese and English.

One browser context per language; each page is loaded once and looked at in the three sizes
(screenshots in the artifacts folder). Fails on visible snake_case keys or ``None``, English
widget texts in the Chinese UI, Chinese count words ("28 个") in the English UI, headline figures
or multiselect chips cut off, a feet/miles scale bar, (overview) a map that starts below the
first ~300 px at projector sizes, and a map legend that is open on a projector or a phone, or,
open on a 1920×1080 screen, scrolls inside, takes more than 16 % of the map (28 % of its
height) or covers more than 5 % of the subdistrict.
"""

from __future__ import annotations

import re

import pytest

from qa.browser import IFRAME, Guard
from qa.maplook import MAP_LOOK_JS
from ui.page import PAGES

pytestmark = pytest.mark.browser
SIZES = [(1920, 1080), (1024, 768), (390, 844)]
NO_MAP = {"sources", "accounts", "data_edit", "data_import", "present"}
SNAKE = re.compile(r"(?<![\w./:-])[a-z]+(?:_[a-z0-9]+)+(?![\w./-])")
ENGLISH_WIDGET = re.compile(r"Choose options|Choose an option|No results|^\+?\d+ more$", re.M)
CJK_COUNT = re.compile(r"\d\s*[个项处座盏]")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
#: An open legend on a 1920×1080 screen: at most this share of the map's area / height, and of
#: the subdistrict outline under it.
LEGEND_MAX_AREA, LEGEND_MAX_HEIGHT, LEGEND_MAX_OVER_OUTLINE = 0.16, 0.30, 0.05
#: Visible text of the page (not of frames), the metric values cut off, the scale bars.
LOOK_JS = f"""() => {{
  const main = document.querySelector('[data-testid="stAppViewContainer"]') || document.body;
  // visible text, without icon ligatures (":material/keyboard_arrow_down:" is drawn as an icon)
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n; (n = walker.nextNode());) {{
    const el = n.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], script, style')) {{ continue; }}
    if (el.checkVisibility && !el.checkVisibility({{visibilityProperty: true}})) {{ continue; }}
    parts.push(n.nodeValue);
  }}
  const cut = [...document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, button [data-testid="stMarkdownContainer"]')]
    .filter(e => {{ const r = e.getBoundingClientRect();  // not in a closed sidebar (off screen)
      return r.right > 0 && r.left < window.innerWidth && e.scrollWidth > e.clientWidth + 1; }})
    .map(e => e.textContent);
  const f = document.querySelector('{IFRAME}');
  let scale = [], top = null;
  if (f) {{
    top = f.getBoundingClientRect().top + window.scrollY;
    try {{ scale = [...f.contentDocument.querySelectorAll('.leaflet-control-scale-line')].map(e => e.textContent); }}
    catch (e) {{ scale = ['?']; }}
  }}
  return {{text: parts.join('\\n'), cut, scale, top}};
}}"""


def _ready(page, name: str) -> None:
    if name == "present":
        page.wait_for_function("() => [...document.querySelectorAll('iframe')].some(f => { try { return !!f.contentWindow.qmTourApi; } catch (e) { return false; } })", timeout=60_000)  # fmt: skip
    elif name not in NO_MAP:
        page.wait_for_selector(IFRAME, timeout=60_000)
        page.frame_locator(IFRAME).first.locator("path.leaflet-interactive").first.wait_for(
            state="attached", timeout=60_000
        )
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    # the page's own style is in (a page still being drawn has the last page's pieces)
    page.wait_for_function(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--qm-compact').trim() === '1'",
        timeout=60_000,
    )
    page.wait_for_timeout(400)


def _problems(look: dict, lang: str, name: str, size) -> list[str]:
    out = []
    text = look["text"]
    keys = sorted(set(SNAKE.findall(text)))
    if keys:
        out.append(f"snake_case keys: {keys[:8]}")
    if re.search(r"\bNone\b", text):
        out.append("'None' on the page")
    if lang == "zh" and ENGLISH_WIDGET.search(text):
        out.append(f"English widget text: {ENGLISH_WIDGET.findall(text)[:4]}")
    if look["cut"]:
        out.append(f"text cut off: {look['cut'][:4]}")
    bad_scale = [s for s in look["scale"] if not s.strip().endswith(("m", "km"))]
    if bad_scale:
        out.append(f"scale bar not metric: {bad_scale}")
    unquoted = re.sub(r"“[^”]*”|「[^」]*」", "", text)  # the report is quoted as written
    if lang == "en" and CJK_COUNT.search(unquoted):
        out.append(f"Chinese count words in English: {CJK_COUNT.findall(unquoted)[:4]}")
    return out + _map_problems(look["map_look"], lang, name, size)


def _map_problems(look: dict, lang: str, name: str, size) -> list[str]:
    """The map starts high (overview), chips and figures in full, the legend's size and state."""
    out = []
    if name == "overview" and size[0] >= 1024 and (look["top"] is None or look["top"] > 320):
        out.append(f"the map starts at y={look['top']}")
    if look["cut"]:
        out.append(f"headline figures cut off: {look['cut'][:4]}")
    cut_chips = [c["text"] for c in look["chips"] if c["cut"]]
    if cut_chips:
        out.append(f"chips cut off: {cut_chips[:4]}")
    legend = look["legend"]
    if name in NO_MAP:
        return out
    if legend is None:
        return out + ["no legend on the map"]
    summary = legend["summary"] or ""
    if not summary.startswith(("▸", "▾")) or (CJK if lang == "en" else LATIN).search(summary):
        out.append(f"legend toggle reads {summary!r}")
    if size[0] < 1920 and legend["open"]:
        out.append(f"legend open on a {size[0]}×{size[1]} screen")
    if size[0] == 1920 and name == "overview" and not legend["open"]:
        out.append("legend closed on the 1920×1080 overview")
    if size[0] == 1920 and legend["open"]:
        if legend["inner_scroll"]:
            out.append("legend scrolls inside")
        if legend["share_area"] > LEGEND_MAX_AREA or legend["share_h"] > LEGEND_MAX_HEIGHT:
            out.append(
                f"legend takes {legend['share_area']:.0%} of the map, {legend['share_h']:.0%} of its height"
            )
        if legend["outline_whole"] and (legend["over_outline"] or 0) > LEGEND_MAX_OVER_OUTLINE:
            out.append(f"legend covers {legend['over_outline']:.0%} of the subdistrict")
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_at_three_sizes(app_server, browser, artifacts, lang):
    server = app_server
    problems = []
    ctx = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    try:
        page = ctx.new_page()
        guard = Guard(page)
        for name in PAGES:
            page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
            path = "" if name == PAGES[0] else name  # the default page lives at the root
            page.goto(f"{server}/{path}?lang={lang}")
            _ready(page, name)
            for size in SIZES:
                page.set_viewport_size({"width": size[0], "height": size[1]})
                page.wait_for_timeout(500)
                page.screenshot(path=str(artifacts / f"page_{name}_{lang}_{size[0]}x{size[1]}.png"))
                look = page.evaluate(LOOK_JS) | {"map_look": page.evaluate(MAP_LOOK_JS)}
                problems += [
                    f"{name} {lang} {size}: {x}" for x in _problems(look, lang, name, size)
                ]
        assert guard.external == []
    finally:
        ctx.close()
    assert problems == [], "\n".join(problems)


#: The sidebar's and the overview's choices as shown: every layer pill, the chosen pills and
#: segments of the sidebar, select values.
CHOICES_JS = """() => {
  const side = document.querySelector('[data-testid="stSidebarUserContent"]');
  const text = (e) => e.innerText.trim();
  const layers = [...side.querySelectorAll('[class*="st-key-w_overlays"] button')].map(text);
  const chips = [...side.querySelectorAll('[class*="st-key-w_overlays"] button[data-selected="true"]')].map(text);
  const radios = [...side.querySelectorAll('[data-testid="stButtonGroup"] button[data-selected="true"]')].map(text);
  const selects = [...document.querySelectorAll('[data-testid="stSelectbox"]')]
    .map(e => [e.innerText, ...[...e.querySelectorAll('input')].map(i => i.value)].join(' ').trim());
  const nav = [...document.querySelectorAll('[data-testid="stTopNavLink"], [data-testid="stSidebarNavLink"]')].map(e => e.innerText.trim());
  return {layers, chips, radios, selects, nav};
}"""


def test_a_language_switch_keeps_every_choice(page, app_server, artifacts):
    """Layers, year, basemap and the village metric survive a switch to English, and the page
    (navigation, widgets, chips, the map's legend) is English at once."""
    from geo.i18n import t

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_server}/")
    page.wait_for_selector(IFRAME, timeout=60_000)
    side = page.get_by_test_id("stSidebarUserContent")
    side.get_by_role("button", name=t("lyr_demo_zones", "zh"), exact=True).click()
    page.wait_for_timeout(800)
    side.get_by_text("2024年计划", exact=True).click()
    page.wait_for_timeout(800)
    side.get_by_role("radio", name=t("basemap_osm", "zh"), exact=True).click()
    page.wait_for_timeout(800)
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=t("metric_trusteeship_mu", "zh")).click()
    page.wait_for_timeout(1500)
    side.get_by_text("English", exact=True).click()
    page.get_by_role("heading", name=t("app_title", "en")).wait_for(timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / "language_switch_en.png"))
    seen = page.evaluate(CHOICES_JS)
    assert (
        t("lyr_demo_zones", "en") not in seen["chips"] and t("lyr_villages", "en") in seen["chips"]
    )
    assert len(seen["layers"]) == 12 and not any(CJK.search(c) for c in seen["layers"]), seen
    assert t("year_2024", "en") in seen["radios"], seen["radios"]
    assert t("basemap_osm", "en") in seen["radios"], seen["radios"]
    assert any(t("metric_trusteeship_mu", "en") in s for s in seen["selects"]), seen["selects"]
    assert seen["nav"] and not any(CJK.search(n) for n in seen["nav"]), seen["nav"]
    frame = page.frame_locator(IFRAME).first
    frame.locator(".qm-legend summary").wait_for(timeout=30_000)
    legend = frame.locator(".qm-legend summary").inner_text()
    assert "Legend" in legend and not CJK.search(legend), legend


MAP_ZOOM_JS = """() => {
  const k = Object.keys(window).find((k) => k.startsWith('map_') && window[k] instanceof L.Map);
  return window[k].getZoom();
}"""


def test_the_legend_toggle_is_not_a_move_of_the_map(page, app_server):
    """Closing the legend refits the subdistrict into the room it leaves; a resize afterwards
    still refits (the toggle did not count as the reader moving the map)."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_server}/")
    page.wait_for_selector(IFRAME, timeout=60_000)
    handle = page.locator(IFRAME).first.element_handle()
    frame = handle.content_frame()
    frame.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 0")
    page.wait_for_timeout(1500)
    assert frame.locator(".qm-legend details").evaluate("d => d.open")
    open_zoom = frame.evaluate(MAP_ZOOM_JS)
    frame.locator(".qm-legend summary").click()
    frame.wait_for_function(f"({MAP_ZOOM_JS})() > {open_zoom}", timeout=10_000)
    closed_zoom = frame.evaluate(MAP_ZOOM_JS)
    page.set_viewport_size({"width": 1400, "height": 900})
    frame.wait_for_function(f"({MAP_ZOOM_JS})() < {closed_zoom}", timeout=10_000)
    assert not frame.locator(".qm-legend details").evaluate("d => d.open")  # the reader's choice
