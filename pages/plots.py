"""确权地块 Contract plots: every plot of the subdistrict on one fluid map, totals from all of them."""

import streamlit as st

from geo.i18n import t
from ui import plots
from ui.page import setup

L = setup()
st.title(t("plots_title", L), anchor=False)
st.caption(t("plots_intro", L))
layer = plots.plot_data(L)
head = st.container()  # the totals go here, but after the map: the map is sent to the browser first

left, right = st.columns([3, 1])
with right:
    focus = plots.find_plot(layer, L)
with left:
    plots.show_map(layer, L, focus)
with head:
    plots.kpis(layer, L)
with right:
    if focus is not None:
        plots.record(focus, L)
    plots.village_panel(layer, L)

plots.village_table(layer, L)
plots.provenance(layer, L)
