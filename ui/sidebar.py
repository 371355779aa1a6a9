"""The shared sidebar: language, basemap, overlays, year. Every page draws it via ``ui.page.setup``."""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
from geo.maps import basemaps
from geo.maps.options import DEFAULT_OVERLAYS, OVERLAYS
from ui import state
from ui.common import _secrets

_LAYER_KEYS = {
    "district": "lyr_district", "boundary": "lyr_boundary", "villages": "lyr_villages", "routes": "lyr_routes",
    "projects": "lyr_projects", "demo_zones": "lyr_demo_zones", "meal_points": "lyr_meal_points",
    "lamps": "lyr_lamps", "zones": "lyr_zones", "farmland": "lyr_farmland",
    "tourist_road": "lyr_tourist_road", "pois": "lyr_pois",
}  # fmt: skip


def _init_from_url() -> None:
    if state.W_LANG in st.session_state:  # a switch made in this run's radio wins at once
        st.session_state[state.LANG] = st.session_state[state.W_LANG]
    if state.LANG not in st.session_state:
        st.session_state[state.LANG] = state.url_lang(st.query_params)


def sidebar() -> str:
    """Draw the sidebar and store its choices in session state; returns the language.

    Segmented controls and pills (one light widget type, every choice visible) rather than
    radios, a select box and a multiselect: a page's first load fetches and draws fewer
    widget scripts (``bench/bench_pages.py``, reference page with the page frame)."""
    _init_from_url()
    with st.sidebar:
        choice = st.segmented_control(t("language", st.session_state[state.LANG]), ["zh", "en"],
                                      format_func=lambda c: "中文" if c == "zh" else "English",
                                      default=st.session_state[state.LANG], required=True, wrap=True, key=state.W_LANG)  # fmt: skip
        lang = choice or st.session_state[state.LANG]
        st.session_state[state.LANG] = lang
        key = basemaps.tianditu_key(_secrets())
        options = list(basemaps.BASEMAPS)
        # every choice is kept in session state and handed back: a label in the other
        # language makes a new widget, which then starts from the kept choice
        base = st.pills(t("basemap", lang), options, key=f"{state.W_BASEMAP}@{lang}", required=True, wrap=True,
                        default=_kept(options, st.session_state.get(state.BASEMAP, "offline")),
                        format_func=lambda b: t(f"basemap_{b}", lang) + ("" if basemaps.available(b, key) else " 🔒"))  # fmt: skip
        base = base or "offline"
        if not basemaps.available(base, key):
            st.warning(t("basemap_needs_key", lang))
            base = "offline"
        elif base != "offline":
            st.caption(t("basemap_online_notice", lang))
        st.session_state[state.BASEMAP] = base
        st.session_state[state.OVERLAYS] = st.pills(
            t("layers", lang), list(OVERLAYS), key=f"{state.W_OVERLAYS}@{lang}", selection_mode="multi", wrap=True,
            default=[k for k in st.session_state.get(state.OVERLAYS, DEFAULT_OVERLAYS) if k in OVERLAYS],
            format_func=lambda k: t(_LAYER_KEYS[k], lang),
        )  # fmt: skip
        years = ["both", "2023", "2024"]
        st.session_state[state.YEAR] = st.pills(
            t("year", lang), years, key=f"{state.W_YEAR}@{lang}", required=True, wrap=True,
            default=_kept(years, st.session_state.get(state.YEAR, "both")),
            format_func=lambda y: t(f"year_{y}", lang),
        ) or "both"  # fmt: skip
        st.caption(t("schematic_banner", lang))
    return lang


def _kept(options: list, value):
    """The kept choice if it is still an option, else the first option."""
    return value if value in options else options[0]
