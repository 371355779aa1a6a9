"""数据与来源 Data & sources: the catalogue, every reported figure with its quote, the report."""

import streamlit as st

from geo.i18n import t
from geo.views.catalogue_rows import (
    CATALOGUE_COLUMNS,
    FACT_COLUMNS,
    catalogue_table,
    facts_table,
    labels,
)
from ui import cached
from ui.common import columns
from ui.page import setup

L = setup()
st.title(t("nav_sources", L), anchor=False)
st.markdown(f"##### {t('catalogue', L)}")
cat = catalogue_table(cached.catalog(), L)
st.dataframe(
    cat, hide_index=True, width="stretch", column_config=columns(cat, labels(CATALOGUE_COLUMNS, L))
)
st.markdown(f"##### {t('all_facts', L)}（{len(cached.facts())}）")
facts = facts_table(cached.facts(), L)
st.dataframe(facts, hide_index=True, width="stretch", height=420,
             column_config=columns(facts, labels(FACT_COLUMNS, L), {"year": "plain"}))  # fmt: skip
with st.expander(t("report_text", L)):
    st.text(cached.report())
