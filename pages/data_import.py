"""数据导入 Data import (editors): upload → detect → map columns → preview and validate → commit."""

import hashlib

import streamlit as st

from geo.i18n import field_label, note_text, t
from geo.ingest import pipeline as importer
from geo.ingest.columns import CHOICES, mappable_columns, personal_columns, required_columns
from geo.ingest.crs import COMMON, SOURCES, crs_label, resolve_datum
from geo.ingest.read import max_bytes
from geo.maps.import_preview import preview_map, report_table
from geo.model.coords import DATUMS
from geo.model.errors import DataError
from ui import auth, cached, state
from ui.common import columns
from ui.mapview import st_map
from ui.page import setup

L = setup()
AUTO_FILLED = ("name_en", "section", "project_id", "subject_id")
st.title(t("nav_data_import", L), anchor=False)
user = auth.require("editor", L)
if user is None:
    st.stop()
st.caption(t("import_intro", L))
upload = st.file_uploader(t("upload", L, mb=max_bytes() / 2**20), key=state.W_IMPORT + "upload")
if upload is None:
    st.stop()
frames, catalog = cached.frames(), cached.catalog()


def read(raw: bytes, name: str, layer: str | None = None):
    """The read file (one layer or sheet), kept in the session so reruns do not read it again."""
    digest = hashlib.sha1(raw).hexdigest()[:12]
    if st.session_state.get(state.W_IMPORT + "source", ("",))[0] != (digest, layer):
        st.session_state[state.W_IMPORT + "source"] = (
            (digest, layer),
            importer.read_upload(name, raw, layer=layer),
        )
    return digest, st.session_state[state.W_IMPORT + "source"][1]


def choose_layer(raw: bytes, name: str):
    """The file, read at the layer (GeoPackage, File Geodatabase) or sheet (Excel) chosen."""
    digest, source = read(raw, name)
    if len(source.layers) > 1:
        label = t("choose_sheet" if source.kind == "xlsx" else "choose_layer", L)
        chosen = st.selectbox(label, source.layers, key=f"{state.W_IMPORT}{digest}_layer")
        if chosen != source.layer:
            digest, source = read(raw, name, chosen)
    return f"{digest}_{source.layers.index(source.layer) if source.layers else 0}", source


def choose_xy(source, key: str):
    """The x/y columns: suggested by name or value range, else left for the editor to choose."""
    cols = list(source.frame.columns)
    x, y = importer.suggest_xy(source.frame) or (None, None)
    c1, c2 = st.columns(2)
    chosen = (
        c1.selectbox(t("x_column", L), cols, index=cols.index(x) if x else None, key=key + "x",
                     placeholder=t("choose_value", L)),
        c2.selectbox(t("y_column", L), cols, index=cols.index(y) if y else None, key=key + "y",
                     placeholder=t("choose_value", L)),
    )  # fmt: skip
    if None in chosen:
        st.info(t("choose_xy", L))
        st.stop()
    return chosen


def choose_crs(proposal, key: str) -> None:
    """The CRS, and which datum the coordinates are in: stated, judged from the data, or asked."""
    plan, guess, sug = proposal.plan, proposal.crs, proposal.datum
    c1, c2 = st.columns(2)
    options = list(dict.fromkeys([plan.crs] + [f"EPSG:{c}" for c in COMMON]))
    name = lambda c: guess.label() if c == plan.crs else crs_label(int(c[5:]))  # noqa: E731
    plan.crs = c1.selectbox(t("crs", L), options, key=key + "crs", format_func=name)
    km = guess.distance_km or 0
    c1.caption(t("crs_detected", L, label=guess.label(), basis=t(f"basis_{guess.basis}", L), km=km))
    plan.swapped = c1.checkbox(t("swapped", L), value=plan.swapped, key=key + "swap")
    if sug.basis == "projected":
        c2.caption(t("datum_basis_projected", L))
        return
    plan.source = c2.radio(t("file_source", L), list(SOURCES), index=None, key=key + "source",
                           format_func=lambda s: t(f"source_{s}", L))  # fmt: skip
    scores = ", ".join(f"{k} {v:,.2f}" for k, v in sug.scores.items())
    if sug.datum:
        basis = t(f"datum_basis_{sug.basis}", L, scores=scores)
        c2.caption(t("datum_detected", L, datum=t(f"datum_{sug.datum}", L), basis=basis))
    plan.datum = resolve_datum(plan.source, sug)
    if plan.datum is None:
        c2.warning(t("datum_ask", L))
        plan.datum = c2.radio(t("datum_pick", L), list(DATUMS), index=None,
                              key=key + "datum", format_func=lambda d: t(f"placement_{d}", L))  # fmt: skip
    if plan.datum:
        c2.caption(t("datum_used", L, datum=t(f"datum_{plan.datum}", L)))


