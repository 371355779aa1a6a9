"""Streamlit pieces of the presentation page: chrome-free theme, overlay cards, keyboard."""

from __future__ import annotations

import json
from html import escape

import streamlit as st

from geo.views.tour import BigFigure, load_tour
from ui import state

#: Hides the app chrome and lays the cards and the navigation over a full-screen map.
THEME_CSS = """
<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], footer, [data-testid="stDecoration"] { display: none !important; }
.stApp { background: #0b0f14; overflow: hidden; }
iframe[title="streamlit_folium.st_folium"] { height: 100vh !important; display: block; }
.st-key-qm_keys { position: fixed; width: 1px; height: 1px; overflow: hidden; opacity: 0; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
.st-key-qm_cards { position: fixed; top: 2vh; right: 1.5vw; width: 36vw; max-height: 84vh; overflow: hidden;
  z-index: 1000; background: rgba(11, 15, 20, .92); color: #fff; border-radius: 12px; padding: 2vh 1.6vw;
  box-shadow: 0 4px 24px rgba(0,0,0,.5); font-size: clamp(14px, min(2.6vh, 1.55vw), 44px); }
.st-key-qm_cards * { color: #fff; }
.qm-title { font-size: min(4.2vh, 2.5vw); font-weight: 800; line-height: 1.15; margin: 0 0 .4vh 0; }
.qm-sub { font-size: min(2.6vh, 1.55vw); opacity: .85; margin-bottom: 1vh; }
.qm-fig { border-top: 1px solid rgba(255,255,255,.25); padding: 1vh 0 .6vh 0; }
.qm-val { font-size: min(5vh, 3vw); font-weight: 800; color: #ffd54f !important; line-height: 1.1; }
.qm-lab { font-size: min(2.6vh, 1.55vw); line-height: 1.25; }
.qm-src { font-size: min(2.6vh, 1.55vw); opacity: .8; line-height: 1.25; overflow: hidden; text-overflow: ellipsis;
  white-space: nowrap; }
.qm-flag { font-size: min(2.2vh, 1.3vw); color: #ffcc80 !important; margin-top: .6vh; }
.st-key-qm_nav { position: fixed; bottom: 1.5vh; left: 1.5vw; right: 1.5vw; z-index: 1001;
  background: rgba(11, 15, 20, .92); border-radius: 10px; padding: .8vh 1vw; }
.st-key-qm_nav * { color: #fff; font-size: clamp(14px, 2.2vh, 30px); }
.st-key-qm_nav button { background: #ffd54f !important; border: none; }
.st-key-qm_nav [data-baseweb="select"] > div, .st-key-qm_nav input { background: #1e2630 !important; }
.st-key-qm_nav [data-testid="stNumberInputContainer"] { background: #1e2630 !important; }
.st-key-qm_nav button p, .st-key-qm_nav button * { color: #111 !important; font-weight: 700; }
</style>
"""

#: Arrow keys and PageUp/PageDown (what a clicker sends) press the previous/next buttons. The
#: listener is installed in the app's own page (not in this helper frame, which Streamlit may
#: replace) and also in the map frame, which is replaced at every stop.
_KEYS_CODE = """
(function () {
  if (window.__qmKeys) { return; }
  window.__qmKeys = true;
  function press(which) {
    var b = document.querySelector('.st-key-qm_' + which + ' button');
    if (b) { b.click(); }
  }
  function onKey(e) {
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA') { return; }
    if (e.key === 'ArrowRight' || e.key === 'PageDown') { e.preventDefault(); press('next'); }
    if (e.key === 'ArrowLeft' || e.key === 'PageUp') { e.preventDefault(); press('prev'); }
  }
  document.addEventListener('keydown', onKey, true);
  setInterval(function () {
    document.querySelectorAll('iframe').forEach(function (f) {
      try {
        var d = f.contentDocument;
        if (d && !d.__qmKeys) { d.__qmKeys = true; d.addEventListener('keydown', onKey, true); }
      } catch (err) { /* a frame of another origin: not ours */ }
    });
  }, 300);
})();
"""
KEYS_JS = (
    "<script>(function () { var d = window.parent.document;"
    " if (window.parent.__qmKeys) { return; }"
    " var s = d.createElement('script'); s.textContent = " + json.dumps(_KEYS_CODE) + ";"
    " d.head.appendChild(s); })();</script>"
)


def apply_theme() -> None:
    st.html(THEME_CSS)
    with st.container(key=state.C_PRESENT_KEYS):
        st.iframe(KEYS_JS, height=1)


def cards(title: str, subtitle: str, figures: list[BigFigure], flag: str) -> None:
    """The overlay card panel (text escaped)."""
    with st.container(key=state.C_PRESENT_CARDS):
        body = [f'<div class="qm-title">{escape(title)}</div>']
        if subtitle:
            body.append(f'<div class="qm-sub">{escape(subtitle)}</div>')
        for f in figures:
            body.append(
                f'<div class="qm-fig"><div class="qm-val">{escape(f.value)}</div>'
                f'<div class="qm-lab">{escape(f.label)}</div><div class="qm-src" title="{escape(f.source)}">'
                f"{escape(f.source)}</div></div>"
            )
        body.append(f'<div class="qm-flag">{escape(flag)}</div>')
        st.html("".join(body))


@st.cache_resource(show_spinner=False)
def tour(data_dir: str):
    """The presentation tour (titles, stops) of a data folder."""
    return load_tour(data_dir)
