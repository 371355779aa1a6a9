"""一村一档 Village profile: every layer and figure of one village."""

import altair as alt
import streamlit as st

from geo.i18n import t
from geo.views.records import village_record
from ui import cached, state
from ui.common import map_options, render_record, show_one_map
from ui.page import setup
from ui.share import village_exports

L = setup()
frames, facts = cached.frames(), cached.facts()
v = frames["villages"]
codes = list(v["code"])
url_code = st.query_params.get(state.VILLAGE)
sel = st.query_params.get(state.SELECTION, "")
if sel.startswith("village:"):
    url_code = sel.split(":", 1)[1]
index = codes.index(url_code) if url_code in codes else 0
labels = dict(zip(v["code"], v["name"]))
code = st.selectbox(t("nav_village", L), codes, index=index, key=state.W_VILLAGE,
                    format_func=lambda c: f"{labels[c]}（{c}）")  # fmt: skip
st.query_params[state.VILLAGE] = code
st.query_params[state.SELECTION] = f"village:{code}"
rec = village_record(code, frames, facts, L)
geom = v[v["code"] == code].geometry.iloc[0]
left, right = st.columns([3, 2])
with left:
    opts = map_options(selection=f"village:{code}", fit=geom.buffer(0.004).bounds,
                       overlays=("boundary", "villages", "projects", "meal_points", "farmland", "routes"))  # fmt: skip
    show_one_map(frames, opts, key=state.MAP_VILLAGE, height=520, selectable=("project",))
with right:
    render_record(rec, L, key_prefix=state.REC_VILLAGE, profile_link=False)
    village_exports(code, frames, facts, L)
scores = frames["assessment"][frames["assessment"]["village_code"] == code]
st.markdown(f"##### {t('assessment_scores', L)}")
chart = alt.Chart(scores).mark_line(point=True).encode(
    x=alt.X("month:N", title=None), y=alt.Y("score:Q", scale=alt.Scale(zero=False), title=None),
    tooltip=["month", "score"],
)  # fmt: skip
st.altair_chart(chart, width="stretch")
st.caption(cached.catalog()["assessment"].note(L))
