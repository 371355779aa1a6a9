"""Page set-up shared by every page: config, the sidebar, the language."""

from __future__ import annotations

import streamlit as st

from ui.sidebar import sidebar

PAGES = (
    "overview", "village", "trusteeship", "projects", "scenic", "checks", "plots", "present",
    "data_import", "data_edit", "accounts", "sources",
)  # fmt: skip
_TITLES = {
    "overview": ("总览", "Overview"),
    "village": ("一村一档", "Village profile"),
    "trusteeship": ("土地托管", "Land trusteeship"),
    "projects": ("项目", "Projects"),
    "scenic": ("马莲台景区", "Malian scenic area"),
    "checks": ("用地核查", "Allocation checks"),
    "plots": ("确权地块", "Contract plots"),
    "present": ("汇报演示", "Presentation"),
    "data_import": ("数据导入", "Data import"),
    "data_edit": ("数据编辑", "Data editing"),
    "accounts": ("账户", "Accounts"),
    "sources": ("数据与来源", "Data & sources"),
}


def page_title(name: str, lang: str) -> str:
    zh, en = _TITLES[name]
    return zh if lang == "zh" else en


def setup_config() -> None:
    st.set_page_config(page_title="齐陵一张图 · Qiling One Map", page_icon="🗺️", layout="wide")


def setup() -> str:
    """Call first on every page: page config and the shared sidebar; returns the language."""
    setup_config()
    return sidebar()
