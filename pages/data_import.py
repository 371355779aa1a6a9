"""数据导入 Data import (editors): upload → detect → map columns → preview and validate → commit."""

import hashlib

import streamlit as st

from geo.i18n import note_text, t
from geo.ingest import pipeline as importer
from geo.ingest.columns import CHOICES, mappable_columns, required_columns
from geo.ingest.crs import COMMON, crs_label
from geo.ingest.preview import preview_map, report_table
from geo.ingest.read import max_bytes
from geo.model.errors import DataError
from ui import auth, data
from ui.mapview import st_map
from ui.page import setup

L = setup()
W = "w_imp_"  # widget keys of this page
AUTO_FILLED = ("name_en", "section", "project_id", "subject_id")
st.title(t("import_title", L), anchor=False)
user = auth.require("editor", L)
if user is None:
    st.stop()
st.caption(t("import_intro", L))
upload = st.file_uploader(t("upload", L, mb=max_bytes() / 2**20), key=W + "upload")
if upload is None:
    st.stop()
frames, catalog = data.frames(), data.catalog()


def read(raw: bytes, name: str, layer: str | None = None):
    """The read file (one layer or sheet), kept in the session so reruns do not read it again."""
    digest = hashlib.sha1(raw).hexdigest()[:12]
    if st.session_state.get(W + "source", ("",))[0] != (digest, layer):
        st.session_state[W + "source"] = (
            (digest, layer),
            importer.read_upload(name, raw, layer=layer),
        )
    return digest, st.session_state[W + "source"][1]


def choose_layer(raw: bytes, name: str):
    """The file, read at the layer (GeoPackage, File Geodatabase) or sheet (Excel) chosen."""
    digest, source = read(raw, name)
    if len(source.layers) > 1:
        label = t("choose_sheet" if source.kind == "xlsx" else "choose_layer", L)
        chosen = st.selectbox(label, source.layers, key=f"{W}{digest}_layer")
        if chosen != source.layer:
            digest, source = read(raw, name, chosen)
    return f"{digest}_{source.layers.index(source.layer) if source.layers else 0}", source


def choose_xy(source, key: str):
    cols = list(source.frame.columns)
    x, y = importer.suggest_xy(source.frame) or (cols[0], cols[min(1, len(cols) - 1)])
    c1, c2 = st.columns(2)
    return (
        c1.selectbox(t("x_column", L), cols, index=cols.index(x), key=key + "x"),
        c2.selectbox(t("y_column", L), cols, index=cols.index(y), key=key + "y"),
    )


def choose_crs(proposal, key: str) -> None:
    plan, guess, sug = proposal.plan, proposal.crs, proposal.datum
    c1, c2 = st.columns(2)
    options = list(dict.fromkeys([plan.crs] + [f"EPSG:{c}" for c in COMMON]))
    label = lambda c: guess.label() if c == plan.crs else crs_label(int(c[5:]))  # noqa: E731
    plan.crs = c1.selectbox(t("crs", L), options, key=key + "crs", format_func=label)
    km = guess.distance_km or 0
    c1.caption(t("crs_detected", L, label=guess.label(), basis=t(f"basis_{guess.basis}", L), km=km))
    plan.swapped = c1.checkbox(t("swapped", L), value=plan.swapped, key=key + "swap")
    datums = ["wgs84", "gcj02", "bd09"]
    plan.datum = c2.radio(t("datum", L), datums, index=datums.index(plan.datum), key=key + "datum",
                          format_func=lambda d: t(f"datum_{d}", L), horizontal=True)  # fmt: skip
    scores = ", ".join(f"{k} {v:,.2f}" for k, v in sug.scores.items())
    basis = t(f"datum_basis_{sug.basis}", L, scores=scores)
    c2.caption(t("datum_suggest", L, datum=t(f"datum_{sug.datum}", L), basis=basis))


def choose_mapping(source, plan, key: str) -> None:
    cols, required = [None] + list(source.frame.columns), required_columns(plan.target)
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
                col + star, cols, index, key=f"{key}map_{col}", format_func=show
            )
            plan.mapping.pop(col, None)
            if chosen:
                plan.mapping[col] = chosen
            elif col in required and col not in AUTO_FILLED:
                choices = CHOICES.get((plan.target, col))
                fill, fkey = t("fill_value", L, col=col), f"{key}fill_{col}"
                plan.defaults[col] = (cell.selectbox(fill, list(choices), key=fkey) if choices
                                      else cell.text_input(fill, key=fkey))  # fmt: skip
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
    target = st.selectbox(t("target", L), targets, index=targets.index("projects"), key=W + "target",
                          format_func=lambda k: f"{catalog[k].title(L)}（{k}）" if k in catalog else k)  # fmt: skip
    key = f"{W}{digest}_{target}_"
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
        st_map(preview_map(frames, preview.frame, L), key="map_import_preview", height=460)
right.dataframe(report_table(preview.issues, L), hide_index=True, width="stretch", height=460)
table = preview.frame.drop(columns="geometry", errors="ignore")
st.dataframe(table, hide_index=True, width="stretch", height=240, key=W + "table")
reason = st.text_input(t("reason", L), value=f"import {upload.name}", key=W + "reason")
if not preview.ok:
    st.warning(t("commit_blocked", L))
if st.button(t("commit", L), type="primary", disabled=not preview.ok, key=W + "commit"):
    bar = st.progress(0.0)
    tick = lambda done, total: bar.progress(done / max(total, 1))  # noqa: E731
    try:
        cid = importer.commit(preview, data.store(), user, reason, progress=tick)
    except DataError as exc:
        st.error(exc.message(L))
        st.stop()
    data.refresh()
    n = len(preview.frame)
    st.success(t("committed", L, commit=cid, n=n) if cid else t("nothing_changed", L))
