"""Cached access to the dataset for the pages (frames are shared: never mutate them).

Layers and tables come from the store (``geo.store``: ``QILING_DB``, created from ``data/`` on
first use). The cache is keyed by the store's revision, so a commit from any page, process or
the command line shows on the next run; ``refresh()`` also drops it at once after a commit.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from geo.checks.allocation import run_checks
from geo.checks.postgis_spatial import spatial_engine
from geo.checks.spatial import MEMORY
from geo.files.readers import Dataset, load_all
from geo.i18n import pair, t
from geo.model.catalog import load_catalog, load_texts
from geo.model.facts import load_facts, report_text
from geo.model.paths import DATA_DIR
from geo.store import STORE_ERRORS, Store, default_db_path, open_store
from ui import state


@st.cache_resource(show_spinner=False)
def _store(db_path: str, data_dir: str) -> Store:
    return open_store(data_dir, db_path)


def store(data_dir: str = str(DATA_DIR)) -> Store:
    """The store for the data folder (opened, created or brought up to date once per process)."""
    return _store(str(default_db_path(data_dir)), data_dir)


def _entry(entry, meta: dict):
    """The catalogue entry, with a note when the layer was imported."""
    if not meta.get("imported_from"):
        return entry
    zh, en = pair("imported_note", file=meta["imported_from"], user=meta.get("imported_by", ""))
    return dataclasses.replace(entry, nature="mixed" if entry.nature == "schematic" else entry.nature,
                               note_zh=" · ".join(x for x in (entry.note_zh, zh) if x),
                               note_en=" · ".join(x for x in (entry.note_en, en) if x))  # fmt: skip


@st.cache_resource(show_spinner=False, max_entries=4)
def _datasets(db_path: str, data_dir: str, revision: int) -> dict[str, Dataset]:
    s = _store(db_path, data_dir)
    frames = s.frames()
    return {
        e.id: Dataset(frame=frames[e.id], entry=_entry(e, s.layer_meta(e.id)))
        for e in load_catalog(data_dir).values()
        if e.kind in ("layer", "table") and e.id in frames
    }


@st.cache_resource(show_spinner=False)
def _files(data_dir: str) -> dict[str, Dataset]:
    return load_all(data_dir)


def datasets(data_dir: str = str(DATA_DIR)):
    """Every layer and table with its catalogue entry, as the store holds them now."""
    try:
        db = str(default_db_path(data_dir))
        return _datasets(db, data_dir, _store(db, data_dir).revision())
    except STORE_ERRORS as exc:  # a read-only or broken database must not blank the app
        st.warning(t("store_unavailable", st.session_state.get(state.LANG, "zh"), msg=exc))
        return _files(data_dir)


class Frames(dict):
    """The frames by layer id, with ``revision``: which data they are (the database and its
    revision, or the data folder when the store is unavailable), e.g. for a cache of maps."""

    revision: str = ""


def _frames(sets: dict, revision: str) -> Frames:
    out = Frames((k, v.frame) for k, v in sets.items())
    out.revision = revision
    return out


def frames(data_dir: str = str(DATA_DIR)) -> Frames:
    """Just the frames, by layer id (with their revision)."""
    try:
        db = str(default_db_path(data_dir))
        revision = _store(db, data_dir).revision()
        return _frames(_datasets(db, data_dir, revision), f"{db}@{revision}")
    except STORE_ERRORS as exc:  # a read-only or broken database must not blank the app
        st.warning(t("store_unavailable", st.session_state.get(state.LANG, "zh"), msg=exc))
        return _frames(_files(data_dir), f"files:{data_dir}")


def frames_and_spatial(data_dir: str = str(DATA_DIR)):
    """The frames and the spatial engine for them: PostGIS runs the checks' overlaps, zone
    intersections and areas in the database; otherwise (or if the database moved on since the
    frames were read) they run in memory."""
    try:
        db = str(default_db_path(data_dir))
        s = _store(db, data_dir)
        revision = s.revision()
        sets = _datasets(db, data_dir, revision)
        return _frames(sets, f"{db}@{revision}"), spatial_engine(s, revision)
    except STORE_ERRORS:
        return frames(data_dir), MEMORY


@st.cache_resource(show_spinner=False, max_entries=16)
def _findings(revision: str, tolerance: float, engine: str, _frames, _facts, _spatial) -> tuple:
    return tuple(run_checks(_frames, _facts, tolerance, _spatial))


def findings(frames: Frames, facts: list, tolerance: float, spatial=MEMORY) -> list:
    """``run_checks`` once per data revision, tolerance and engine (shared: never mutate)."""
    if not getattr(frames, "revision", ""):
        return run_checks(frames, facts, tolerance, spatial)
    engine = type(spatial).__name__
    return list(_findings(frames.revision, tolerance, engine, frames, facts, spatial))


def refresh() -> None:
    """Drop the cached frames after a commit (the next run reads the new revision anyway)."""
    _datasets.clear()


@st.cache_resource(show_spinner=False)
def facts(data_dir: str = str(DATA_DIR)):
    return load_facts(data_dir)


@st.cache_resource(show_spinner=False)
def catalog(data_dir: str = str(DATA_DIR)):
    return load_catalog(data_dir)


@st.cache_resource(show_spinner=False)
def report(data_dir: str = str(DATA_DIR)) -> str:
    return report_text(data_dir)


@st.cache_resource(show_spinner=False)
def texts(data_dir: str = str(DATA_DIR)) -> dict:
    return load_texts(data_dir)
