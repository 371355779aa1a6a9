"""Shared page pieces: settings, selection in the URL, map display, records, KPI cards."""

from __future__ import annotations

from html import escape

import streamlit as st

from geo.i18n import t
from geo.maps import basemaps
from geo.maps.mapping import build_map, map_signature
from geo.maps.options import DEFAULT_OVERLAYS, MapOptions
from geo.views.kpi import KPI
from geo.views.records import Record
from ui import cached, provenance, state
from ui.mapview import st_map, st_map_cached


def lang() -> str:
    """The UI language chosen in the sidebar ('zh' by default)."""
    return st.session_state.get(state.LANG, "zh")


def carried(key: str, lang: str) -> str:
    """The widget key of ``key`` in ``lang``, with the choice made in the other language.

    Streamlit keeps a select widget's choice by its shown label, so a label in the other
    language would lose it; one key per language, seeded from the other, keeps it.
    """
    new = f"{key}@{lang}"
    if new not in st.session_state:
        for other in ("zh", "en"):
            old = f"{key}@{other}"
            if old != new and old in st.session_state:
                st.session_state[new] = st.session_state[old]
    return new


def map_options(**overrides) -> MapOptions:
    """Map options from the shared sidebar, with page-specific overrides."""
    opts = MapOptions(
        lang=lang(),
        basemap=st.session_state.get(state.BASEMAP, "offline"),
        overlays=tuple(st.session_state.get(state.OVERLAYS, DEFAULT_OVERLAYS)),
        year=st.session_state.get(state.YEAR, "both"),
        selection=selection(),
        tianditu_key=basemaps.tianditu_key(_secrets()),
    )
    for k, v in overrides.items():
        setattr(opts, k, v)
    return opts


def _secrets() -> dict:
    try:
        return dict(st.secrets)
    except (FileNotFoundError, KeyError, AttributeError, ValueError):
        return {}
    except Exception:  # noqa: BLE001 - a malformed secrets.toml must not break the page
        return {}


def selection() -> str | None:
    """The selected feature id from the URL (shareable), e.g. ``village:QL09``."""
    return st.query_params.get(state.SELECTION)


def set_selection(sel: str | None) -> None:
    if sel:
        st.query_params[state.SELECTION] = sel
    elif state.SELECTION in st.query_params:
        del st.query_params[state.SELECTION]


def show_map(
    m, key: str, height: int = 620, selectable: tuple[str, ...] = ("village", "project", "meal")
) -> None:
    """Draw a map with its source line; a click on a selectable feature selects it.

    Pans and zooms do not rerun the page.
    """
    fid = st_map(m, key=key, height=height, clicks=bool(selectable))
    _after_map(fid, getattr(m, "qm_overlays", ()), key, selectable)


def show_one_map(
    frames, opts: MapOptions, key: str, height: int = 620,
    selectable: tuple[str, ...] = ("village", "project", "meal"), projects=None,
) -> None:  # fmt: skip
    """``show_map(build_map(frames, opts, projects), …)``, the map built and rendered only once
    per options and data revision (``ui.mapview.st_map_cached``); a rerun sends it as it was."""
    revision = getattr(frames, "revision", "")
    if not revision:  # frames of unknown origin: nothing to key a cache on
        show_map(build_map(frames, opts, projects), key, height, selectable)
        return
    sig = map_signature(frames, opts, projects, revision)
    fid, prepared = st_map_cached(sig, lambda: build_map(frames, opts, projects), key, height,
                                  clicks=bool(selectable))  # fmt: skip
    _after_map(fid, prepared.overlays, key, selectable)


def _after_map(fid: str | None, overlays, key: str, selectable: tuple[str, ...]) -> None:
    """The map's source line; a click on a selectable feature selects it."""
    provenance.map_source(overlays, cached.catalog(), lang())
    last_key = state.LAST_CLICK + key
    if fid and fid != st.session_state.get(last_key):
        st.session_state[last_key] = fid
        if fid.split(":", 1)[0] in selectable and fid != selection():
            set_selection(fid)
            st.rerun()


