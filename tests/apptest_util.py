"""Helpers for Streamlit AppTest: run a page, read what the map component received."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from geo.model.paths import ROOT

PAGES = ["overview", "village", "trusteeship", "projects", "scenic", "checks", "plots", "sources"]


def run_page(page: str, lang: str = "zh", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["lang"] = lang
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page(f"pages/{page}.py")
    return at.run()


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def map_args(at: AppTest) -> list[dict]:
    """The json_args of every streamlit-folium component on the page."""
    out = []
    for el in _walk(at._tree):
        proto = getattr(el, "proto", None)
        if (
            type(el).__name__ == "UnknownElement"
            and proto is not None
            and hasattr(proto, "json_args")
        ):
            args = json.loads(proto.json_args)
            if "script" in args:
                out.append(args)
    return out


def feature_ids(script: str, kind: str) -> set[str]:
    """Distinct ``kind:id`` feature ids drawn in a map script."""
    return set(re.findall(rf'"fid": "{kind}:([^"]+)"', script))


def sign_in(at: AppTest, user) -> AppTest:
    """Start a session for ``user`` in the store the page opens (``QILING_DB``) and give the
    AppTest its token, as a sign-in through the form would."""
    from geo.store import open_store
    from geo.store import users as accounts
    from ui.state import AUTH_TOKEN

    at.session_state[AUTH_TOKEN] = accounts.start_session(open_store(), user)
    return at
