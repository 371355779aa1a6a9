"""Cached access to the dataset for the pages (frames are shared: never mutate them)."""

from __future__ import annotations

import streamlit as st

from geo.catalog import load_catalog
from geo.data import load_all
from geo.facts import load_facts, report_text
from geo.paths import DATA_DIR


@st.cache_resource(show_spinner=False)
def datasets(data_dir: str = str(DATA_DIR)):
    """Every layer and table with its catalogue entry."""
    return load_all(data_dir)


def frames(data_dir: str = str(DATA_DIR)) -> dict:
    """Just the frames, by layer id."""
    return {k: v.frame for k, v in datasets(data_dir).items()}


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
    from geo.catalog import load_texts

    return load_texts(data_dir)