def render_record(
    rec: Record | None, lang: str, key_prefix: str = "rec", profile_link: bool = True
) -> None:
    """The side panel of a selected village or project."""
    if rec is None:
        st.info(t("nothing_selected", lang))
        return
    st.subheader(rec.title, anchor=False)
    if (
        profile_link
        and rec.kind == "village"
        and st.button(t("open_profile", lang), key=f"{key_prefix}_open_profile", type="primary")
    ):
        st.switch_page(
            "pages/village.py",
            query_params={state.VILLAGE: rec.key, state.SELECTION: f"village:{rec.key}"},
        )
    for flag in rec.flags:
        st.markdown(f":orange-badge[{escape(flag)}]")
    for k, v in rec.fields:
        st.markdown(f"**{escape(k)}**：{escape(str(v))}")
    st.markdown(f"##### {t('figures', lang)}")
    provenance.facts(rec.facts, lang, rec.no_figures_key)
    if rec.context:
        st.markdown(f"###### {t('subdistrict_figures', lang)}")
        provenance.facts(rec.context, lang)
    if rec.related:
        st.markdown(f"##### {t('related', lang)}")
        for i, (sel, text) in enumerate(rec.related):
            if st.button(text, key=f"{key_prefix}_rel_{i}", width="stretch"):
                if sel.startswith("village:"):
                    code = sel.split(":", 1)[1]
                    st.switch_page(
                        "pages/village.py", query_params={state.VILLAGE: code, state.SELECTION: sel}
                    )
                set_selection(sel)
                st.rerun()
    if st.button(t("clear_selection", lang), key=f"{key_prefix}_{state.W_CLEAR}"):
        set_selection(None)
        st.rerun()


def columns(df, labels: dict[str, str], formats: dict[str, str] | None = None) -> dict:
    """``column_config`` for st.dataframe: every shown column headed in the UI's language.

    Numbers stay numbers (formatted, right-aligned); a column without a label is hidden.
    """
    formats = formats or {}
    out: dict = {}
    for col in df.columns:
        if col not in labels:
            out[col] = None
        elif str(df[col].dtype).startswith(("int", "float", "Int", "Float")):
            out[col] = st.column_config.NumberColumn(
                labels[col], format=formats.get(col, "localized")
            )
        else:
            out[col] = st.column_config.TextColumn(labels[col])
    return out


def static_table(df, labels: dict[str, str], formats: dict[str, str] | None = None) -> None:
    """A small table drawn as text that wraps (nothing cut off): headers in the UI's language,
    numbers formatted (``formats``: column → format spec, default thousands separators), an
    empty cell as "—". Columns without a label are left out."""
    formats = formats or {}
    shown = {
        labels[col]: [_cell(v, formats.get(col, ",.10g")) for v in df[col]]
        for col in df.columns
        if col in labels
    }
    st.table(shown, hide_index=True)


def _cell(value, spec: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value, spec)
    return str(value)


def kpi_strip(kpis: list[KPI]) -> None:
    """The headline figures in one compact line above a map (they wrap, never truncate)."""
    items = "".join(
        f'<span class="qm-kpi"><b>{escape(k.value)}</b>{escape(t("kpi_strip_" + k.key, lang()))}</span>'
        for k in kpis
    )
    st.markdown(f'<div class="qm-kpis">{items}</div>', unsafe_allow_html=True)


def kpi_cards(kpis: list[KPI], lang: str) -> None:
    per_row = 3  # six cards: two rows that stay readable at 1024 px
    cols = [c for i in range(0, len(kpis), per_row) for c in st.columns(per_row)]
    for col, k in zip(cols, kpis):
        with col, st.container(border=True):
            # the label wraps (a metric's own label is cut to one line): “计算值” must stay visible
            st.markdown(escape(k.label))
            st.metric(k.label, k.value, label_visibility="collapsed")
            st.caption(k.note)
            if k.sources:
                with st.popover(t("kpi_source", lang), width="stretch"):
                    provenance.facts(list(k.sources), lang)
