"""Streamlit side of the contract-plot page: the layer prepared once, KPIs, map, panels."""

from __future__ import annotations

import dataclasses
import json
import os
from html import escape
from pathlib import Path

import streamlit as st

from geo.i18n import t
from geo.model.facts import reported
from geo.model.paths import DATA_DIR
from geo.model.units import format_mu
from geo.plots.layer import (
    DEFAULT_N,
    PlotData,
    ensure_plots,
    generated_path,
    imported_path,
    prepare,
)
from geo.plots.map import PlotMapOptions, build_plot_map
from geo.plots.stats import plot_record
from geo.views.citations import figure_text
from ui import cached, state
from ui import provenance as prov
from ui.common import map_options
from ui.mapview import st_map_cached

#: Environment variable: how many schematic plots to generate (default 40,000).
N_ENV = "QILING_PLOTS_N"


def plot_count() -> int:
    """Number of schematic plots to show (``QILING_PLOTS_N``, default 40,000)."""
    return int(os.environ.get(N_ENV) or DEFAULT_N)


def plot_data(lang: str) -> PlotData:
    """The layer of this data folder, generated first (with a progress bar) when missing."""
    n = plot_count()
    frames = cached.frames()
    path = imported_path(DATA_DIR) or _generated_path(n, frames.revision, frames)
    if not path.is_file():
        bar = st.progress(0.0, text=t("plots_generating", lang, n=n))
        ensure_plots(n, DATA_DIR, lambda f, step: bar.progress(min(f, 1.0), text=f"{t('plots_generating', lang, n=n)} {step}"), frames)  # fmt: skip
        bar.empty()
    return _prepared(str(path), str(DATA_DIR))


@st.cache_resource(show_spinner=False, max_entries=8)
def _generated_path(n: int, revision: str, _frames) -> Path:
    """``generated_path`` once per data revision (its digest of the input layers takes ~60 ms)."""
    return generated_path(n, _frames)


@st.cache_resource(show_spinner=False)
def _prepared(path: str, data_dir: str) -> PlotData:
    return prepare(Path(path), cached.frames(data_dir))


def kpis(pd_: PlotData, lang: str) -> None:
    """Headline totals from every plot, beside the report's figures."""
    facts = cached.facts()
    area, villages = (reported(facts, "land_trusteeship", m) for m in ("area", "villages"))
    tot = pd_.totals
    cards = [
        (t("plots_kpi_plots", lang), f"{tot['plots']:,}", None),
        (t("plots_kpi_area", lang), format_mu(tot["area_mu"], lang=lang), None),
        (t("plots_kpi_entrusted", lang), format_mu(tot["entrusted_mu"], lang=lang), area),
        (t("plots_kpi_villages", lang), f"{tot['villages_entrusted']}", villages),
        (t("plots_kpi_holders", lang), f"{tot['holders']:,}", None),
    ]
    for col, (label, value, fact) in zip(st.columns(len(cards)), cards):
        with col, st.container(border=True):
            st.metric(label, value)
            if fact is not None:
                st.caption(t("plots_vs_report", lang, value=figure_text(fact, lang)))
                with st.popover(t("kpi_source", lang), width="stretch"):
                    prov.fact(fact, lang)


def find_plot(pd_: PlotData, lang: str) -> dict | None:
    """A text box for a plot ID; returns its record (the map then opens on it)."""
    pid = st.text_input(
        t("plots_find_plot", lang),
        key=state.W_PLOT_FIND,
        placeholder=t("plots_find_placeholder", lang),
    )
    if not pid or not pid.strip():
        return None
    rec = plot_record(pd_.plots, pid)
    if rec is None:
        st.warning(t("plots_no_such_plot", lang, pid=pid.strip()))
    return rec


