"""项目 Projects: filters, table with Excel download, investment chart, map of the filtered set."""

import streamlit as st

from geo.i18n import t
from geo.model.project_specs import CATEGORIES, STATUSES
from geo.views.project_table import (
    column_labels,
    display_table,
    filter_projects,
    investment_by_category,
    projects_xlsx,
    set_bounds,
)
from geo.views.records import record_for
from ui import cached, charts, state
from ui.common import (
    carried,
    columns,
    map_options,
    render_record,
    selection,
    set_selection,
    show_one_map,
)
from ui.page import setup

L = setup()
frames, facts = cached.frames(), cached.facts()
projects = frames["projects"]
st.title(t("nav_projects", L), anchor=False)

with st.expander(t("filters", L), expanded=True):
    c1, c2, c3 = st.columns(3)
    cats = c1.multiselect(t("category", L), list(CATEGORIES), key=carried(state.W_FILTER_CAT, L), placeholder=t("all", L),
                          format_func=lambda c: t("category_" + c, L))  # fmt: skip
    years = c2.multiselect(
        t("year", L), [2023, 2024], key=carried(state.W_FILTER_YEAR, L), placeholder=t("all", L)
    )
    stats = c3.multiselect(t("status", L), list(STATUSES), key=carried(state.W_FILTER_STATUS, L), placeholder=t("all", L),
                           format_func=lambda s: t("status_" + s, L))  # fmt: skip
    c4, c5 = st.columns(2)
    vills = c4.multiselect(t("village", L), sorted(projects["village"].dropna().unique()),
                           key=carried(state.W_FILTER_VILLAGE, L), placeholder=t("all", L))  # fmt: skip
    top = float(projects["investment_wan"].max())
    k_inv, k_no = carried(state.W_FILTER_INVEST, L), carried(state.W_FILTER_NOINV, L)
    inv = c5.slider(t("investment_range", L), 0.0, top, None if k_inv in st.session_state else (0.0, top),
                    step=10.0, key=k_inv)  # fmt: skip
    no_inv = c5.checkbox(
        t("include_no_investment", L), value=k_no not in st.session_state, key=k_no
    )
shown = filter_projects(projects, cats, years, stats, vills, inv, no_inv)
table = display_table(shown, L)
st.caption(t("n_shown", L, n=len(shown)))

left, right = st.container(key=state.C_PROJECTS_BODY).columns([3, 2])
with right:
    event = st.dataframe(table, key=state.W_PROJECT_TABLE, on_select="rerun", selection_mode="single-row",
                         hide_index=True, placeholder="—", width="stretch", height=420,
                         # what fits beside the map uncut; every column is in the record panel and the Excel
                         column_order=["name", "year", "status", "investment_wan"],
                         column_config=columns(table, column_labels(L), {"year": "plain"}))  # fmt: skip
    rows = event.selection.rows if event and event.selection else []
    if rows and rows[0] < len(table):
        sel = f"project:{table.iloc[rows[0]]['project_id']}"
        if sel != selection():
            set_selection(sel)
    st.download_button(t("download_xlsx", L), lambda: projects_xlsx(table, L), file_name="qiling_projects.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip
with left:
    # a selected row is highlighted while the map keeps the whole filtered set in view
    opts = map_options(overlays=("boundary", "villages", "projects"), year="both",
                       fit=set_bounds(shown))  # fmt: skip
    show_one_map(frames, opts, projects=shown, key=state.MAP_PROJECTS, height=520)

c1, c2 = st.columns([3, 2])
with c1:
    st.markdown(f"##### {t('invest_by_cat', L)}")
    charts.show(charts.investment_chart(investment_by_category(shown, L), L))
with c2:
    render_record(record_for(selection(), frames, facts, L), L, key_prefix=state.REC_PROJECTS)
