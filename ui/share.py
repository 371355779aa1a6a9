"""Print and share controls of the pages: PDF and HTML exports made on demand, then downloaded."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import streamlit as st

from geo.checks.findings import Finding
from geo.i18n import t
from geo.maps.mapping import build_map
from geo.maps.options import MapOptions
from geo.printing.checkreport import checks_pdf
from geo.printing.dossier import all_village_pdfs, village_pdf
from geo.printing.fonts import FontMissing
from geo.printing.onemap import PrintOptions, onemap_pdf
from geo.printing.standalone import standalone_html
from ui import cached, state

PDF = "application/pdf"


def _remember(kind: str, sig: str, make: Callable[[], bytes], lang: str) -> bytes | None:
    """Make an export once per signature (kept in session state); None after an error shown."""
    store = st.session_state.setdefault(state.PRINT_RESULT, {})
    if kind in store and store[kind][0] == sig:
        return store[kind][1]
    try:
        result = make()
    except FontMissing as exc:
        st.error(str(exc))
        return None
    except (
        OSError,
        ValueError,
        KeyError,
    ) as exc:  # a missing asset or a bad layer: say so, keep the page
        st.error(t("print_failed", lang, msg=exc))
        return None
    store[kind] = (sig, result)
    return result


def _revision() -> str:
    """The database and its revision: an export made before a commit is made again after it."""
    try:
        store = cached.store()
        return f"{getattr(store.path, 'name', store.path)}@{store.revision()}"
    except Exception:  # noqa: BLE001 - an unavailable store only means no cache key
        return ""


def _ready(kind: str, sig: str) -> bytes | None:
    store = st.session_state.get(state.PRINT_RESULT, {})
    return store[kind][1] if kind in store and store[kind][0] == sig else None


def overview_exports(frames: dict, facts: list, opts: MapOptions, lang: str) -> None:
    """打印/导出PDF of the one-map (sidebar layers, year, theme) and the offline HTML map."""
    with st.expander(t("print_section", lang)):
        c1, c2, c3 = st.columns([1, 2, 2])
        paper = (
            c1.segmented_control(
                t("print_paper", lang),
                ["A3", "A4"],
                default="A3",
                required=True,
                key=state.W_PRINT_PAPER,
            )
            or "A3"
        )
        po = PrintOptions(paper, lang, tuple(opts.overlays), opts.year, opts.metric)
        sig = repr(po) + _revision()
        if c2.button(t("print_button", lang), key=state.W_PRINT_MAP, type="primary"):
            with st.spinner(t("print_making", lang)):
                _remember(
                    "onemap", sig, lambda: onemap_pdf(frames, facts, cached.catalog(), po), lang
                )
        pdf = _ready("onemap", sig)
        if pdf:
            c2.download_button(
                t("print_download_pdf", lang),
                pdf,
                file_name=f"qiling_onemap_{paper}_{lang}.pdf",
                mime=PDF,
            )
        if c3.button(
            t("print_html_button", lang), key=state.W_PRINT_HTML, help=t("print_html_help", lang)
        ):
            html_opts = MapOptions(lang=lang, overlays=opts.overlays, year=opts.year, metric=opts.metric,
                                   metric_values=opts.metric_values)  # fmt: skip
            _remember(
                "html", sig, lambda: standalone_html(build_map(frames, html_opts)).encode(), lang
            )
        html = _ready("html", sig)
        if html:
            c3.download_button(
                t("print_html_button", lang),
                html,
                file_name=f"qiling_onemap_{lang}.html",
                mime="text/html",
            )


def village_exports(code: str, frames: dict, facts: list, lang: str) -> None:
    """This village's 一村一档 PDF, and every village's in one ZIP (with a progress bar)."""
    c1, c2 = st.columns(2)
    sig = f"{code}{lang}{_revision()}"
    if c1.button(t("print_village_button", lang), key=state.W_PRINT_VILLAGE):
        with st.spinner(t("print_making", lang)):
            _remember(
                "village",
                sig,
                lambda: village_pdf(code, frames, facts, cached.catalog(), lang),
                lang,
            )
    pdf = _ready("village", sig)
    if pdf:
        c1.download_button(
            t("print_download_pdf", lang), pdf, file_name=f"{code}_{lang}.pdf", mime=PDF
        )
    all_sig = f"all{lang}{_revision()}"
    if c2.button(t("print_all_button", lang), key=state.W_PRINT_ALL):
        bar = c2.progress(0.0)

        def step(i: int, n: int, name: str) -> None:
            bar.progress(i / n, text=t("print_all_progress", lang, name=name, i=i + 1, n=n))

        def make() -> bytes:
            pdfs = all_village_pdfs(frames, facts, cached.catalog(), lang, step)
            bar.progress(1.0, text=t("print_all_done", lang, n=len(pdfs)))
            return _zip(pdfs)

        _remember("all", all_sig, make, lang)
    zipped = _ready("all", all_sig)
    if zipped:
        c2.download_button(
            t("print_download_zip", lang),
            zipped,
            file_name=f"qiling_villages_{lang}.zip",
            mime="application/zip",
        )


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return buf.getvalue()


def checks_export(frames: dict, findings: list[Finding], tolerance: float, lang: str) -> None:
    """The checks report as PDF, beside the Excel one."""
    sig = f"{tolerance}{lang}{len(findings)}{_revision()}"
    if st.button(t("print_checks_button", lang), key=state.W_PRINT_CHECKS):
        with st.spinner(t("print_making", lang)):
            _remember(
                "checks",
                sig,
                lambda: checks_pdf(frames, findings, cached.catalog(), lang, tolerance),
                lang,
            )
    pdf = _ready("checks", sig)
    if pdf:
        st.download_button(
            t("print_download_pdf", lang),
            pdf,
            file_name=f"qiling_allocation_checks_{lang}.pdf",
            mime=PDF,
        )
