"""一村一档 Village profile: every layer and figure of one village."""

import streamlit as st

from geo.i18n import t
from geo.views.records import village_record
from ui import cached, charts, state
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
charts.show(charts.line_chart_html(
    list(scores["month"]), [float(v) for v in scores["score"]],
    [[(t("field_month", L), m), (t("assessment_score", L), f"{v:g}")] for m, v in zip(scores["month"], scores["score"])],
    L))  # fmt: skip
st.caption(cached.catalog()["assessment"].note(L))