def choose_mapping(source, plan, key: str) -> None:
    """Target column → file column; a required column the file lacks is chosen by the editor."""
    personal = set(personal_columns(list(source.frame.columns)))
    cols = [None] + [c for c in source.frame.columns if c not in personal]
    required = required_columns(plan.target)
    show = lambda c: t("not_mapped", L) if c is None else c  # noqa: E731
    with st.expander(t("mapping", L), expanded=True):
        grid = st.columns(4)
        for i, col in enumerate(mappable_columns(plan.target)):
            cell = grid[i % 4]
            star = (
                f" （{t('auto', L)}）" if col in AUTO_FILLED else (" *" if col in required else "")
            )
            index = cols.index(plan.mapping.get(col))
            chosen = cell.selectbox(
                field_label(col, L) + star, cols, index, key=f"{key}map_{col}", format_func=show
            )
            plan.mapping.pop(col, None)
            if chosen:
                plan.mapping[col] = chosen
            elif col in required and col not in AUTO_FILLED:
                choices = CHOICES.get((plan.target, col))
                fill, fkey = t("fill_value", L, col=field_label(col, L)), f"{key}fill_{col}"
                plan.defaults[col] = (
                    cell.selectbox(fill, list(choices[0]), index=None, key=fkey,
                                   placeholder=t("choose_value", L),
                                   format_func=lambda c, p=choices[1]: t(f"{p}_{c}", L))
                    if choices else cell.text_input(fill, key=fkey)
                )  # fmt: skip
        c1, c2 = st.columns(2)
        plan.mode = c1.radio(t("mode", L), ["upsert", "replace"], key=key + "mode",
                             format_func=lambda m: t(f"mode_{m}", L))  # fmt: skip
        plan.geom_source = c2.radio(t("geom_source", L), ["imported", "surveyed"], key=key + "gsrc",
                                    format_func=lambda g: t(f"geom_source_{g}", L))  # fmt: skip


try:
    digest, source = choose_layer(upload.getvalue(), upload.name)
    notes = "".join(f" · {note_text(c, L, **f)}" for c, f in source.notes)
    st.caption(t("read_as", L, n=len(source.frame), kind=source.kind) + notes)
    targets = importer.targets(frames)
    target = st.selectbox(t("target", L), targets, index=targets.index("projects"), key=state.W_IMPORT + "target",
                          format_func=lambda k: catalog[k].title(L) if k in catalog else field_label(k, L))  # fmt: skip
    key = f"{state.W_IMPORT}{digest}_{target}_"
    xy = choose_xy(source, key) if importer.needs_xy(source, target) else None
    proposal = importer.propose(source, target, frames, xy)
    if proposal.crs is not None:
        choose_crs(proposal, key)
    choose_mapping(source, proposal.plan, key)
    preview = importer.prepare(source, proposal.plan, frames)
except DataError as exc:
    st.error(exc.message(L))
    st.stop()

st.markdown(f"##### {t('preview', L)}")
left, right = st.columns([3, 2])
if proposal.crs is not None:
    with left:
        shown = preview_map(frames, preview.frame, L, preview.placements)
        st_map(shown, key=state.MAP_IMPORT_PREVIEW, height=460)
right.dataframe(report_table(preview.issues, L), hide_index=True, width="stretch", height=460)
table = preview.frame.drop(columns="geometry", errors="ignore")
st.dataframe(table, hide_index=True, placeholder="—", width="stretch", height=240, key=state.W_IMPORT + "table",
             column_config=columns(table, {c: field_label(c, L) for c in table.columns}))  # fmt: skip
reason = st.text_input(t("reason", L), value=f"import {upload.name}", key=state.W_IMPORT + "reason")
if not preview.ok:
    st.warning(t("commit_blocked", L))
if st.button(
    t("commit", L), type="primary", disabled=not preview.ok, key=state.W_IMPORT + "commit"
):
    bar = st.progress(0.0)
    tick = lambda done, total: bar.progress(done / max(total, 1))  # noqa: E731
    try:
        cid = importer.commit(preview, cached.store(), user, reason, progress=tick)
    except DataError as exc:  # a conflict names who changed what since the preview
        st.error(exc.message(L))
        for line in exc.detail_lines(L):
            st.markdown(f"- {line}")
        st.stop()
    cached.refresh()
    n = len(preview.frame)
    st.success(t("committed", L, commit=cid, n=n) if cid else t("nothing_changed", L))
