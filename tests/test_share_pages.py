"""The print and share buttons of the pages make their files (Streamlit AppTest)."""

from __future__ import annotations

import pytest

from geo.printing import fonts
from tests.apptest_util import run_page
from ui import state

pytestmark = pytest.mark.skipif(fonts.find_cjk_font() is None, reason="needs a CJK font")


def _result(at, kind: str) -> bytes:
    return at.session_state[state.PRINT_RESULT][kind][1]


def test_overview_prints_the_chosen_layers_and_exports_html():
    at = run_page("overview")
    at.button(key=state.W_PRINT_MAP).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _result(at, "onemap").startswith(b"%PDF")
    at.button(key=state.W_PRINT_HTML).click().run()
    html = _result(at, "html").decode()
    assert "<script src=" not in html and "leaflet" in html.lower()


def test_village_and_checks_pdfs():
    at = run_page("village", query={state.VILLAGE: "QL09"})
    at.button(key=state.W_PRINT_VILLAGE).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _result(at, "village").startswith(b"%PDF")
    at = run_page("checks", "en")
    at.button(key=state.W_PRINT_CHECKS).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _result(at, "checks").startswith(b"%PDF")


def test_missing_font_is_explained(monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    at = run_page("overview")
    at.button(key=state.W_PRINT_MAP).click().run()
    assert not at.exception
    assert any("fonts-noto-cjk" in e.value for e in at.error)
