"""齐陵一张图 · Qiling One Map: page config and navigation, declared once.

Each page calls ``ui.page.setup()`` first (shared sidebar), so a page also renders fully when
Streamlit runs it directly (as it does for the first request after start-up, because of the
``pages/`` folder).
"""

from __future__ import annotations

import streamlit as st

from ui.page import PAGES, page_title, setup_config

setup_config()
lang = st.session_state.get("lang", "en" if st.query_params.get("lang") == "en" else "zh")
pages = [
    st.Page(
        f"pages/{name}.py", title=page_title(name, lang), url_path=name, default=name == "overview"
    )
    for name in PAGES
]
st.navigation(pages, position="top").run()
