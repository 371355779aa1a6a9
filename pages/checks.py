"""用地核查 Allocation checks: findings by severity, each with figures, quotes and 'show on map'."""

import streamlit as st

from geo.checks.allocation import investment_summary
from geo.checks.findings import CHECKS, SEVERITIES, check_label, severity_label
from geo.checks.report_xlsx import report_xlsx
from geo.i18n import t
from ui import cached, provenance, state
from ui.common import carried, map_options, show_one_map, static_table
from ui.page import setup
from ui.share import checks_export

L = setup()
(frames, spatial), facts = cached.frames_and_spatial(), cached.facts()
st.title(t("nav_checks", L), anchor=False)
st.caption(t("checks_intro", L))

c1, c2, c3 = st.columns([1, 2, 2])
tol = c1.number_input(
    t("tolerance", L), min_value=0.5, max_value=50.0, value=5.0, step=0.5, key=state.W_TOLERANCE
)
k_sev, k_chk = carried(state.W_SEVERITY, L), carried(state.W_CHECK, L)
# pills: every severity and check stays visible, chosen or not
sev = c2.pills(t("severity", L), list(SEVERITIES), key=k_sev, selection_mode="multi", wrap=True,
                     default=None if k_sev in st.session_state else list(SEVERITIES),
                     format_func=lambda s: severity_label(s, L))  # fmt: skip
chk = c3.pills(t("check", L), list(CHECKS), key=k_chk, selection_mode="multi", wrap=True,
                     default=None if k_chk in st.session_state else list(CHECKS),
                     format_func=lambda c: check_label(c, L))  # fmt: skip
findings = cached.findings(frames, facts, tol / 100, spatial)
shown = [f for f in findings if f.severity in sev and f.check in chk]
counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
for col, s in zip(st.columns(len(SEVERITIES)), SEVERITIES):
    col.metric(severity_label(s, L), counts[s])

current = st.query_params.get(state.FINDING)
left, right = st.columns([2, 3])
with left:
    st.markdown(f"**{t('n_findings', L, n=len(shown))}**")
    if not shown:
        st.success(t("no_findings", L))
    for f in shown:
        badge = {"high": "red", "medium": "orange", "low": "blue", "info": "gray"}[f.severity]
        with st.container(border=True):
            st.markdown(
                f":{badge}-badge[{severity_label(f.severity, L)}] :gray-badge[{check_label(f.check, L)}]"
            )
            st.text(f.text(L))
            for section, quote in f.quotes:
                provenance.quote(section, quote, L)
            if f.fids and st.button(
                t("show_on_map", L),
                key=state.W_SHOW_FINDING + f.id,
                type="primary" if f.id == current else "secondary",
            ):
                st.query_params[state.FINDING] = f.id
                st.rerun()
    st.download_button(t("download_report", L), lambda: report_xlsx(frames, findings, L), file_name="qiling_allocation_checks.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip
    checks_export(frames, findings, tol / 100, L)
with right:
    focus = next((f for f in findings if f.id == current), None)
    opts = map_options(overlays=("boundary", "villages", "projects", "zones", "farmland"),
                       highlight=tuple(focus.fids) if focus else (), selection=None)  # fmt: skip
    show_one_map(frames, opts, key=state.MAP_CHECKS, height=560, selectable=())
    st.markdown(f"##### {t('invest_summary', L)}")
    summary = investment_summary(frames["projects"])
    summary["category"] = [t("category_" + c, L) for c in summary["category"]]
    summary["kind"] = [t(f"invest_kind_{k}", L) for k in summary["kind"]]
    st.caption(t("invest_summary_note", L))
    # a text table (wraps, nothing cut off): the grid's ~1.2 MB script would load with the map
    static_table(summary, {"category": t("category", L), "year": t("year", L), "kind": t("invest_kind", L),
                           "investment_wan": t("investment_wan_col", L), "projects": t("n_projects_col", L)},
                 {"year": "d", "investment_wan": ",.1f", "projects": ",d"})  # fmt: skip
