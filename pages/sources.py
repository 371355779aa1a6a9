"""数据与来源 Data & sources: the catalogue, every reported figure with its quote, the report."""

import pandas as pd
import streamlit as st

from geo.i18n import t
from ui import cached
from ui.page import setup

L = setup()
st.title(t("nav_sources", L), anchor=False)
st.markdown(f"##### {t('catalogue', L)}")
cat = pd.DataFrame(
    [{"id": e.id, t("name", L): e.title(L), t("nature", L): t(f"nature_{e.nature}", L), t("source", L): e.source,
      t("licence", L): e.licence, t("date", L): e.date, "note": e.note(L)} for e in cached.catalog().values()]
)  # fmt: skip
st.dataframe(cat, hide_index=True, width="stretch")
st.markdown(f"##### {t('all_facts', L)}（{len(cached.facts())}）")
facts = pd.DataFrame([f.as_dict() for f in cached.facts()])
st.dataframe(facts, hide_index=True, width="stretch", height=420)
with st.expander(t("report_text", L)):
    st.text(cached.report())
