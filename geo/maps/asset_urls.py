"""Offline assets, part 1: where each CDN file of folium lives locally, and the URLs to it.

See ``geo.maps.assets`` for the whole picture (collect, point folium at the copies, check).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import folium
import folium.elements
import folium.plugins  # defines most JSCSSMixin subclasses

#: Folder served by Streamlit as ``/app/static/vendor`` when the main script sits in the
#: repository root (Streamlit serves ``<folder of the main script>/static``).
DEFAULT_VENDOR_DIR = Path(__file__).resolve().parents[2] / "static" / "vendor"

#: URL prefix of DEFAULT_VENDOR_DIR as seen from inside the st_folium iframe. Relative, so
#: it also works behind ``--server.baseUrlPath`` (measured, see docs/offline.md).
DEFAULT_PREFIX = "../../app/static/vendor"

#: Small script (written by collect_assets) that sets ``L.Icon.Default.imagePath`` to the
#: local Leaflet images; use_local_assets puts it right after leaflet.js.
INIT_JS = "folium-offline-init.js"

MANIFEST_NAME = ".folium-offline-manifest.json"

_PACKAGES = (
    "folium",
    "folium-offline",
    "branca",
    "streamlit-folium",
    "xstatic-leaflet",
    "xstatic-font-awesome",
    "pillow",
)

# The addresses folium writes into a map, taken from folium itself: they are only keys that
# point folium at the local copies (nothing is fetched from them; tests/test_offline_browser.py).
_FOLIUM_JS, _FOLIUM_CSS = dict(folium.folium._default_js), dict(folium.folium._default_css)
_LEAFLET_JS = _FOLIUM_JS["leaflet"]
_LEAFLET_CSS = _FOLIUM_CSS["leaflet_css"]
_FONTAWESOME_CSS = _FOLIUM_CSS["awesome_markers_font_css"]


def _st_folium_d3_urls() -> tuple[str, ...]:
    """The d3 scripts st_folium puts first in ``js_links`` when a branca colormap is on the map.

    streamlit-folium writes them inside ``st_folium`` (each inserted at position 0, so the one
    written last comes first). They are read from its file, lookup keys like the ones above.
    """
    path = find_spec("streamlit_folium").origin  # its file, without importing Streamlit
    urls = re.findall(r"""["'](https?://[^"']*/d3[^"'/]*\.js)["']""", Path(path).read_text("utf-8"))
    if not urls:
        raise RuntimeError(f"no d3 address found in {path}")
    return tuple(reversed(list(dict.fromkeys(urls))))


#: st_folium's d3 scripts, in the order it sends them (branca adds the second to the header).
ST_FOLIUM_D3_URLS = _st_folium_d3_urls()

# CDN files taken from xstatic packages instead of offlinefolium: offlinefolium's
# leaflet.js embeds the marker images and its leaflet.css inlines them (Leaflet then cannot
# find its image path), and its Font Awesome CSS mixes inlined and missing webfonts.
_URL_OVERRIDES = {
    _LEAFLET_JS: "leaflet/leaflet.js",
    _LEAFLET_CSS: "leaflet/leaflet.css",
    _FONTAWESOME_CSS: "fontawesome/css/all.min.css",
}

_INIT_JS_TEXT = """\
/* Written by geo/maps/assets.py. Leaflet cannot infer its image folder when leaflet.css is
   added after the map script starts, so point it at the local copy next to this file. */
(function () {
  var script = document.currentScript;
  if (!script || !window.L || !L.Icon || !L.Icon.Default) { return; }
  L.Icon.Default.imagePath = script.src.replace(/[^\\/]*$/, "") + "leaflet/images/";
})();
"""

# MiniMap's toggle button image is not in any package we use; a plain arrow drawn here.
_TOGGLE_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="19" height="19" viewBox="0 0 19 19">
  <path d="M5 5 L14 14 M14 7 L14 14 L7 14" fill="none" stroke="#333" stroke-width="2"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""

_MINIMAP_DIR = "cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1"
_SEARCH_DIR = "cdn.jsdelivr.net/npm/leaflet-search@2.9.7"


class _State:
    def __init__(self) -> None:
        self.prefix: str | None = None  # set by use_local_assets
        self.vendor: Path | None = None  # set by setup_offline: the folder behind the prefix
        self.originals: dict[tuple[type, str], list[tuple[str, str]]] = {}  # CDN lists
        self.known_urls: frozenset[str] | None = None


_STATE = _State()


# --------------------------------------------------------------------------- paths / URLs


def _is_remote(url: str) -> bool:
    """True for http(s) and protocol-relative URLs that do not point at this machine."""
    low = url.strip().lower()
    if low.startswith("//"):
        low = "http:" + low
    if not low.startswith(("http://", "https://")):
        return False
    host = urlsplit(low).hostname or ""
    return host not in ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def local_path(url: str) -> str:
    """Relative path (posix) under the vendor folder where the file for ``url`` is stored.

    ``https://host/a/b.js`` -> ``host/a/b.js``; Leaflet and Font Awesome go to ``leaflet/``
    and ``fontawesome/`` (from the xstatic packages). URLs without a ``.js`` / ``.css``
    suffix (e.g. ``unpkg.com/@joergdietrich/leaflet.terminator``) get ``.js`` appended so
    Streamlit serves them with a JavaScript MIME type.
    """
    if url in _URL_OVERRIDES:
        return _URL_OVERRIDES[url]
    parts = urlsplit("https:" + url if url.startswith("//") else url)
    raw = f"{parts.hostname}/{parts.path.lstrip('/')}"
    segments = [
        re.sub(r"[^A-Za-z0-9._@-]", "_", seg)
        for seg in raw.split("/")
        if seg not in ("", ".", "..")
    ]
    rel = "/".join(segments)
    if not rel.endswith((".js", ".css")):
        rel += ".js"
    return rel


def _all_jscss_classes() -> list[type]:

    seen: list[type] = [folium.Map]
    stack = [folium.elements.JSCSSMixin]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.append(sub)
                stack.append(sub)
    return seen


def _capture_originals() -> frozenset[str]:
    """Remember each class's own CDN lists once; return every CDN URL folium may use."""
    for cls in _all_jscss_classes():
        for attr in ("default_js", "default_css"):
            if attr in cls.__dict__ and (cls, attr) not in _STATE.originals:
                _STATE.originals[(cls, attr)] = list(cls.__dict__[attr])
    urls = {url for pairs in _STATE.originals.values() for _, url in pairs if _is_remote(url)}
    urls.update(ST_FOLIUM_D3_URLS)
    _STATE.known_urls = frozenset(urls)
    return _STATE.known_urls


def localize_url(url: str, prefix: str | None = None) -> str:
    """Local URL (``{prefix}/{local_path(url)}``) for a known CDN URL; others unchanged."""
    prefix = _prefix(prefix)
    known = _STATE.known_urls or _capture_originals()
    if url in known:
        return f"{prefix}/{local_path(url)}"
    return url


def localize_js_links(links: Iterable[str], prefix: str | None = None) -> list[str]:
    """Rewrite known CDN URLs in a list of script (or stylesheet) links to local ones.

    Used on the ``js_links`` / ``css_links`` that ``st_folium`` sends to its iframe (it adds
    the d3 URLs for branca colormaps itself). Order is kept, duplicates are dropped.
    """
    return list(dict.fromkeys(localize_url(link, prefix) for link in links))


def _prefix(prefix: str | None) -> str:
    if prefix is None:
        prefix = _STATE.prefix if _STATE.prefix is not None else DEFAULT_PREFIX
    return prefix.rstrip("/")
