"""Page set-up shared by every page: config, the sidebar, the language."""

from __future__ import annotations

import json

import streamlit as st

from geo.i18n import t
from ui import state
from ui.sidebar import sidebar

PAGES = (
    "overview", "village", "trusteeship", "projects", "scenic", "checks", "plots", "present",
    "data_import", "data_edit", "accounts", "sources",
)  # fmt: skip


def page_title(name: str, lang: str) -> str:
    """The page's name in the navigation (string ``nav_<page>``)."""
    return t(f"nav_{name}", lang)


def setup_config() -> None:
    st.set_page_config(
        page_title=f"{t('app_title', 'zh')} · {t('app_title', 'en')}", page_icon="🗺️", layout="wide"
    )


#: Every page: a compact top (the map starts high on the first screen) and headline figures
#: that wrap instead of ending in "…" on a 1024-wide projector.
COMPACT_CSS = """
<style>
:root { --qm-compact: 1; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 3.9rem !important; padding-bottom: 2rem !important; }
h1 { margin-top: 0 !important; padding-top: 0 !important; }
/* chips of a multiselect wrap and show in full (no "…", no inner scroll hiding the last ones) */
[data-testid="stMultiSelect"] [data-tag], [data-testid="stMultiSelect"] [data-tag] * {
  max-width: none !important; white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; height: auto !important; }
[data-testid="stMultiSelect"] [role="group"], [data-testid="stMultiSelect"] .react-aria-ComboBox,
[data-testid="stMultiSelectTagsContainer"], [data-testid="stMultiSelectTagsContainer"] > * {
  max-height: none !important; overflow: visible !important; flex-wrap: wrap !important; }
h1 { font-size: clamp(1.5rem, 2.2vw, 2.2rem) !important; padding: 0 0 .2rem 0 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; font-size: clamp(1.15rem, 1.9vw, 2rem) !important;
  line-height: 1.15 !important; overflow-wrap: anywhere; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
/* a button's words wrap rather than end in "…" */
button [data-testid="stMarkdownContainer"], button [data-testid="stMarkdownContainer"] * {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important; }
button:has([data-testid="stMarkdownContainer"]) { height: auto !important; }
/* so do a checkbox's and a widget's labels ("Include projects with no reported investment") */
[data-testid="stCheckbox"] label, [data-testid="stCheckbox"] label *,
[data-testid="stWidgetLabel"], [data-testid="stWidgetLabel"] * {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important; }
.st-key-qm_widget_text { position: fixed; width: 1px; height: 1px; overflow: hidden; opacity: 0; }
/* a map and its table or record side by side (container key qm_stack_*) stack on a narrow screen */
@media (max-width: 1279px) {
  [class*="st-key-qm_stack"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
  [class*="st-key-qm_stack"] [data-testid="stColumn"] { flex: 1 1 100% !important; width: 100% !important; min-width: 100% !important; }
}
/* a style sheet given as Markdown (``ui.page.style``) takes no room on the page */
[data-testid="stElementContainer"]:has(.qm-style) { display: none !important; }
.qm-kpis { display: flex; flex-wrap: wrap; gap: 2px 16px; align-items: baseline; margin: 0 0 .2rem 0; line-height: 1.25; }
.qm-kpi { white-space: nowrap; font-size: clamp(.82rem, 1vw, .95rem); color: #444; }
.qm-kpi b { font-size: clamp(1.05rem, 1.3vw, 1.25rem); color: #111; margin-right: 4px; }
</style>
"""


#: Streamlit's own widget texts ("Choose options", "No results", "6 more") have no parameter in
#: every widget; a small observer in the app's page shows them in the UI's language. The table
#: is set at every run (``window.__qmWidgetText``); the observer is installed once.
_WIDGET_TEXT_CODE = """
(function () {
  var w = window;
  if (w.__qmWidgetObs) { return; }
  var more = /^\\+?\\s*(\\d+)\\s+more$/;
  function fix(node) {
    var tab = w.__qmWidgetText;
    if (!tab) { return; }
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), n;
    while ((n = walker.nextNode())) {
      var s = n.nodeValue.trim(), m;
      if (tab.exact[s]) { n.nodeValue = tab.exact[s]; }
      else if ((m = s.match(more))) { n.nodeValue = tab.more.replace('{n}', m[1]); }
    }
  }
  w.__qmWidgetObs = new MutationObserver(function (recs) {
    recs.forEach(function (r) {
      if (r.type === 'characterData') { fix(r.target.parentNode || r.target); }
      r.addedNodes.forEach(function (a) { fix(a.nodeType === 3 ? a.parentNode : a); });
    });
  });
  w.__qmWidgetObs.observe(document.body, {childList: true, subtree: true, characterData: true});
  fix(document.body);
})();
"""


def _widget_text_js(lang: str) -> str:
    exact = {
        "Choose options": t("choose_options", lang),
        "Choose an option": t("widget_choose_option", lang),
        "No results": t("widget_no_results", lang),
    }
    table = {"exact": exact, "more": t("widget_n_more", lang, n="{n}")} if lang != "en" else None
    return (
        "<script>(function () { var p = window.parent;"
        f" p.__qmWidgetText = {json.dumps(table, ensure_ascii=False)};"
        " if (p.__qmWidgetObs) { return; }"
        " var s = p.document.createElement('script');"
        f" s.textContent = {json.dumps(_WIDGET_TEXT_CODE)};"
        " p.document.head.appendChild(s); })();</script>"
    )


def style(css: str) -> None:
    """A ``<style>`` block for the page, sent as Markdown (no extra widget script to fetch;
    ``st.html`` would load one), hidden by COMPACT_CSS."""
    st.markdown(f'<div class="qm-style">{css.strip()}</div>', unsafe_allow_html=True)


def setup() -> str:
    """Call first on every page: page config and the shared sidebar; returns the language."""
    setup_config()
    style(COMPACT_CSS)
    lang = sidebar()
    with st.container(key=state.C_WIDGET_TEXT):
        st.iframe(_widget_text_js(lang), height=1)
    return lang
