"""Every page in a browser at 1920×1080, 1024×768 and 390×844, in Chinese and English.

One browser context per language; each page is loaded once and looked at in the three sizes
(screenshots in the artifacts folder). Fails on visible snake_case keys or ``None``, English
widget texts in the Chinese UI, headline figures cut off with "…", a feet/miles scale bar, or
(overview) a map that starts below the first ~300 px at projector sizes.
"""

from __future__ import annotations

import re

import pytest

from qa.browser import IFRAME, Guard
from ui.page import PAGES

pytestmark = pytest.mark.browser
SIZES = [(1920, 1080), (1024, 768), (390, 844)]
NO_MAP = {"sources", "accounts", "data_edit", "data_import", "present"}
SNAKE = re.compile(r"(?<![\w./:-])[a-z]+(?:_[a-z0-9]+)+(?![\w./-])")
ENGLISH_WIDGET = re.compile(r"Choose options|Choose an option|No results|^\+?\d+ more$", re.M)
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
  const cut = [...document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);
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
        out.append(f"figures cut off: {look['cut'][:4]}")
    bad_scale = [s for s in look["scale"] if not s.strip().endswith(("m", "km"))]
    if bad_scale:
        out.append(f"scale bar not metric: {bad_scale}")
    # the map within the first ~300 px (the English headline strip wraps to ~360 px at 1024)
    if name == "overview" and size[0] >= 1024 and (look["top"] is None or look["top"] > 370):
        out.append(f"the map starts at y={look['top']}")
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
                problems += [
                    f"{name} {lang} {size}: {x}"
                    for x in _problems(page.evaluate(LOOK_JS), lang, name, size)
                ]
        assert guard.external == []
    finally:
        ctx.close()
    assert problems == [], "\n".join(problems)
