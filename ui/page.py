"""Page set-up shared by every page: config, the sidebar, the language."""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
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
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1.2rem !important; padding-bottom: 2rem !important; }
h1 { font-size: clamp(1.5rem, 2.2vw, 2.2rem) !important; padding: 0 0 .2rem 0 !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] > div { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; font-size: clamp(1.15rem, 1.9vw, 2rem) !important;
  line-height: 1.15 !important; overflow-wrap: anywhere; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
.qm-kpis { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; margin: 0 0 .3rem 0; }
.qm-kpi { white-space: nowrap; font-size: 0.95rem; color: #444; }
.qm-kpi b { font-size: 1.25rem; color: #111; margin-right: 4px; }
</style>
"""


def setup() -> str:
    """Call first on every page: page config and the shared sidebar; returns the language."""
    setup_config()
    st.html(COMPACT_CSS)
    return sidebar()
