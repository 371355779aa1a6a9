"""汇报演示 Presentation: a guided tour of the 2023 results and the 2024 plan for a projector."""

import time

import streamlit as st

from geo.i18n import t
from geo.maps.mapping import build_map, features_for
from geo.model.paths import DATA_DIR
from geo.views.kpi import village_metric
from geo.views.tour import focus_bounds, focus_fids, stop_figures
from ui import cached, state
from ui.common import map_options, show_map
from ui.page import setup
from ui.presentation import apply_theme, cards, tour

L = setup()
apply_theme()
frames, facts = cached.frames(), cached.facts()
meta, stops = tour(str(DATA_DIR))
n = len(stops)
try:
    index = min(max(int(st.query_params.get(state.STOP, "1")), 1), n) - 1
except ValueError:
    index = 0
stop = stops[index]


def go(i: int) -> None:
    st.query_params[state.STOP] = str((i % n) + 1)


bounds = focus_bounds(stop, frames, features_for)
# Fly from the previous stop's view; kept while this stop is shown, so a rerun does not remount.
last = st.session_state.get(state.PRESENT_VIEW)
if last is None or last[0] != index:
    st.session_state[state.PRESENT_VIEW] = (index, bounds, last[1] if last else None)
prev = st.session_state[state.PRESENT_VIEW][2]
opts_kw = dict(overlays=stop.overlays, year=stop.year, highlight=tuple(focus_fids(stop, frames)), fit=bounds,
               fly_from=prev if prev and prev != bounds else None, legend_open=False, keyboard=False, search=False,
               full_height=True)  # fmt: skip
if stop.metric:
    opts_kw.update(metric=stop.metric, metric_values=village_metric(frames, stop.metric))
show_map(
    build_map(frames, map_options(**opts_kw)),
    key=state.MAP_PRESENT,
    height=700,
    selectable=(),
)
cards(
    stop.title(L), stop.subtitle(L), stop_figures(stop, frames, facts, L), t("schematic_banner", L)
)

with st.container(key=state.C_PRESENT_NAV):
    c1, c2, c3, c4, c5, c6 = st.columns([1, 4, 1, 1.2, 1.6, 1.6], vertical_alignment="center")
    if c1.button("◀", key=state.W_PRESENT_PREV, help="← / PageUp"):
        go(index - 1)
        st.rerun()
    pick = c2.selectbox(t("present_stops", L), range(n), index=index, key=f"{state.W_PRESENT_LIST}{index}",
                        format_func=lambda i: f"{i + 1}. {stops[i].title(L)}", label_visibility="collapsed")  # fmt: skip
    if pick != index:
        go(pick)
        st.rerun()
    if c3.button("▶", key=state.W_PRESENT_NEXT, help="→ / PageDown"):
        go(index + 1)
        st.rerun()
    c4.markdown(f"**{index + 1} / {n}**")
    auto = c5.toggle(t("present_autoplay", L), key=state.W_AUTOPLAY)
    every = c6.number_input(
        t("present_interval", L), 5, 120, 15, 5, key=state.W_INTERVAL, label_visibility="collapsed"
    )


@st.fragment(run_every=every if auto else None)
def _autoplay() -> None:
    last = st.session_state.setdefault(state.PRESENT_LAST, time.monotonic())
    if auto and time.monotonic() - last >= every:
        st.session_state[state.PRESENT_LAST] = time.monotonic()
        go(index + 1)
        st.rerun(scope="app")


st.session_state[state.PRESENT_LAST] = time.monotonic()
_autoplay()
