"""The English UI writes its units in English: mu, yuan — never 亩, 万元 or 亿元.

Every page is run in English (Streamlit AppTest); the text of every element, every table and
every map (legend, tooltips, popups) is read. Chinese unit words may appear only inside a
sentence quoted from the report (in “…”, or a table's source column), which stays as written.
"""

from __future__ import annotations

import re

import pytest
from google.protobuf import text_format

from geo.model.paths import DATA_DIR
from tests.apptest_util import PAGES, _walk, map_args, run_page

CHINESE_UNITS = re.compile(r"亩|万元|亿元")
QUOTED = re.compile(r"“[^”]*”|「[^」]*」")
JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
#: A run of Chinese text around a unit word: CJK, digits and Chinese punctuation.
CHINESE_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9.%]+")
REPORT = re.sub(r"\s+", "", (DATA_DIR / "report_2023_2024.txt").read_text(encoding="utf-8"))


def english_text(at) -> str:
    """Every text the page shows: elements, table headers and cells, map scripts."""
    parts = []
    for el in _walk(at._tree):
        kind = type(el).__name__
        if kind in ("Dataframe", "Table"):
            df = el.value
            parts += [str(c) for c in df.columns] + [df.to_string()]
        elif kind != "UnknownElement" and getattr(el, "proto", None) is not None:
            parts.append(text_format.MessageToString(el.proto, as_utf8=True))
    for args in map_args(at):
        parts.append(JS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), args["script"]))
    return "\n".join(parts)


def unit_words(text: str) -> list[str]:
    """Chinese unit words outside quotes of the report, each with a little context."""
    text = QUOTED.sub("“”", text)
    found = []
    for run in CHINESE_RUN.finditer(text):
        words = run.group().strip("，。；：、")
        quoted = len(re.findall(r"[\u4e00-\u9fff]", CHINESE_UNITS.sub("", words))) >= 2
        if CHINESE_UNITS.search(words) and not (quoted and words in REPORT):
            found.append(text[max(0, run.start() - 30) : run.end() + 10])
    return found


def test_the_checker_sees_chinese_units():
    assert unit_words("Trusteeship (亩, schematic)") != []
    assert unit_words("10,000 mu · ¥200,000 · Report 一: “托管土地1万亩”") == []
    assert unit_words("report | 剩余400亩土地作为出让土地 |") == []  # a source column
    assert unit_words("Area: 400亩 |") != [] and unit_words("Area: 10,000 亩") != []


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_use_english_units(page):
    at = run_page(page, "en")
    assert not at.exception
    found = unit_words(english_text(at))
    assert found == [], f"{page}: Chinese unit words in the English UI: {found[:6]}"


def test_the_english_tour_uses_english_units_and_names(frames, facts):
    from geo.maps.tourmap import build_tour
    from geo.views.tour import load_tour

    _, stops = load_tour()
    html = build_tour(frames, facts, stops, "en").get_root().render()
    html = JS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), html)
    assert unit_words(html) == []
    assert "10,000-mu land trusteeship ·" in html and "万亩土地整建制托管 ·" not in html
