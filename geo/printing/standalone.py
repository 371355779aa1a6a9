"""The overview map as ONE self-contained HTML file: every script, style, font and image inlined.

The folium map is rendered with its CDN links, then each link is replaced by the file
``geo.maps.assets`` collected into ``static/vendor`` (``python -m geo assets``): scripts and
styles inline, and every ``url(...)`` of a stylesheet (fonts, images) as a data: URI. The
result opens from disk with no network and no server.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

import folium

from geo.maps.assets import (
    DEFAULT_VENDOR_DIR,
    collect_assets,
    css_url_refs,
    local_path,
)

_SCRIPT = re.compile(r'<script\s+src="([^"]+)"\s*>\s*</script>', re.IGNORECASE)
_LINK = re.compile(r'<link\s+rel="stylesheet"\s+href="([^"]+)"\s*/?>', re.IGNORECASE)
_SERVED = "/static/vendor/"  # how the app links its copies (geo.maps.assets.DEFAULT_PREFIX)


def standalone_html(m: folium.Map, vendor: Path = DEFAULT_VENDOR_DIR) -> str:
    """The map's HTML with no external reference left (raises FileNotFoundError if an asset is missing)."""
    collect_assets(vendor)
    html = m.get_root().render()  # links are CDN URLs or the app's served copies of them
    html = _SCRIPT.sub(lambda mt: _inline_script(vendor, mt.group(1)), html)
    html = _LINK.sub(lambda mt: _inline_style(vendor, mt.group(1)), html)
    return html


def _file(vendor: Path, url: str) -> tuple[Path, str]:
    rel = url.split(_SERVED, 1)[1] if _SERVED in url else local_path(url)
    path = vendor / rel
    if not path.is_file():
        raise FileNotFoundError(f"{url} -> {path}")
    return path, rel


def _inline_script(vendor: Path, url: str) -> str:
    path, _ = _file(vendor, url)
    text = path.read_text(encoding="utf-8", errors="replace").replace("</script", "<\\/script")
    return f"<script>{text}</script>"


def _inline_style(vendor: Path, url: str) -> str:
    path, rel = _file(vendor, url)
    css = path.read_text(encoding="utf-8", errors="replace")
    return f"<style>{inline_css_urls(css, path.parent)}</style>"


def inline_css_urls(css: str, folder: Path) -> str:
    """Every local ``url(...)`` of a stylesheet as a data: URI; fonts only as woff2 when offered."""
    css = re.sub(r",?\s*url\([^)]*\.ttf[^)]*\)\s*format\([^)]*\)", _drop_ttf_if_woff2(css), css)
    for ref in set(css_url_refs(css)):
        if ref.startswith(("data:", "#")) or not ref.strip():
            continue
        target = (folder / re.split(r"[?#]", ref, maxsplit=1)[0]).resolve()
        uri = _data_uri(target) if target.is_file() else "data:,"
        css = css.replace(f"url({ref})", f"url({uri})").replace(f'url("{ref}")', f'url("{uri}")')
        css = css.replace(f"url('{ref}')", f"url('{uri}')")
    return css


def _drop_ttf_if_woff2(css: str):
    keep_ttf = ".woff2" not in css

    def repl(mt: re.Match) -> str:
        return mt.group(0) if keep_ttf else ""

    return repl


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or (
        "font/woff2" if path.suffix == ".woff2" else "application/octet-stream"
    )
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
