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

import hashlib
import io
import json
import os
import posixpath
import re
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "DEFAULT_PREFIX",
    "DEFAULT_VENDOR_DIR",
    "INIT_JS",
    "check_assets",
    "collect_assets",
    "component_links",
    "css_url_refs",
    "external_urls",
    "local_path",
    "localize_js_links",
    "localize_url",
    "setup_offline",
    "offline_component_func",
    "use_cdn_assets",
    "use_local_assets",
]

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

_LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
_LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
_FONTAWESOME_CSS = (
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css"
)

#: The d3 scripts that st_folium adds to ``js_links`` whenever a branca colormap is on the
#: map (branca itself adds the second one to the figure header).
ST_FOLIUM_D3_URLS = (
    "https://d3js.org/d3.v4.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
)

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
    import folium
    import folium.elements
    import folium.plugins  # defines most JSCSSMixin subclasses

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


# --------------------------------------------------------------------------- collecting


def _stamp_key() -> str:
    versions = []
    for name in _PACKAGES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==missing")
    # Any change to this module (layout, patches, generated files) also refreshes the copy.
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"code={code};" + ";".join(versions)


def _read_manifest(dest: Path) -> dict[str, Any] | None:
    try:
        return json.loads((dest / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _xstatic_files() -> dict[str, Path]:
    """Relative destination path -> source file, from the xstatic packages."""
    import xstatic.pkg.font_awesome as xfa
    import xstatic.pkg.leaflet as xleaflet

    files: dict[str, Path] = {}
    leaflet = Path(xleaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        files[f"leaflet/{name}"] = leaflet / name
    for img in sorted((leaflet / "images").iterdir()):
        if img.is_file():
            files[f"leaflet/images/{img.name}"] = img
    fa = Path(xfa.BASE_DIR)
    files["fontawesome/css/all.min.css"] = fa / "css" / "all.min.css"
    files["fontawesome/LICENSE.txt"] = fa / "LICENSE.txt"
    for font in sorted((fa / "webfonts").iterdir()):
        if font.is_file():
            files[f"fontawesome/webfonts/{font.name}"] = font
    return files


def _generated_files() -> dict[str, bytes]:
    """Files that no package ships but a collected CSS references (see docs/offline.md)."""
    from PIL import Image, ImageDraw

    out: dict[str, bytes] = {
        INIT_JS: _INIT_JS_TEXT.encode(),
        f"{_MINIMAP_DIR}/images/toggle.svg": _TOGGLE_SVG.encode(),
    }

    # MiniMap: PNG fallback of the toggle arrow (only used by old IE, but referenced).
    png = Image.new("RGBA", (19, 19), (0, 0, 0, 0))
    draw = ImageDraw.Draw(png)
    draw.line([(5, 5), (14, 14)], fill=(51, 51, 51, 255), width=2)
    draw.line([(14, 7), (14, 14), (7, 14)], fill=(51, 51, 51, 255), width=2)
    buf = io.BytesIO()
    png.save(buf, "PNG")
    out[f"{_MINIMAP_DIR}/images/toggle.png"] = buf.getvalue()

    # leaflet-search: spinner shown in the input while searching.
    frames = []
    for i in range(8):
        frame = Image.new("P", (16, 16), 0)
        frame.putpalette([255, 255, 255, 102, 102, 102] + [0] * (254 * 3))
        ImageDraw.Draw(frame).arc((1, 1, 14, 14), start=i * 45, end=i * 45 + 270, fill=1, width=2)
        frames.append(frame)
    buf = io.BytesIO()
    frames[0].save(
        buf,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=100,
        loop=0,
        transparency=0,
        disposal=2,
    )
    out[f"{_SEARCH_DIR}/images/loader.gif"] = buf.getvalue()
    return out


# url(...) with a quoted or unquoted target; quoted ones are consumed whole so that the
# url(%23id) references inside inline SVG data URIs are not mistaken for file references.
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
_SRC_DECL = re.compile(
    r"""(?<![-\w])src\s*:\s*((?:url\([^)]*\)|"[^"]*"|'[^']*'|[^;}])*);?""", re.IGNORECASE
)
_SRC_ITEM = re.compile(
    r"""(?:url\(\s*(?:"[^"]*"|'[^']*'|[^)'"\s]*)\s*\)|local\([^)]*\))"""
    r"""(?:\s*format\([^)]*\))?""",
    re.IGNORECASE,
)


def css_url_refs(css: str) -> list[str]:
    """Every ``url(...)`` target in a stylesheet (data: URIs included, quotes removed)."""
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]


def _needs_file(ref: str) -> bool:
    low = ref.strip().lower()
    return bool(low) and not low.startswith(("data:", "#", "%23", "about:"))


def _resolve_ref(css_rel: str, ref: str) -> str | None:
    """Vendor-relative path a CSS url() points at, or None if it leaves this folder."""
    if _is_remote(ref) or ref.startswith("/"):
        return None
    target = re.split(r"[?#]", ref, maxsplit=1)[0]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(css_rel), target))
    return None if joined.startswith("..") else joined


