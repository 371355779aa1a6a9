"""Shared page pieces: settings, selection in the URL, map display, records, provenance."""

from __future__ import annotations

from html import escape

import streamlit as st

from geo.i18n import metric_label, t
from geo.maps import basemaps
from geo.maps.mapping import DEFAULT_OVERLAYS, MapOptions
from geo.model.facts import Fact
from geo.views.kpi import KPI
from geo.views.records import Record
from ui import state
from ui.mapview import st_map


def lang() -> str:
    """The UI language chosen in the sidebar ('zh' by default)."""
    return st.session_state.get(state.LANG, "zh")


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
    """Draw a map; a click on a selectable feature selects it (pans and zooms do not rerun)."""
    fid = st_map(m, key=key, height=height, clicks=bool(selectable))
    last_key = f"_last_click_{key}"
    if fid and fid != st.session_state.get(last_key):
        st.session_state[last_key] = fid
        if fid.split(":", 1)[0] in selectable and fid != selection():
            set_selection(fid)
            st.rerun()


def fact_line(f: Fact, lang: str) -> str:
    """Markdown for a reported figure with its quote and section (escaped)."""
    value = (
        f"{f.qualifier}{f.value:,.10g} {f.unit}"
        if f.qualifier in ("约", "超", "超过")
        else f"{f.value:,.10g}{f.qualifier} {f.unit}"
    )
    metric = escape(metric_label(f.metric, lang))
    return (
        f"**{escape(value)}** · {metric}  \n"
        f"<span style='color:#555'>{t('source_quote', lang)}（{escape(f.section)}）：“{escape(f.quote)}”</span>"
    )


def render_facts(facts: list[Fact], lang: str) -> None:
    if not facts:
        st.caption(t("no_figures", lang))
    for f in facts:
        st.markdown(fact_line(f, lang), unsafe_allow_html=True)


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
    render_facts(rec.facts, lang)
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


def kpi_cards(kpis: list[KPI], lang: str) -> None:
    cols = st.columns(len(kpis))
    for col, k in zip(cols, kpis):
        with col, st.container(border=True):
            st.metric(k.label, k.value)
            st.caption(k.note)
            if k.sources:
                with st.popover(t("kpi_source", lang), width="stretch"):
                    render_facts(list(k.sources), lang)


def schematic_banner(lang: str) -> None:
    st.caption(t("schematic_banner", lang))


def provenance(entry, lang: str) -> None:
    """One line of provenance for a layer or table (source, licence, date, nature)."""
    nature = t(f"nature_{entry.nature}", lang)
    st.caption(
        f"{t('source', lang)}：{entry.source} · {t('licence', lang)}：{entry.licence} · "
        f"{t('date', lang)}：{entry.date} · {t('nature', lang)}：{nature}"
        + (f" · {entry.note(lang)}" if entry.note(lang) else "")
    )


def quoted_text(item: dict, lang: str) -> None:
    """A model or mechanism from the report, with its quote and section."""
    main = item["text_zh"] if lang == "zh" else f"{item['text_en']}（{item['text_zh']}）"
    st.markdown(
        f"**{escape(main)}**  \n<span style='color:#555'>{t('source_quote', lang)}（{escape(item['section'])}）："
        f"“{escape(item['quote'])}”</span>",
        unsafe_allow_html=True,
    )
