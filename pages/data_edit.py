"""数据编辑 Data editing (editors): trusteeship rows, project status/investment/progress,
every record's history with restore, and exports of the current data."""

import pandas as pd
import streamlit as st

from geo.i18n import field_label, t, value_label
from geo.model.errors import ConflictError, DataError
from geo.model.project_specs import STATUSES
from geo.store import edits
from geo.store.describe import change_text
from geo.store.export import geojson_bytes, gpkg_bytes, xlsx_bytes
from geo.store.interface import NEW_RECORD
from ui import auth, cached, state
from ui.common import columns
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


def write(action, *args, scope: str = "", **kwargs) -> None:
    """Run one edit; show its problems, or refresh the data and say which commit it made.

    A conflict (someone saved this record since the editor loaded it) is kept for ``scope``
    until the editor reloads, so the message and the reload button stay on screen."""
    try:
        cid = action(store, user, *args, **kwargs)
    except ConflictError as exc:
        st.session_state[state.EDIT_CONFLICT] = {"scope": scope, "error": exc}
        st.rerun()
    except DataError as exc:
        st.error(exc.message(L))
        for line in exc.detail_lines(L):
            st.caption(line)
        return
    cached.refresh()
    bases = st.session_state.get(state.EDIT_BASE, {})
    for done in [k for k in bases if k == scope or k.startswith("history/")]:
        bases.pop(done)  # the next run loads what is saved
    st.session_state.pop(state.EDIT_CONFLICT, None)
    st.session_state[state.W_EDIT + "msg"] = (
        t("saved", L, commit=cid) if cid else t("nothing_changed", L)
    )
    st.rerun()


def base(scope: str, load):
    """What the editor loaded for ``scope`` (kept until saved or reloaded): ``load()`` once."""
    bases = st.session_state.setdefault(state.EDIT_BASE, {})
    if scope not in bases:
        bases[scope] = load()
    return bases[scope]


def show_conflict(scope: str) -> None:
    """The refusal of a save based on an older version, who changed what, and a reload button."""
    conflict = st.session_state.get(state.EDIT_CONFLICT)
    if not conflict or conflict["scope"] != scope:
        return
    exc = conflict["error"]
    st.error(exc.message(L))
    for line in exc.detail_lines(L):
        st.markdown(f"- {line}")
    if st.button(t("reload", L), type="primary", key=f"{state.W_EDIT}reload_{scope}"):
        st.session_state.get(state.EDIT_BASE, {}).pop(scope, None)
        st.session_state.pop(state.EDIT_CONFLICT, None)
        cached.refresh()
        st.rerun()


def layer_title(name: str) -> str:
    """A layer by its catalogue title in the UI's language."""
    entry = cached.catalog().get(name)
    return entry.title(L) if entry is not None else field_label(name, L)


tabs = st.tabs([t(k, L) for k in ("tab_trusteeship", "tab_projects", "tab_history", "tab_export")])
with tabs[0]:
    villages = sorted(frames["villages"]["name"])
    loaded, versions = base("trusteeship", lambda: (store.layer("trusteeship"), store.versions("trusteeship")))  # fmt: skip
    table = loaded[list(edits.TRUSTEESHIP_COLUMNS)]
    config = {"village": st.column_config.SelectboxColumn(field_label("village", L), options=villages, required=True),
              "year": st.column_config.NumberColumn(field_label("year", L), min_value=2000, max_value=2100, step=1, format="%d")}  # fmt: skip
    config |= {c: field_label(c, L) for c in table.columns if c not in config}
    generation = max(versions.values(), default=0)  # a reload starts a fresh editor
    edited = st.data_editor(table, num_rows="dynamic", hide_index=True, column_config=config,
                            key=f"{state.W_EDIT}trust_{generation}")  # fmt: skip
    show_conflict("trusteeship")
    reason = st.text_input(t("reason", L), key=state.W_EDIT + "trust_reason")
    if st.button(t("save", L), type="primary", key=state.W_EDIT + "trust_save"):
        write(edits.save_trusteeship, edited, reason, loaded[list(edits.TRUSTEESHIP_COLUMNS)],
              versions, scope="trusteeship")  # fmt: skip

