"""The CJK font of the printed sheets: found on this machine, embedded as a subset.

matplotlib embeds the glyphs used (``pdf.fonttype 42``: CID fonts, searchable text) from
a TrueType font or collection (.ttc). matplotlib declares every embedded font as TrueType
(CIDFontType2/FontFile2), so a font with TrueType outlines is preferred: Debian's
``fonts-wqy-microhei``; ``fonts-noto-cjk`` (CFF outlines, which poppler and Chromium read but
strict readers may not) is the fallback. Without any CJK font ``cjk_font`` raises ``FontMissing`` whose message says what to install
(printing empty boxes is never an option).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("pdf")  # headless, vector; set before pyplot is imported anywhere

from matplotlib import font_manager, patheffects  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from geo.i18n import t  # noqa: E402

#: Families tried in order (Simplified Chinese faces first).
FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)
#: Extra places searched besides matplotlib's font list (``QILING_CJK_FONT`` first).
FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)
FONT_ENV = "QILING_CJK_FONT"
#: A probe of characters every sheet prints.
PROBE = "齐陵街道一张图亩万元示意"
#: Characters some tables use that a CJK font may lack, and what to print instead.
FALLBACKS = {"⚠": "", "✓": "√", "✗": "×", "–": "-", "\u00a0": " "}


class FontMissing(RuntimeError):
    """No font with Chinese glyphs: the message says what to install."""

    def __init__(self, lang: str = "zh") -> None:
        super().__init__(t("print_font_missing", lang))


@dataclass(frozen=True)
class CJKFont:
    """The chosen family, its file and the characters it covers."""

    family: str
    path: str
    index: int
    charset: frozenset[int]

    def covers(self, text: str) -> bool:
        return all(ord(c) in self.charset or c.isspace() for c in text)

    def clean(self, text: str) -> str:
        """``text`` with characters the font lacks replaced (or dropped): no empty boxes."""
        out = []
        for c in str(text):
            if ord(c) in self.charset or c in "\n\t ":
                out.append(c)
            elif c in FALLBACKS and all(ord(x) in self.charset for x in FALLBACKS[c]):
                out.append(FALLBACKS[c])
        return "".join(out)


def _register_files() -> None:
    extra = [os.environ.get(FONT_ENV, ""), *FONT_FILES]
    for p in extra:
        if p and Path(p).is_file():
            try:
                font_manager.fontManager.addfont(p)
            except (OSError, RuntimeError, ValueError):  # a broken file: try the next one
                continue


def _charset(path: str, index: int) -> frozenset[int]:
    return frozenset(_face(path, index).get_charmap())


@functools.cache
def find_cjk_font() -> CJKFont | None:
    """The first installed family that has Chinese glyphs, or None."""
    _register_files()
    by_name: dict = {}
    for entry in font_manager.fontManager.ttflist:  # the regular weight of each family
        if entry.name not in by_name or entry.weight in (400, "normal", "regular"):
            by_name[entry.name] = entry
    env = os.environ.get(FONT_ENV)
    names = [n for n, e in by_name.items() if env and e.fname == env] + list(FAMILIES)
    for name in names:
        entry = by_name.get(name)
        if entry:
            chars = _charset(entry.fname, entry.index)
            if all(ord(c) in chars for c in PROBE):
                return CJKFont(name, entry.fname, entry.index, chars)
    return None


def cjk_font(lang: str = "zh") -> CJKFont:
    """The CJK font, or FontMissing with what to install."""
    font = find_cjk_font()
    if font is None:
        raise FontMissing(lang)
    return font


def rc(font: CJKFont) -> dict:
    """matplotlib settings of every printed sheet: vector, embedded CJK subset."""
    return {
        "pdf.fonttype": 42,
        "pdf.compression": 6,
        "font.family": [font.family],
        "axes.unicode_minus": False,
        "svg.fonttype": "none",
    }


def stroked_text(target, x, y, text, size: float, colour: str, bold: bool = False,
                 halo: bool = False, **kw):  # fmt: skip
    """Text with a white halo and/or emboldened (the TrueType CJK fonts have no bold face).

    The strokes are drawn by an outline copy underneath; the text on top stays real text, so
    it can be searched and copied from the PDF. Returns the top Text.
    """
    effects = [patheffects.Stroke(linewidth=2.2, foreground="white")] if halo else []
    if bold:
        effects.append(patheffects.Stroke(linewidth=max(0.25, size * 0.045), foreground=colour))
    if effects:
        target.text(x, y, text, fontsize=size, color=colour, path_effects=effects, **kw)
    return target.text(x, y, text, fontsize=size, color=colour, **kw)


@functools.cache
def _face(path: str, index: int = 0) -> FT2Font:
    return FT2Font(path, face_index=index)


@functools.cache
def advance_pt(font: CJKFont, char: str) -> float:
    """Advance width of one character at 1 pt (for wrapping text to a width)."""
    face = _face(font.path, font.index)
    face.set_size(100, 72)
    try:
        glyph = face.load_char(ord(char))
    except (RuntimeError, ValueError):
        return 1.0
    return glyph.linearHoriAdvance / 65536 / 100
