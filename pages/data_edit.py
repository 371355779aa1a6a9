"""数据编辑 Data editing (editors): trusteeship rows, project status/investment/progress,
every record's history with restore, and exports of the current data."""

import pandas as pd
import streamlit as st

from geo.i18n import t
from geo.model.errors import DataError
from geo.model.project_specs import STATUSES
from geo.store import edits
from geo.store.export import geojson_bytes, gpkg_bytes, xlsx_bytes
from geo.store.interface import changed_fields
from ui import auth, cached, state
from ui.page import setup

L = setup()
st.title(t("nav_data_edit", L), anchor=False)
user = auth.require("editor", L)
if user is None:
    st.stop()
store, frames = cached.store(), cached.frames()
if store.stale:
    st.warning(t("stale_layers", L, names=", ".join(store.stale)))
if state.W_EDIT + "msg" in st.session_state:
    st.success(st.session_state.pop(state.W_EDIT + "msg"))


def write(action, *args, **kwargs) -> None:
    """Run one edit; show its problems, or refresh the data and say which commit it made."""
    try:
        cid = action(store, user, *args, **kwargs)
    except DataError as exc:
        st.error(exc.message(L))
        for line in exc.detail_lines(L):
            st.caption(line)
        return
    cached.refresh()
    st.session_state[state.W_EDIT + "msg"] = (
        t("saved", L, commit=cid) if cid else t("nothing_changed", L)
    )
    st.rerun()


tabs = st.tabs([t(k, L) for k in ("tab_trusteeship", "tab_projects", "tab_history", "tab_export")])
with tabs[0]:
    villages = sorted(frames["villages"]["name"])
    table = frames["trusteeship"][list(edits.TRUSTEESHIP_COLUMNS)]
    config = {"village": st.column_config.SelectboxColumn(options=villages, required=True),
              "year": st.column_config.NumberColumn(min_value=2000, max_value=2100, step=1, format="%d")}  # fmt: skip
    edited = st.data_editor(
        table, num_rows="dynamic", hide_index=True, column_config=config, key=state.W_EDIT + "trust"
    )
    reason = st.text_input(t("reason", L), key=state.W_EDIT + "trust_reason")
    if st.button(t("save", L), type="primary", key=state.W_EDIT + "trust_save"):
        write(edits.save_trusteeship, edited, reason)

with tabs[1]:
    projects = frames["projects"].set_index("project_id")
    pid = st.selectbox(t("project", L), list(projects.index), key=state.W_EDIT + "project",
                       format_func=lambda p: f"{projects.at[p, 'name']} · {projects.at[p, 'year']}（{p}）")  # fmt: skip
    row = projects.loc[pid]
    value = lambda col: None if col not in row or pd.isna(row[col]) else float(row[col])  # noqa: E731
    c1, c2, c3 = st.columns(3)
    codes = list(STATUSES)
    status = c1.selectbox(t("status", L), codes, index=codes.index(row["status"]), key=f"{state.W_EDIT}st_{pid}",
                          format_func=lambda s: t("status_" + s, L))  # fmt: skip
    invest = c2.number_input(
        t("investment_wan", L),
        value=value("investment_wan"),
        min_value=0.0,
        key=f"{state.W_EDIT}inv_{pid}",
    )
    progress = c3.number_input(t("progress_pct", L), value=value("progress_pct"), min_value=0.0, max_value=100.0,
                               key=f"{state.W_EDIT}pg_{pid}")  # fmt: skip
    reason = st.text_input(t("reason", L), key=state.W_EDIT + "project_reason")
    if st.button(t("save", L), type="primary", key=state.W_EDIT + "project_save"):
        write(
            edits.update_project,
            pid,
            status=status,
            investment_wan=invest,
            progress_pct=progress,
            reason=reason,
        )

with tabs[2]:
    c1, c2 = st.columns(2)
    names = sorted(frames, key=lambda n: n not in ("projects", "trusteeship"))  # edited most
    layer = c1.selectbox(t("layer", L), names, key=state.W_EDIT + "h_layer")
    rid = c2.selectbox(t("record", L), store.known_record_ids(layer), key=state.W_EDIT + "h_rid")
    history = store.history(layer, rid) if rid else []
    if not history:
        st.caption(t("history_empty", L))
    else:
        rows = [{"#": c.commit_id, "at": c.at, "user": c.user, "op": c.op, "reason": c.reason,
                 "change": changed_fields(c) if c.op == "update" else ""} for c in history]  # fmt: skip
        st.dataframe(
            pd.DataFrame(rows), hide_index=True, width="stretch", key=state.W_EDIT + "h_table"
        )
        version = st.selectbox(
            t("version", L),
            [c.commit_id for c in reversed(history)],
            key=state.W_EDIT + "h_version",
        )
        old = store.record_at(layer, rid, version)
        with st.expander(t("at_version", L), expanded=True):
            if old:
                st.json(old, expanded=1)
            else:
                st.caption(t("deleted_then", L))
        b1, b2 = st.columns(2)
        if b1.button(t("restore_record", L), key=state.W_EDIT + "restore_record"):
            write(lambda s, u: s.restore_record(layer, rid, version, u.username))
        if b2.button(t("restore_layer", L), key=state.W_EDIT + "restore_layer"):
            write(lambda s, u: s.restore_layer(layer, version, u.username))
    st.markdown(f"##### {t('recent_commits', L)}")
    recent = [c.__dict__ for c in store.commits(20)]
    st.dataframe(
        pd.DataFrame(recent), hide_index=True, width="stretch", key=state.W_EDIT + "commits"
    )

with tabs[3]:
    name = st.selectbox(t("layer", L), list(frames), key=state.W_EDIT + "x_layer")
    st.download_button(t("download_geojson", L), lambda: geojson_bytes(frames[name]),
                       file_name=f"{name}.geojson", mime="application/geo+json", key=state.W_EDIT + "x_geojson")  # fmt: skip
    st.download_button(t("download_gpkg", L), lambda: gpkg_bytes(frames), file_name="qiling.gpkg",
                       mime="application/geopackage+sqlite3", key=state.W_EDIT + "x_gpkg")  # fmt: skip
    st.download_button(t("download_xlsx_all", L), lambda: xlsx_bytes(frames), file_name="qiling.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=state.W_EDIT + "x_xlsx")  # fmt: skip
