"""The one provenance renderer: every page that shows a figure or a map says where it comes from.

A reported figure shows its value (with the report's own qualifier), what it measures, and the
sentence of the report with its section; a layer or table shows its source, licence, date and
nature; every map carries a line naming which of its layers are schematic (示意). The texts come
from ``geo.views.citations``; this module only puts them on the page (escaped).
"""

from __future__ import annotations

from html import escape

import streamlit as st

from geo.i18n import metric_label, t
from geo.model.catalog import Entry
from geo.model.facts import Fact
from geo.views.citations import dataset_text, fact_figure, map_source_text, quote_text
from ui import cached

_QUOTE_STYLE = "color:#555"


def quote_markdown(section: str, quote: str, lang: str) -> str:
    """The sentence of the report with its section, as escaped HTML-in-markdown."""
    text = t("cite_report", lang, section=escape(section), quote=escape(quote))
    return f"<span style='{_QUOTE_STYLE}'>{text}</span>"


def fact_markdown(f: Fact, lang: str) -> str:
    """Markdown for a reported figure with its quote and section (escaped); a figure the report
    gives differently elsewhere carries its conflict mark."""
    return (
        f"**{escape(fact_figure(f, lang, cached.facts()))}** · {escape(metric_label(f.metric, lang))}  \n"
        + quote_markdown(f.section, f.quote, lang)
    )


def fact(f: Fact, lang: str) -> None:
    st.markdown(fact_markdown(f, lang), unsafe_allow_html=True)


def facts(items: list[Fact], lang: str, empty_key: str = "no_figures") -> None:
    """Every figure of a record or card with its source (or a note that there is none)."""
    if not items:
        st.caption(t(empty_key, lang))
    for f in items:
        fact(f, lang)


def quote(section: str, text: str, lang: str) -> None:
    """One quoted sentence of the report (e.g. behind a finding)."""
    st.markdown(quote_markdown(section, text, lang), unsafe_allow_html=True)


def quoted_text(item: dict, lang: str) -> None:
    """A model or mechanism from the report, with its quote and section."""
    main = item["text_zh"] if lang == "zh" else f"{item['text_en']}（{item['text_zh']}）"
    st.markdown(
        f"**{escape(main)}**  \n" + quote_markdown(item["section"], item["quote"], lang),
        unsafe_allow_html=True,
    )


def dataset(entry: Entry, lang: str) -> None:
    """One line of provenance for a layer or table (source, licence, date, nature)."""
    st.caption(escape(dataset_text(entry, lang)))


def map_source(overlays, catalog: dict[str, Entry], lang: str) -> None:
    """The line under a map: figures cite the report; its schematic layers are named."""
    st.caption(escape(map_source_text(overlays, catalog, lang)))


def quote_plain(f: Fact, lang: str) -> str:
    """The quote line as plain text (for tooltips and compact cards)."""
    return quote_text(f, lang)
