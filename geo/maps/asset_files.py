"""Offline assets, part 2: copy every file a map needs out of installed PyPI packages.

``collect_assets`` fills ``static/vendor`` from ``folium-offline`` (the text of every CDN file
folium 0.20 uses), ``xstatic-leaflet`` and ``xstatic-font-awesome``; ``check_assets`` says what
is missing. See ``geo.maps.assets`` for the whole picture.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import posixpath
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import xstatic.pkg.font_awesome as xfa
import xstatic.pkg.leaflet as xleaflet
from offlinefolium.elements import _res as cdn_texts  # text of each CDN file, by URL
from PIL import Image, ImageDraw

from geo.files.geojson import atomic_write_bytes
from geo.maps.asset_urls import (
    _INIT_JS_TEXT,
    _MINIMAP_DIR,
    _PACKAGES,
    _SEARCH_DIR,
    _TOGGLE_SVG,
    _URL_OVERRIDES,
    DEFAULT_VENDOR_DIR,
    INIT_JS,
    MANIFEST_NAME,
    _capture_originals,
    _is_remote,
    local_path,
)

# --------------------------------------------------------------------------- collecting


def _stamp_key() -> str:
    versions = []
    for name in _PACKAGES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==missing")
    # Any change to this module (layout, patches, generated files) also refreshes the copy.
    code = hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("asset*.py")))
    ).hexdigest()[:16]
    return f"code={code};" + ";".join(versions)


def _read_manifest(dest: Path) -> dict[str, Any] | None:
    try:
        return json.loads((dest / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _xstatic_files() -> dict[str, Path]:
    """Relative destination path -> source file, from the xstatic packages."""

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


def _payload() -> tuple[dict[str, str], dict[str, bytes]]:
    """``{CDN URL: local path}`` and the bytes of every local file (CSS font sources pruned)."""
    wanted = set(_capture_originals()) | set(cdn_texts)
    missing = sorted(url for url in wanted if url not in cdn_texts and url not in _URL_OVERRIDES)
    if missing:
        raise RuntimeError(f"no local copy in the installed packages for: {missing}")
    payload: dict[str, bytes] = {rel: src.read_bytes() for rel, src in _xstatic_files().items()}
    urls: dict[str, str] = {}
    for url in sorted(wanted):
        urls[url] = local_path(url)
        if url not in _URL_OVERRIDES:
            payload[urls[url]] = cdn_texts[url].encode("utf-8")
    payload.update(_generated_files())
    available = set(payload)
    for rel in [r for r in payload if r.endswith(".css")]:
        css = payload[rel].decode("utf-8")
        fixed = _prune_font_sources(css, rel, available)
        if fixed != css:
            payload[rel] = fixed.encode("utf-8")
    return urls, payload


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

    urls, payload = _payload()
    for rel, data in payload.items():
        target = dest / rel
        try:
            if target.is_file() and target.read_bytes() == data:
                continue
        except OSError:
            pass
        atomic_write_bytes(target, data)

    problems = check_assets(dest)
    if problems:
        raise RuntimeError(
            "collected CSS references files that are not there: " + "; ".join(problems)
        )

    manifest = {"key": key, "urls": urls, "files": sorted(payload)}
    atomic_write_bytes(
        dest / MANIFEST_NAME, json.dumps(manifest, indent=1, sort_keys=True).encode()
    )
    return urls
