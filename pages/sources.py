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
from ui.common import static_table
from ui.page import setup

L = setup()
st.title(t("nav_sources", L), anchor=False)
st.markdown(f"##### {t('catalogue', L)}")
cat = catalogue_table(cached.catalog(), L)
static_table(cat, labels(CATALOGUE_COLUMNS, L))
st.markdown(f"##### {t('all_facts', L)}（{len(cached.facts())}）")
facts = facts_table(cached.facts(), L)
static_table(facts, labels(FACT_COLUMNS, L), {"year": ".0f"})
with st.expander(t("report_text", L)):
    st.text(cached.report())
