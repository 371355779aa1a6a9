"""Printed sheets checked with poppler's tools: size, embedded CJK font, text, not blank."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from PIL import Image

from geo.__main__ import main
from geo.checks.allocation import run_checks
from geo.files.readers import load_all
from geo.i18n import TABLES
from geo.i18n.strings_print import PRINT_STRINGS
from geo.model.catalog import load_catalog
from geo.model.facts import load_facts
from geo.model.paths import DATA_DIR
from geo.printing import fonts
from geo.printing.checkreport import checks_pdf
from geo.printing.dossier import all_village_pdfs, village_pdf
from geo.printing.onemap import PrintOptions, onemap_pdf
from geo.printing.sheet import wrap_text
from geo.views.kpi import overview_kpis

POPPLER = shutil.which("pdffonts") is not None
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="needs poppler-utils (scripts/ensure-system-packages.sh)"
)
needs_font = pytest.mark.skipif(
    fonts.find_cjk_font() is None, reason="needs a CJK font (fonts-wqy-microhei)"
)
pytestmark = [needs_poppler, needs_font]


@pytest.fixture(scope="module")
def frames():
    return {k: v.frame for k, v in load_all(DATA_DIR).items()}


@pytest.fixture(scope="module")
def facts():
    return load_facts(DATA_DIR)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(DATA_DIR)


def _run(tool: str, *args) -> str:
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def _pdf(tmp_path: Path, content: bytes, name: str = "x.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _text(path: Path) -> str:
    return re.sub(r"\s+", "", _run("pdftotext", str(path), "-"))


def _size(path: Path) -> tuple[float, float]:
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", _run("pdfinfo", str(path)))
    return float(m.group(1)), float(m.group(2))


def _embedded_cjk(path: Path) -> list[str]:
    rows = _run("pdffonts", str(path)).splitlines()[2:]
    return [r for r in rows if re.search(r"WenQuanYi|CJK|Han|Droid", r) and " yes yes yes " in r]


def _ink(path: Path) -> float:
    """Share of the first page's pixels that are not white."""
    png = subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "1", "-l", "1", str(path)],
                         check=True, capture_output=True).stdout  # fmt: skip
    img = Image.open(io.BytesIO(png)).convert("L")
    return sum(img.histogram()[:235]) / (img.width * img.height)


@pytest.mark.parametrize(
    ("paper", "lang", "size"), [("A3", "zh", (1190.55, 841.89)), ("A4", "en", (841.89, 595.28))]
)
def test_onemap_pdf(tmp_path, frames, facts, catalog, paper, lang, size) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = _pdf(
            tmp_path, onemap_pdf(frames, facts, catalog, PrintOptions(paper=paper, lang=lang))
        )
    assert not [w for w in caught if "missing from font" in str(w.message)]  # no empty boxes
    w, h = _size(pdf)
    assert abs(w - size[0]) < 1 and abs(h - size[1]) < 1 and w > h  # landscape
    assert _embedded_cjk(pdf), _run("pdffonts", str(pdf))
    text = _text(pdf)
    assert ("齐陵街道一张图" if lang == "zh" else "QilingSubdistrictOneMap") in text
    assert "刘家终" in text and "南齐陵" in text  # village names (Chinese in both languages)
    for k in overview_kpis(
        frames, facts, lang
    ):  # the headline figures of the app, as the app shows them
        assert re.sub(r"\s+", "", k.value) in text
    assert ("示意" if lang == "zh" else "SCHEMATIC") in text
    assert "2023年度工作总结和2024年度工作计划" in text  # the source document in the footer
    assert 0.05 < _ink(pdf) < 0.9


def test_onemap_follows_the_chosen_layers_and_year(tmp_path, frames, facts, catalog) -> None:
    opts = PrintOptions(
        overlays=("boundary", "villages", "lamps"), year="2024", metric="trusteeship_mu"
    )
    text = _text(_pdf(tmp_path, onemap_pdf(frames, facts, catalog, opts)))
    assert "太阳能路灯" in text or "路灯" in text
    assert "村级专题" in text and "2024" in text


