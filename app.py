"""齐陵一张图 · Qiling One Map: page config and navigation, declared once.

Each page calls ``ui.page.setup()`` first (shared sidebar), so a page also renders fully when
Streamlit runs it directly (as it does for the first request after start-up, because of the
``pages/`` folder).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui import state
from ui.page import PAGES, page_title, setup_config

_PAGES_DIR_RUN = bool(PagesManager.uses_pages_directory)
setup_config()
# the language radio's new value (if just switched) wins, so the navigation switches in this run
lang = st.session_state.get(state.W_LANG) or st.session_state.get(
    state.LANG, state.url_lang(st.query_params)
)
st.session_state[state.LANG] = lang
pages = [
    st.Page(
        f"pages/{name}.py", title=page_title(name, lang), url_path=name, default=name == "overview"
    )
    for name in PAGES
]
nav = st.navigation(pages, position="top")
if _PAGES_DIR_RUN and not st.session_state.get(state.NAV_READY):
    # Streamlit ran this script in its legacy pages/-folder mode (first request after start):
    # run once more so the navigation bar is drawn on the very first view too.
    st.session_state[state.NAV_READY] = True
    st.rerun()
nav.run()
