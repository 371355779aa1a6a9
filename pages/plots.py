"""确权地块 Contract plots: every plot of the subdistrict on one fluid map, totals from all of them."""

import streamlit as st

from geo.i18n import t
from ui import plot_page
from ui.page import setup

L = setup()
st.title(t("nav_plots", L), anchor=False)
st.caption(t("plots_intro", L))
layer = plot_page.plot_data(L)
head = st.container()  # the totals go here, but after the map: the map is sent to the browser first

left, right = st.columns([3, 1])
with right:
    focus = plot_page.find_plot(layer, L)
with left:
    plot_page.show_map(layer, L, focus)
with head:
    plot_page.kpis(layer, L)
with right:
    if focus is not None:
        plot_page.record(focus, L)
    plot_page.village_panel(layer, L)

plot_page.village_table(layer, L)
plot_page.provenance(layer, L)