def show_map(pd_: PlotData, lang: str, focus: dict | None) -> None:
    """Draw the plot map; a village click is remembered for the side panel (no rerun on pans)."""
    opts = map_options()
    fit = None
    if focus is not None:
        w, s, e, n = focus["bounds"]
        fit = (w - 0.0015, s - 0.001, e + 0.0015, n + 0.001)
    if opts.basemap == "gaode":
        st.caption(t("plots_basemap_gcj", lang))
    popts = PlotMapOptions(lang, opts.basemap, opts.tianditu_key, fit, focus)
    frames = cached.frames()
    # the map is built once per options, plot layer (its tiles' content key) and data revision
    sig = json.dumps(["plots", frames.revision, pd_.tiles.key, str(pd_.path),
                      [[f.name, getattr(popts, f.name)] for f in dataclasses.fields(popts)]],
                     ensure_ascii=False, sort_keys=True, default=repr)  # fmt: skip
    build = lambda: build_plot_map(frames, pd_.villages, pd_.tiles, popts)  # noqa: E731
    fid, _ = st_map_cached(sig, build, key=state.MAP_PLOTS, height=640)
    if fid and fid.startswith("village:"):
        st.session_state[state.PLOTS_CLICKED] = fid.split(":", 1)[1]


def record(rec: dict, lang: str) -> None:
    """A plot's record in the side panel."""
    st.subheader(rec["plot_id"], anchor=False)
    if rec["geom_source"] == "schematic":
        st.markdown(f":orange-badge[{t('plots_schematic', lang)}]")
    status = t(f"plots_{rec['trusteeship_status']}", lang)
    for key, value in (("village", f"{rec['village']}（{rec['village_code']}）"),
                       ("area", format_mu(rec["area_mu"], 2, lang=lang)), ("holder", rec["holder_code"]),
                       ("status", status), ("year", rec["trusteeship_year"] or "—")):  # fmt: skip
        st.markdown(f"**{t(f'plots_{key}', lang)}**：{escape(str(value))}")


def village_panel(pd_: PlotData, lang: str) -> None:
    """The clicked village's exact totals, or a hint."""
    code = st.session_state.get(state.PLOTS_CLICKED)
    rows = pd_.villages[pd_.villages["code"] == code]
    if rows.empty:
        st.info(t("plots_village_panel", lang))
        return
    r = rows.iloc[0]
    st.subheader(f"{r['name']}（{r['code']}）", anchor=False)
    st.metric(t("plots_kpi_plots", lang), f"{r['plots']:,}")
    st.metric(t("plots_kpi_area", lang), format_mu(r["area_mu"], lang=lang))
    st.metric(
        t("plots_kpi_entrusted", lang),
        format_mu(r["entrusted_mu"], lang=lang),
        f"{r['share']:.0%}",
        delta_color="off",
    )
    if r["table_mu"] == r["table_mu"]:
        st.caption(f"{t('plots_col_table', lang)}：{format_mu(r['table_mu'], lang=lang)}")


def village_table(pd_: PlotData, lang: str) -> None:
    """Every village's totals from every plot, beside the trusteeship table.

    A markdown table, not st.dataframe: the grid's script bundle (~1.2 MB) would be fetched
    and compiled while the map loads, costing ~0.5 s of first paint on a cold browser.
    """
    st.markdown(f"##### {t('plots_by_village', lang)}")
    keys = ["col_village", "col_code", "col_plots", "col_area", "col_entrusted", "col_share",
            "col_table", "col_diff"]  # fmt: skip
    lines = [
        "| " + " | ".join(t(f"plots_{k}", lang) for k in keys) + " |",
        "|---|---|" + "---:|" * 6,
    ]
    for r in pd_.villages.sort_values("entrusted_mu", ascending=False).itertuples():
        table = "—" if r.table_mu != r.table_mu else f"{r.table_mu:,.0f}"
        diff = "—" if r.table_mu != r.table_mu else f"{r.diff_mu:+,.2f}"
        cells = [_cell(r.name), r.code, f"{r.plots:,}", f"{r.area_mu:,.2f}", f"{r.entrusted_mu:,.2f}",
                 f"{r.share:.1%}", table, diff]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    st.markdown("\n".join(lines))


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell (no markup, no column break)."""
    return escape(str(text)).replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;")


def provenance(pd_: PlotData, lang: str) -> None:
    """Where the plots come from."""
    if pd_.imported:
        st.caption(t("plots_imported_layer", lang, path=pd_.path.name))
    else:
        st.caption(t("plots_schematic_layer", lang))
    prov.map_source(("boundary", "villages"), cached.catalog(), lang)
