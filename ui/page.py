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


def setup() -> str:
    """Call first on every page: page config and the shared sidebar; returns the language."""
    setup_config()
    return sidebar()