with tabs[1]:
    projects = frames["projects"].set_index("project_id")
    pid = st.selectbox(t("project", L), list(projects.index), key=state.W_EDIT + "project",
                       format_func=lambda p: f"{projects.at[p, 'name']} · {projects.at[p, 'year']}（{p}）")  # fmt: skip
    scope = f"projects/{pid}"
    row, version = base(scope, lambda: store.record("projects", pid))
    value = lambda col: None if pd.isna(row.get(col)) else float(row[col])  # noqa: E731
    c1, c2, c3 = st.columns(3)
    codes = list(STATUSES)
    status = c1.selectbox(t("status", L), codes, index=codes.index(row["status"]), key=f"{state.W_EDIT}st_{pid}_{version}",
                          format_func=lambda s: t("status_" + s, L))  # fmt: skip
    invest = c2.number_input(t("investment_wan", L), value=value("investment_wan"), min_value=0.0,
                             key=f"{state.W_EDIT}inv_{pid}_{version}")  # fmt: skip
    progress = c3.number_input(t("progress_pct", L), value=value("progress_pct"), min_value=0.0, max_value=100.0,
                               key=f"{state.W_EDIT}pg_{pid}_{version}")  # fmt: skip
    show_conflict(scope)
    reason = st.text_input(t("reason", L), key=state.W_EDIT + "project_reason")
    if st.button(t("save", L), type="primary", key=state.W_EDIT + "project_save"):
        write(edits.update_project, pid, status=status, investment_wan=invest, progress_pct=progress,
              reason=reason, base=row, base_version=version, scope=scope)  # fmt: skip

with tabs[2]:
    c1, c2 = st.columns(2)
    names = sorted(frames, key=lambda n: n not in ("projects", "trusteeship"))  # edited most
    layer = c1.selectbox(
        t("layer", L), names, key=state.W_EDIT + "h_layer", format_func=layer_title
    )
    rid = c2.selectbox(t("record", L), store.known_record_ids(layer), key=state.W_EDIT + "h_rid")
    history = store.history(layer, rid) if rid else []
    if not history:
        st.caption(t("history_empty", L))
    else:
        rows = [{"commit_id": c.commit_id, "at": c.at, "user": c.user, "op": value_label("op_value", c.op, L),
                 "reason": c.reason, "change": change_text(c, L) if c.op == "update" else ""} for c in history]  # fmt: skip
        frame = pd.DataFrame(rows)
        st.dataframe(frame, hide_index=True, placeholder="—", width="stretch", key=state.W_EDIT + "h_table",
                     column_config=columns(frame, {c: field_label(c, L) for c in frame.columns}))  # fmt: skip
        version = st.selectbox(
            t("version", L),
            [c.commit_id for c in reversed(history)],
            key=state.W_EDIT + "h_version",
        )
        old = store.record_at(layer, rid, version)
        with st.expander(t("at_version", L), expanded=True):
            if old:  # the record as it was, field by field in the UI's language
                shown = {field_label(k, L): v for k, v in old.items() if k != "geometry"}
                st.dataframe(pd.DataFrame({t("record_field", L): list(shown), t("record_value", L): ["" if v is None else str(v) for v in shown.values()]}),
                             hide_index=True, placeholder="—", width="stretch", key=state.W_EDIT + "h_record")  # fmt: skip
            else:
                st.caption(t("deleted_then", L))
        b1, b2 = st.columns(2)
        scope, last = f"history/{layer}/{rid}", history[-1]
        now_seen = NEW_RECORD if last.op == "delete" else last.commit_id
        seen = st.session_state.setdefault(state.EDIT_BASE, {}).setdefault(
            scope, now_seen
        )  # as shown
        show_conflict(scope)
        if b1.button(t("restore_record", L), key=state.W_EDIT + "restore_record"):
            write(lambda s, u: s.restore_record(layer, rid, version, u.username, expected_version=seen),
                  scope=scope)  # fmt: skip
        layer_scope = f"history/{layer}"
        layer_seen = st.session_state[state.EDIT_BASE].setdefault(
            layer_scope, store.versions(layer)
        )
        show_conflict(layer_scope)
        if b2.button(t("restore_layer", L), key=state.W_EDIT + "restore_layer"):
            write(edits.restore_layer, layer, version, layer_seen, scope=layer_scope)
    st.markdown(f"##### {t('recent_commits', L)}")
    recent = pd.DataFrame([c.__dict__ for c in store.commits(20)])
    if "kind" in recent:
        recent["kind"] = [value_label("commit_kind", k, L) for k in recent["kind"]]
    st.dataframe(recent, hide_index=True, placeholder="—", width="stretch", key=state.W_EDIT + "commits",
                 column_config=columns(recent, {c: field_label(c, L) for c in recent.columns}))  # fmt: skip

with tabs[3]:
    name = st.selectbox(
        t("layer", L), list(frames), key=state.W_EDIT + "x_layer", format_func=layer_title
    )
    st.download_button(t("download_geojson", L), lambda: geojson_bytes(frames[name]),
                       file_name=f"{name}.geojson", mime="application/geo+json", key=state.W_EDIT + "x_geojson")  # fmt: skip
    st.download_button(t("download_gpkg", L), lambda: gpkg_bytes(frames), file_name="qiling.gpkg",
                       mime="application/geopackage+sqlite3", key=state.W_EDIT + "x_gpkg")  # fmt: skip
    st.download_button(t("download_xlsx_all", L), lambda: xlsx_bytes(frames), file_name="qiling.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=state.W_EDIT + "x_xlsx")  # fmt: skip
