"""Offline assets, part 3: a map frame loads one script instead of eight.

streamlit-folium's frame loads its ``js_links`` one after the other, each waiting for the
previous one to arrive; on a warm server that chain was most of the time from page load to map
drawn. Two things shorten it, both applied to the links a map would send (``frame_links``):

1. ``lean_links`` drops what the map's own code never uses: folium.Map lists jQuery, Bootstrap's
   JavaScript, Leaflet.awesome-markers and Font Awesome for every map, but our maps have no
   folium Popup, no awesome marker and no icon. Each is dropped only when nothing in the map's
   script, header or HTML refers to it (so a map that does use one keeps it). The style sheets of
   Bootstrap 5 and of "bootstrap-glyphicons.css" stay: the latter is in fact the whole Bootstrap 3
   style sheet (normalize, body font and line height), and the frames' layout relies on both.
2. ``bundle_js`` joins the remaining local scripts, in order, into one file
   ``<vendor>/bundle-<digest>.js`` (written once, atomically; the digest is of its content).
   The bundle sits at the top of the vendor folder like ``folium-offline-init.js``, which finds
   Leaflet's images next to the script that runs it. If the file cannot be written (read-only
   folder) or a link is not a local file, the separate links are kept.

No Streamlit here; ``geo.maps.assets.offline_component_func`` applies it to what st_folium sends,
and ``lean_page`` to a whole rendered page (the presentation's tour).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from geo.files.geojson import atomic_write_bytes

#: (what the map's code must mention for the asset to stay, a piece of the asset's URL)
_OPTIONAL = (
    (re.compile(r"\$\(|\$\.|jQuery"), "jquery"),
    (re.compile(r"bootstrap\.|data-bs-|data-toggle"), "/js/bootstrap"),
    (re.compile(r"AwesomeMarkers|awesome-marker|awesome_marker"), "awesome-markers"),
    (re.compile(r"AwesomeMarkers|awesome-marker|awesome_marker|fa-rotate"), "awesome.rotate"),
    (re.compile(r"\bfa-|\bfas\b|\bfar\b|\bfab\b|\"fa\"|'fa'"), "fontawesome"),
)
#: The asset links themselves (in a rendered page) are no use of them.
_LINK_TAGS = re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>|<link\b[^>]*>", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
BUNDLE_PREFIX = "bundle-"


def lean_links(links: list[str], code: str) -> list[str]:
    """``links`` without the optional assets that ``code`` (script + header + HTML) never uses."""
    code = _LINK_TAGS.sub("", code)
    unused = [part for pattern, part in _OPTIONAL if not pattern.search(code)]
    return [link for link in links if not any(part in link for part in unused)]


_SRC_TAG = re.compile(
    r"""<script\b[^>]*\bsrc=["']([^"']+)["'][^>]*>\s*</script>\s*""", re.IGNORECASE
)
_CSS_TAG = re.compile(r"""<link\b[^>]*\bhref=["']([^"']+)["'][^>]*>\s*""", re.IGNORECASE)


def lean_page(html: str) -> str:
    """A whole rendered folium page (e.g. the presentation's tour) without the script and style
    sheet tags of the optional assets its own code never uses (see ``lean_links``)."""
    for tag in (_SRC_TAG, _CSS_TAG):
        urls = [m.group(1) for m in tag.finditer(html)]
        keep = set(lean_links(urls, html))
        html = tag.sub(lambda m, keep=keep: m.group(0) if m.group(1) in keep else "", html)
    return html


def _local_file(link: str, prefix: str, vendor: Path) -> Path | None:
    start = prefix.rstrip("/") + "/"
    if not link.startswith(start) or ".." in link[len(start) :].split("/"):
        return None
    path = vendor / link[len(start) :]
    return path if path.is_file() else None


def bundle_text(files: list[Path]) -> bytes:
    """The scripts joined in order. It starts with an empty statement so a ``"use strict"`` at
    the top of the first file cannot become the directive of the whole bundle; each part ends
    with a newline and ``;`` so no two files run into one statement; source-map comments go."""
    parts = [b";/* qiling one-map: joined offline scripts */\n"]
    for f in files:
        text = _SOURCE_MAP.sub("", f.read_text(encoding="utf-8"))
        parts.append(f"/* {f.name} */\n{text}\n;\n".encode())
    return b"".join(parts)


def bundle_js(links: list[str], prefix: str, vendor: str | os.PathLike[str]) -> list[str]:
    """One link to ``bundle-<digest>.js`` holding ``links`` in order, or ``links`` unchanged when
    one of them is not a local file or the bundle cannot be written."""
    vendor = Path(vendor)
    files = [_local_file(link, prefix, vendor) for link in links]
    if len(links) < 2 or any(f is None for f in files):
        return list(links)
    try:
        data = bundle_text(files)  # type: ignore[arg-type]
        name = f"{BUNDLE_PREFIX}{hashlib.sha256(data).hexdigest()[:16]}.js"
        target = vendor / name
        if not target.is_file() or target.stat().st_size != len(data):
            atomic_write_bytes(target, data)
    except (OSError, UnicodeDecodeError):
        return list(links)
    return [f"{prefix.rstrip('/')}/{name}"]


def frame_links(kwargs: dict, prefix: str, vendor: str | os.PathLike[str] | None) -> dict:
    """st_folium's component arguments with lean links and the scripts in one bundle (when the
    folder behind ``prefix`` is known)."""
    code = "\n".join(str(kwargs.get(k) or "") for k in ("script", "header", "html"))
    out = dict(kwargs)
    js = lean_links(list(kwargs.get("js_links") or []), code)
    out["css_links"] = lean_links(list(kwargs.get("css_links") or []), code)
    out["js_links"] = js if vendor is None else bundle_js(js, prefix, vendor)
    return out