def _prune_font_sources(css: str, css_rel: str, available: set[str]) -> str:
    """Drop @font-face ``src`` entries whose file we do not have (eot/svg fonts, CDN fonts).

    E.g. bootstrap-glyphicons.css lists ``../fonts/...eot?#iefix`` and ``...svg`` next to
    inline woff/ttf data, and leaflet.timedimension.control.css loads the same font from
    ``//netdna.bootstrapcdn.com``. Entries that are data: URIs or exist locally are kept; a
    ``src`` declaration left empty is removed.
    """

    def keep(item: str) -> bool:
        refs = css_url_refs(item)
        if not refs:  # local(...)
            return True
        ref = refs[0]
        if not _needs_file(ref):
            return True
        return _resolve_ref(css_rel, ref) in available

    def fix_decl(match: re.Match[str]) -> str:
        items = [m.group(0) for m in _SRC_ITEM.finditer(match.group(1))]
        kept = [item for item in items if keep(item)]
        if len(kept) == len(items):
            return match.group(0)
        return f"src:{','.join(kept)};" if kept else ""

    def fix_face(match: re.Match[str]) -> str:
        return _SRC_DECL.sub(fix_decl, match.group(0))

    return _FONT_FACE.sub(fix_face, css)


def check_assets(dest: str | os.PathLike[str]) -> list[str]:
    """Problems in a collected folder: CSS url() targets that are remote or missing."""
    dest = Path(dest)
    problems = []
    for css_file in sorted(dest.rglob("*.css")):
        css_rel = css_file.relative_to(dest).as_posix()
        text = css_file.read_text(encoding="utf-8", errors="replace")
        for ref in css_url_refs(text):
            if not _needs_file(ref):
                continue
            resolved = _resolve_ref(css_rel, ref)
            if resolved is None or not (dest / resolved).is_file():
                problems.append(f"{css_rel}: url({ref})")
    return problems


def collect_assets(dest: str | os.PathLike[str] = DEFAULT_VENDOR_DIR) -> dict[str, str]:
    """Copy every file folium/branca/streamlit-folium load from CDNs into ``dest``.

    Returns ``{CDN URL: path relative to dest}``. Idempotent: a manifest in ``dest`` records
    the package versions; when they match and all files exist, nothing is written (a few
    milliseconds). Raises RuntimeError if a CDN URL folium uses has no local copy or a
    collected stylesheet references a file that is not there.
    """
    dest = Path(dest)
    key = _stamp_key()
    manifest = _read_manifest(dest)
    if (
        manifest is not None
        and manifest.get("key") == key
        and all((dest / rel).is_file() for rel in manifest.get("files", []))
    ):
        return dict(manifest["urls"])

    from offlinefolium.elements import _res as cdn_texts  # text of each CDN file, by URL

    wanted = set(_capture_originals()) | set(cdn_texts)
    missing = sorted(url for url in wanted if url not in cdn_texts and url not in _URL_OVERRIDES)
    if missing:
        raise RuntimeError(f"no local copy in the installed packages for: {missing}")

    payload: dict[str, bytes] = {}
    for rel, src in _xstatic_files().items():
        payload[rel] = src.read_bytes()
    urls: dict[str, str] = {}
    for url in sorted(wanted):
        rel = local_path(url)
        urls[url] = rel
        if url not in _URL_OVERRIDES:
            payload[rel] = cdn_texts[url].encode("utf-8")
    payload.update(_generated_files())

    available = set(payload)
    for rel in list(payload):
        if rel.endswith(".css"):
            css = payload[rel].decode("utf-8")
            fixed = _prune_font_sources(css, rel, available)
            if fixed != css:
                payload[rel] = fixed.encode("utf-8")

    for rel, data in payload.items():
        target = dest / rel
        try:
            if target.is_file() and target.read_bytes() == data:
                continue
        except OSError:
            pass
        _write_atomic(target, data)

    problems = check_assets(dest)
    if problems:
        raise RuntimeError(
            "collected CSS references files that are not there: " + "; ".join(problems)
        )

    manifest = {"key": key, "urls": urls, "files": sorted(payload)}
    _write_atomic(dest / MANIFEST_NAME, json.dumps(manifest, indent=1, sort_keys=True).encode())
    return urls


# --------------------------------------------------------------------------- patching


def use_local_assets(prefix: str = DEFAULT_PREFIX) -> None:
    """Point folium.Map and every JSCSSMixin subclass at ``{prefix}/<local path>``.

    Also puts INIT_JS right after leaflet.js in folium.Map (sets the default marker image
    path) and makes branca colormaps add a local d3. Idempotent; calling it again with
    another prefix re-points everything from the original CDN URLs.
    """
    import folium

    prefix = prefix.rstrip("/")
    _STATE.prefix = prefix
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
    from branca.colormap import ColorMap

    wrapped = getattr(ColorMap.render, "__wrapped__", None)
    if getattr(ColorMap.render, "_folium_offline", False) and wrapped is not None:
        ColorMap.render = wrapped


def _patch_branca() -> None:
    from branca.colormap import ColorMap
    from branca.element import JavascriptLink

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
    return urls


def offline_component_func(component_func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap streamlit-folium's component function so its links are served locally.

    ``st_folium`` builds ``js_links`` / ``css_links`` itself (adding the d3 scripts for
    branca colormaps) and passes them to ``streamlit_folium._component_func``; the wrapper
    runs them through localize_js_links while use_local_assets is in force. Idempotent:
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
    import branca.colormap
    import folium.elements
    import folium.plugins

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
