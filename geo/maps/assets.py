"""Serve every JS/CSS/font/image a folium map needs from local files (no internet).

The app runs on intranets without internet access, but folium 0.20, its plugins, branca
colormaps and streamlit-folium point the browser at public CDNs. This module

1. copies the files out of installed PyPI packages into a folder (``collect_assets``):
   ``folium-offline`` (module ``offlinefolium``) holds the text of every CDN file folium 0.20
   uses, keyed by its URL; ``xstatic-leaflet`` gives Leaflet with its ``images/`` folder;
   ``xstatic-font-awesome`` gives the Font Awesome CSS with its ``webfonts/``;
2. points folium at those files (``use_local_assets``), and
3. rewrites the links that ``st_folium`` builds itself (``localize_js_links``, installed
   by wrapping streamlit-folium's component function with ``offline_component_func``),
   e.g. the d3 scripts it adds for branca colormaps.

geo/ never imports streamlit; the Streamlit side (ui/mapview.py) does, as in docs/offline.md::

    import streamlit_folium
    from geo.maps.assets import offline_component_func, setup_offline

    setup_offline()  # collect into static/vendor + point folium there; ms when done
    streamlit_folium._component_func = offline_component_func(streamlit_folium._component_func)
    streamlit_folium.st_folium(m, height=600)

Streamlit must run with ``server.enableStaticServing = true``; it then serves the folder
``static/`` next to the main script at ``<baseUrlPath>/app/static/``. From inside the
st_folium iframe (``<baseUrlPath>/component/streamlit_folium.st_folium/index.html``) the
relative prefix ``../../app/static/vendor`` reaches that folder with or without a
``--server.baseUrlPath``; an absolute ``/app/static/vendor`` breaks under a base path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import branca.colormap
import folium
import folium.elements
import folium.plugins  # defines most JSCSSMixin subclasses
from branca.colormap import ColorMap
from branca.element import JavascriptLink

from geo.maps.asset_bundle import frame_links
from geo.maps.asset_files import check_assets, collect_assets, css_url_refs
from geo.maps.asset_urls import (
    _LEAFLET_JS,
    _STATE,
    DEFAULT_PREFIX,
    DEFAULT_VENDOR_DIR,
    INIT_JS,
    MANIFEST_NAME,
    ST_FOLIUM_D3_URLS,
    _all_jscss_classes,
    _capture_originals,
    _is_remote,
    local_path,
    localize_js_links,
    localize_url,
)

#: The public face of the offline assets (collecting and URLs live in asset_files / asset_urls).
__all__ = [
    "DEFAULT_PREFIX", "DEFAULT_VENDOR_DIR", "INIT_JS", "MANIFEST_NAME", "ST_FOLIUM_D3_URLS",
    "_all_jscss_classes", "check_assets", "collect_assets", "component_links", "css_url_refs",
    "external_urls", "local_path", "localize_js_links", "localize_url", "offline_component_func",
    "setup_offline", "use_cdn_assets", "use_local_assets",
]  # fmt: skip

# --------------------------------------------------------------------------- patching


def use_local_assets(prefix: str = DEFAULT_PREFIX) -> None:
    """Point folium.Map and every JSCSSMixin subclass at ``{prefix}/<local path>``.

    Also puts INIT_JS right after leaflet.js in folium.Map (sets the default marker image
    path) and makes branca colormaps add a local d3. Idempotent; calling it again with
    another prefix re-points everything from the original CDN URLs.
    """

    prefix = prefix.rstrip("/")
    _STATE.prefix, _STATE.vendor = prefix, None  # the folder is known to setup_offline only
    _capture_originals()
    for (cls, attr), original in _STATE.originals.items():
        pairs = [(name, localize_url(url, prefix)) for name, url in original]
        if cls is folium.Map and attr == "default_js":
            at = next((i + 1 for i, (_, url) in enumerate(original) if url == _LEAFLET_JS), 1)
            pairs.insert(at, ("folium_offline_init", f"{prefix}/{INIT_JS}"))
        setattr(cls, attr, pairs)
    _patch_branca()


def use_cdn_assets() -> None:
    """Undo use_local_assets: folium classes and branca colormaps use the CDN URLs again.

    Mainly for tests. A wrapped st_folium component function stays wrapped but leaves
    links alone until use_local_assets is called again.
    """
    for (cls, attr), original in _STATE.originals.items():
        setattr(cls, attr, list(original))
    _STATE.prefix = None

    wrapped = getattr(ColorMap.render, "__wrapped__", None)
    if getattr(ColorMap.render, "_folium_offline", False) and wrapped is not None:
        ColorMap.render = wrapped


def _patch_branca() -> None:

    if getattr(ColorMap.render, "_folium_offline", False):
        return
    original = ColorMap.render

    def render(self: Any, **kwargs: Any) -> None:
        original(self, **kwargs)
        link = self.get_root().header._children.get("d3")
        if isinstance(link, JavascriptLink):
            link.url = localize_url(link.url)

    render._folium_offline = True  # type: ignore[attr-defined]
    render.__wrapped__ = original  # type: ignore[attr-defined]
    ColorMap.render = render


def setup_offline(
    dest: str | os.PathLike[str] = DEFAULT_VENDOR_DIR, prefix: str = DEFAULT_PREFIX
) -> dict[str, str]:
    """collect_assets(dest) + use_local_assets(prefix); returns the URL mapping."""
    urls = collect_assets(dest)
    use_local_assets(prefix)
    _STATE.vendor = Path(dest)
    return urls


def offline_component_func(component_func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap streamlit-folium's component function so its links are served locally.

    ``st_folium`` builds ``js_links`` / ``css_links`` itself (adding the d3 scripts for
    branca colormaps) and passes them to ``streamlit_folium._component_func``; the wrapper
    runs them through localize_js_links while use_local_assets is in force, drops the assets
    the map never uses and joins its scripts into one bundle (``asset_bundle.frame_links``;
    setup_offline tells it the folder). Idempotent:
    an already wrapped function is returned as is. geo/ never imports streamlit, so the
    Streamlit side installs it (see docs/offline.md)::

        streamlit_folium._component_func = offline_component_func(
            streamlit_folium._component_func
        )
    """
    if getattr(component_func, "_folium_offline", False):
        return component_func

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _STATE.prefix is not None:
            for key in ("js_links", "css_links"):
                if kwargs.get(key):
                    kwargs[key] = localize_js_links(kwargs[key])
            kwargs = frame_links(kwargs, _STATE.prefix, _STATE.vendor)
        return component_func(*args, **kwargs)

    wrapper._folium_offline = True  # type: ignore[attr-defined]
    wrapper.__wrapped__ = component_func  # type: ignore[attr-defined]
    return wrapper


