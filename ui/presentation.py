"""Streamlit pieces of the presentation page: a chrome-free page holding the tour's one frame.

The whole tour (every stop's layers, cards and bounds, and the controller) is built once per
language and data revision by ``geo.maps.tourmap`` and sent in one frame; key presses, the
clicker and the ◀ ▶ buttons are handled in the browser, never by a page rerun.
"""

from __future__ import annotations

import sqlite3

import streamlit as st

from geo.maps.assets import DEFAULT_PREFIX, setup_offline
from geo.maps.tourmap import build_tour, tour_html
from geo.model.paths import DATA_DIR
from geo.views.tour import load_tour
from ui import cached, state

#: The frame's page is ``about:srcdoc`` with the app page's URL as its base (``/present`` or
#: ``/<base path>/present``), so the offline assets are one level up from it.
FRAME_PREFIX = "app/static/vendor"

#: Hides the app chrome; the tour's frame fills the window edge to edge.
THEME_CSS = f"""
<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], footer, [data-testid="stDecoration"] {{ display: none !important; }}
.stApp {{ background: #0b0f14; overflow: hidden; }}
.block-container, [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: 100% !important; }}
.st-key-{state.C_PRESENT_TOUR} iframe {{ position: fixed; top: 0; left: 0; width: 100vw !important;
  height: 100vh !important; border: 0; z-index: 100; display: block; }}
</style>
"""


def apply_theme() -> None:
    st.html(THEME_CSS)


def show_tour(lang: str) -> None:
    """The tour's frame (built once per language and data revision)."""
    try:
        revision = cached.store().revision()
    except (sqlite3.Error, OSError):
        revision = -1
    html = _tour_html(str(DATA_DIR), lang, revision)
    with st.container(key=state.C_PRESENT_TOUR):
        st.iframe(html, height=600)


@st.cache_resource(show_spinner=False, max_entries=4)
def _tour_html(data_dir: str, lang: str, revision: int) -> str:
    setup_offline()  # copies into static/vendor and points folium there; a few ms once done
    _, stops = tour(data_dir)
    m = build_tour(cached.frames(data_dir), cached.facts(data_dir), stops, lang)
    return tour_html(m, DEFAULT_PREFIX, FRAME_PREFIX)


@st.cache_resource(show_spinner=False)
def tour(data_dir: str):
    """The presentation tour (titles, stops) of a data folder."""
    return load_tour(data_dir)
