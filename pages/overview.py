"""总览 Overview: KPI cards, the one-map with every layer, and the selected record."""

import streamlit as st

from geo.i18n import t
from geo.views.kpi import overview_kpis, village_metric
from geo.views.records import record_for
from ui import cached, state
from ui.common import (
    carried,
    kpi_cards,
    kpi_strip,
    map_options,
    render_record,
    selection,
    set_selection,
    show_one_map,
)
from ui.page import setup, style
from ui.share import overview_exports

#: The overview's map frame fills the screen below the controls (at least 420 px high); on a
#: projector the map takes the width and the record goes below (``state.C_OVERVIEW_BODY`` is a
#: ``qm_stack_*`` container, see ``ui.page.COMPACT_CSS``).
MAP_FIRST_CSS = """<style>
iframe[title="streamlit_folium.st_folium"] { height: max(420px, calc(100vh - 250px)) !important; }
</style>"""

L = setup()
frames, facts = cached.frames(), cached.facts()
st.title(t("app_title", L), anchor=False, help=t("app_subtitle", L))
kpis = overview_kpis(frames, facts, L)
kpi_strip(kpis)
# map first: the map fills the first screen below the headline figures
style(MAP_FIRST_CSS)

metrics = [None, "trusteeship_mu", "collective_income_wan", "farmland_mu", "assessment"]
c1, c2 = st.columns([2, 3])
# labels inside the boxes (the search box has its placeholder): the map starts higher
metric = c1.selectbox(t("metric", L), metrics, key=carried(state.W_METRIC, L), label_visibility="collapsed",
                      format_func=lambda m: t("metric_none_choice", L) if m is None else t(f"metric_{m}", L))  # fmt: skip
names = {f"village:{c}": n for c, n in zip(frames["villages"]["code"], frames["villages"]["name"])}
names |= {
    f"project:{p}": f"{n}（{y}）"
    for p, n, y in zip(
        frames["projects"]["project_id"], frames["projects"]["name"], frames["projects"]["year"]
    )
}
picked = c2.selectbox(t("search", L), [None, *names], key=carried(state.W_SEARCH, L), index=None, label_visibility="collapsed",
                      format_func=lambda k: names.get(k, ""), placeholder=t("map_search_placeholder", L))  # fmt: skip
if picked and picked != selection():
    set_selection(picked)

left, right = st.container(key=state.C_OVERVIEW_BODY).columns([3, 1])
with left:
    opts = map_options(metric=metric, metric_values=village_metric(frames, metric), fill_frame=True)
    show_one_map(frames, opts, key=state.MAP_OVERVIEW, height=640)
    overview_exports(frames, facts, opts, L)
with right:
    render_record(record_for(selection(), frames, facts, L), L, key_prefix=state.REC_OVERVIEW)
st.caption(t("app_subtitle", L))
kpi_cards(kpis, L)