# --------------------------------------------------------------------------- checking

_URL_IN_TEXT = re.compile(r"""https?://[^\s"'<>()\\`]+""", re.IGNORECASE)
_PROTO_RELATIVE = re.compile(
    r"""(?:src|href)\s*=\s*\\?["']?(//[^\s"'<>\\]+)|url\(\s*["']?(//[^)"'\s]+)"""
)
_ANCHOR_BEFORE = re.compile(r"""(?:<|\\u003c)a\s[^>]*?href=\\?["']?$""", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"\s*(?://|/\*|\*)")
_NAMESPACES = ("http://www.w3.org/", "https://www.w3.org/")


def component_links(m: Any) -> tuple[list[str], list[str]]:
    """The (js_links, css_links) a wrapped st_folium would send for map ``m``.

    Mirrors streamlit_folium.st_folium 0.27 (including the d3 URLs it adds for branca
    colormaps) without needing a Streamlit runtime.
    """

    def walk(elem: Any) -> Iterable[Any]:
        if isinstance(elem, branca.colormap.ColorMap):
            yield elem
        if isinstance(elem, folium.plugins.DualMap):
            yield from walk(elem.m1)
            yield from walk(elem.m2)
        if isinstance(elem, folium.elements.JSCSSMixin):
            yield elem
        for child in getattr(elem, "_children", {}).values():
            yield from walk(child)

    js: list[str] = []
    css: list[str] = []
    for elem in walk(m):
        if isinstance(elem, branca.colormap.ColorMap):
            js[0:0] = list(ST_FOLIUM_D3_URLS)
        css.extend(href for _, href in getattr(elem, "default_css", []))
        js.extend(src for _, src in getattr(elem, "default_js", []))
    if _STATE.prefix is None:  # use_local_assets not in force: st_folium sends CDN URLs
        return list(dict.fromkeys(js)), list(dict.fromkeys(css))
    return localize_js_links(js), localize_js_links(css)


def external_urls(m: Any) -> list[str]:
    """Remote URLs the browser would fetch for map ``m`` (sorted, unique).

    Renders the map's figure and collects every http(s) / protocol-relative URL, plus the
    links st_folium would send (``component_links``). Ignored: tile URL templates (they
    contain ``{``), ``<a href>`` links (e.g. in tile attributions), URLs on JavaScript
    comment lines and XML namespaces.
    """
    html = m.get_root().render()
    found: set[str] = set()
    for match in _URL_IN_TEXT.finditer(html):
        url = match.group(0).rstrip(".,;")
        if "{" in url or url.startswith(_NAMESPACES):
            continue
        if _ANCHOR_BEFORE.search(html[max(0, match.start() - 200) : match.start()]):
            continue
        line = html[html.rfind("\n", 0, match.start()) + 1 : match.start()]
        if _COMMENT_LINE.match(line):  # e.g. "// https://github.com/.../issues/171"
            continue
        found.add(url)
    for match in _PROTO_RELATIVE.finditer(html):
        url = match.group(1) or match.group(2)
        if "{" not in url:
            found.add(url)
    js, css = component_links(m)
    found.update(url for url in js + css if _is_remote(url))
    return sorted(url for url in found if _is_remote(url))