def test_village_pdf(tmp_path, frames, facts, catalog) -> None:
    pdf = _pdf(tmp_path, village_pdf("QL09", frames, facts, catalog, "zh"))
    assert _size(pdf)[1] > _size(pdf)[0]  # A4 portrait
    assert _embedded_cjk(pdf)
    text = _text(pdf)
    name = frames["villages"].set_index("code").loc["QL09", "name"]
    assert f"一村一档·{name}" in text
    projects = frames["projects"][frames["projects"]["village"] == name]
    assert all(re.sub(r"\s+", "", n) in text for n in projects["name"])
    assert "示意" in text and "月度考核得分" in text
    assert _ink(pdf) > 0.03


def test_all_villages_with_progress(frames, facts, catalog) -> None:
    few = dict(frames, villages=frames["villages"].head(3))
    calls = []
    out = all_village_pdfs(few, facts, catalog, "en", lambda i, n, name: calls.append((i, n, name)))
    assert len(out) == 3 and [c[0] for c in calls] == [0, 1, 2] and calls[0][1] == 3
    assert all(b.startswith(b"%PDF") for b in out.values())


def test_checks_pdf(tmp_path, frames, facts, catalog) -> None:
    findings = run_checks(frames, facts)
    pdf = _pdf(tmp_path, checks_pdf(frames, findings, catalog, "zh"))
    text = _text(pdf)
    assert "用地核查报告" in text
    for f in findings:
        for _, quote in f.quotes:
            assert re.sub(r"\s+", "", quote) in text
    assert _embedded_cjk(pdf) and _ink(pdf) > 0.02


def test_cli_print_and_check_pdf(tmp_path) -> None:
    assert main(["print", "--out", str(tmp_path / "m.pdf"), "--paper", "A4", "--lang", "en"]) == 0
    assert main(["print", "--village", "QL03", "--out", str(tmp_path / "v.pdf")]) == 0
    assert main(["print", "--village", "NOPE", "--out", str(tmp_path / "n.pdf")]) == 2
    assert main(["print", "--layers", "villages,bogus", "--out", str(tmp_path / "b.pdf")]) == 2
    assert main(["check", "--report", "--pdf", str(tmp_path / "c.pdf")]) == 0
    assert all((tmp_path / n).read_bytes().startswith(b"%PDF") for n in ("m.pdf", "v.pdf", "c.pdf"))


def test_no_cjk_font_says_what_to_install(
    monkeypatch, tmp_path, frames, facts, catalog, capsys
) -> None:
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    with pytest.raises(fonts.FontMissing, match="fonts-noto-cjk"):
        onemap_pdf(frames, facts, catalog, PrintOptions())
    assert main(["print", "--out", str(tmp_path / "m.pdf")]) == 2
    assert "apt-get install" in capsys.readouterr().err
    assert not (tmp_path / "m.pdf").exists()


def test_wrap_keeps_to_the_width() -> None:
    font = fonts.cjk_font()
    text = (
        "齐陵街道 2023年工作总结与2024年工作计划 · 一张图，" * 5 + "Qiling Subdistrict one map " * 4
    )
    lines = wrap_text(font, text, 50, 9)
    assert len(lines) > 3
    for line in lines:
        assert sum(fonts.advance_pt(font, c) for c in line) * 9 * 25.4 / 72 <= 50 + 9 * 25.4 / 72
        assert line[:1] not in "，。、："  # no line starts with closing punctuation


def test_font_clean_drops_what_it_cannot_draw() -> None:
    font = fonts.cjk_font()
    assert font.covers(font.clean("⚠ 示意 \U0001f600 ok"))


def test_print_strings_are_their_own_table() -> None:
    tables = list(TABLES)
    keys = [k for table in tables for k in table]
    assert len(keys) == len(set(keys))
    assert all(k.startswith("print_") for k in PRINT_STRINGS)
