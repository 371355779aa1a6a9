"""Small bar and line charts drawn as HTML and CSS (``st.html``), not with Altair.

An Altair chart makes Streamlit fetch and compile Vega (~0.8 MB of script) on the page's main
thread, which the map frame shares: on the map pages that cost ~0.1–0.2 s of "map drawn". These
charts keep what the Vega ones showed (bars or a line with points, the value axis with its title
and grid lines, every category's label, a legend for several series, a tooltip on each bar or
point, now in the UI's language) in a few kB of HTML. Every text is HTML-escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import streamlit as st

from geo.i18n import t

#: Vega-Lite's default colours (tableau10), so the charts keep their look.
PALETTE = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b")
HEIGHT = 300

CSS = """<style>
.qm-ch { display: grid; grid-template-columns: 1.5em auto 1fr; grid-template-rows: auto auto;
  font: 12px/1.3 "Source Sans", "Noto Sans CJK SC", sans-serif; color: #333; margin: .2rem 0 .6rem 0; }
.qm-ch-yt { grid-row: 1; grid-column: 1; position: relative; }
.qm-ch-yt span { position: absolute; left: 50%; top: 50%; white-space: nowrap; font-weight: 600;
  transform: translate(-50%, -50%) rotate(-90deg); }
.qm-ch-ticks { grid-row: 1; grid-column: 2; position: relative; }
.qm-ch-ticks span { position: absolute; right: 4px; transform: translateY(50%); white-space: nowrap; color: #555; }
.qm-ch-plot { grid-row: 1; grid-column: 3; position: relative; border-left: 1px solid #888;
  border-bottom: 1px solid #888; }
.qm-ch-grid { position: absolute; left: 0; right: 0; border-top: 1px solid #e6e6e6; }
.qm-ch-bands, .qm-ch-xs { display: flex; position: absolute; inset: 0; }
.qm-ch-xs { position: static; grid-row: 2; grid-column: 3; }
.qm-ch-band { flex: 1 1 0; min-width: 0; display: flex; justify-content: center; }
.qm-ch-grp { width: 76%; display: flex; align-items: flex-end; gap: 2px; }
.qm-ch-bar { flex: 1 1 0; position: relative; min-height: 1px; }
.qm-ch-x { flex: 1 1 0; min-width: 0; text-align: center; padding: 4px 2px 0 2px; color: #444;
  overflow-wrap: anywhere; }
.qm-ch-v .qm-ch-x { writing-mode: vertical-rl; text-align: start; display: flex; align-items: center; }
.qm-ch-pt { position: absolute; width: 9px; height: 9px; margin: 0 0 -4.5px -4.5px; border-radius: 50%; }
.qm-ch-line { position: absolute; inset: 0; pointer-events: none; }
.qm-ch-bar:hover, .qm-ch-pt:hover { box-shadow: inset 0 0 0 99px rgba(0,0,0,.2); z-index: 2; }
.qm-ch-bar:hover::after, .qm-ch-pt:hover::after { content: attr(data-tip); position: absolute;
  top: 0; left: calc(100% + 8px); transform: translateY(-50%); white-space: pre; z-index: 3;
  background: rgba(255,255,255,.97); border: 1px solid #bbb; border-radius: 3px; padding: 4px 7px;
  box-shadow: 0 1px 4px rgba(0,0,0,.2); font-size: 12px; color: #222; pointer-events: none; }
.qm-ch-l:hover::after { left: auto; right: calc(100% + 8px); }
.qm-ch-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font: 12px "Source Sans", sans-serif;
  color: #333; margin: 0 0 .2rem 3em; }
.qm-ch-legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px;
  vertical-align: -1px; }
</style>"""


@dataclass(frozen=True)
class Axis:
    """The value axis: its ends and its ticks (nice round numbers)."""

    lo: float
    hi: float
    ticks: tuple[float, ...]
    decimals: int

    def pct(self, v: float) -> float:
        return 100 * (v - self.lo) / (self.hi - self.lo)

    def label(self, v: float) -> str:
        return f"{v:,.{self.decimals}f}"


def nice_axis(lo: float, hi: float, zero: bool = True, n: int = 5) -> Axis:
    """Ends and ticks covering ``lo``..``hi`` in about ``n`` steps of 1, 2, 2.5 or 5 × 10^k
    (from 0 when ``zero``)."""
    if zero:
        lo, hi = min(0.0, lo), max(0.0, hi)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw * (1 - 1e-9))
    start, end = math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step
    count = int(round((end - start) / step))
    ticks = tuple(round(start + i * step, 10) for i in range(count + 1))
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    if decimals == 0 and step % 1:
        decimals = 1
    return Axis(start, end, ticks, decimals)


def _frame(axis: Axis, y_title: str, inner: str, labels: list[str], height: int) -> str:
    grid = "".join(
        f'<div class="qm-ch-grid" style="bottom:{axis.pct(v):.2f}%"></div>' for v in axis.ticks
    )
    ticks = "".join(
        f'<span style="bottom:{axis.pct(v):.2f}%">{axis.label(v)}</span>' for v in axis.ticks
    )
    width = max(len(axis.label(v)) for v in axis.ticks) * 0.6 + 0.8
    vertical = len(labels) > 8  # many categories: labels run down (they never overlap)
    xs = "".join(f'<div class="qm-ch-x">{escape(x)}</div>' for x in labels)
    # a narrow screen scrolls the chart sideways rather than squeezing labels into each other
    least = f"min-width:calc({len(labels) * 18}px + 5em)" if vertical else ""
    return (
        f'<div style="overflow-x:auto;padding-top:32px;margin-top:-32px"><div class="qm-ch{" qm-ch-v" if vertical else ""}" style="{least}">'
        f'<div class="qm-ch-yt"><span>{escape(y_title)}</span></div>'
        f'<div class="qm-ch-ticks" style="width:{width:.1f}em">{ticks}</div>'
        f'<div class="qm-ch-plot" style="height:{height}px">{grid}{inner}</div>'
        f'<div class="qm-ch-xs">{xs}</div></div></div>'
    )


def _tip(lines: list[tuple[str, str]], lang: str) -> str:
    sep = "：" if lang == "zh" else ": "
    return escape("\n".join(f"{k}{sep}{v}" if k else v for k, v in lines), quote=True)


def bar_chart_html(
    categories: list[str],
    series: list[str],
    values: list[list[float | None]],
    tips: list[list[list[tuple[str, str]]]],
    y_title: str,
    lang: str,
    legend_title: str = "",
    colours: tuple[str, ...] = PALETTE,
    height: int = HEIGHT,
) -> str:
    """Bars per category, one per series side by side (``values[category][series]``, None: no
    bar; ``tips`` alike: (name, value) lines); a legend of the series when there are several."""
    known = [v for row in values for v in row if v is not None]
    axis = nice_axis(min(known, default=0), max(known, default=1))
    bands = []
    for row, row_tips in zip(values, tips):
        bars = []
        for i, v in enumerate(row):
            style = f"background:{colours[i % len(colours)]}"
            h = 0.0 if v is None else axis.pct(v) - axis.pct(0)
            hidden = "visibility:hidden;" if v is None else ""
            side = " qm-ch-l" if (len(bands) + 0.5) / len(values) > 0.66 else ""
            bars.append(
                f'<div class="qm-ch-bar{side}" style="{hidden}height:{h:.2f}%;{style}" '
                f'data-tip="{_tip(row_tips[i], lang)}"></div>'
            )
        bands.append(f'<div class="qm-ch-band"><div class="qm-ch-grp">{"".join(bars)}</div></div>')
    inner = f'<div class="qm-ch-bands">{"".join(bands)}</div>'
    legend = ""
    if len(series) > 1:
        keys = "".join(
            f'<span><i style="background:{colours[i % len(colours)]}"></i>{escape(s)}</span>'
            for i, s in enumerate(series)
        )
        legend = f'<div class="qm-ch-legend"><b>{escape(legend_title)}</b>{keys}</div>'
    return CSS + legend + _frame(axis, y_title, inner, categories, height)


def line_chart_html(
    labels: list[str],
    values: list[float],
    tips: list[list[tuple[str, str]]],
    lang: str,
    y_title: str = "",
    colour: str = PALETTE[0],
    height: int = HEIGHT,
) -> str:
    """A line with a point per label (the value axis does not start at zero)."""
    axis = nice_axis(min(values), max(values), zero=False)
    n = len(labels)
    xs = [100 * (i + 0.5) / n for i in range(n)]
    ys = [axis.pct(v) for v in values]

    # the line: 3 px bands through the points, one widened up and down, one sideways (so steep
    # segments keep their width), cut out of the plot: st.html allows no SVG
    def band(dx: str, dy: str) -> str:
        there = [f"calc({x:.2f}% - {dx}) calc({100 - y:.2f}% - {dy})" for x, y in zip(xs, ys)]
        back = [f"calc({x:.2f}% + {dx}) calc({100 - y:.2f}% + {dy})" for x, y in zip(xs, ys)]
        clip = ", ".join(there + back[::-1])
        return (
            f'<div class="qm-ch-line" style="background:{colour};clip-path:polygon({clip})"></div>'
        )

    line = band("0px", "1.5px") + band("1.5px", "0px")
    points = "".join(
        f'<div class="qm-ch-pt{" qm-ch-l" if x > 66 else ""}" style="left:{x:.2f}%;bottom:{y:.2f}%;background:{colour}" '
        f'data-tip="{_tip(tip, lang)}"></div>'
        for x, y, tip in zip(xs, ys, tips)
    )
    return CSS + _frame(axis, y_title, line + points, labels, height)


def investment_chart(by_category, lang: str) -> str:
    """The projects page's chart: reported investment (万元) by category, a bar per year."""
    cats = list(dict.fromkeys(by_category["category_label"]))
    years = sorted({int(y) for y in by_category["year"]})
    got = {(c, int(y)): float(v) for c, y, v in
           zip(by_category["category_label"], by_category["year"], by_category["investment_wan"])}  # fmt: skip
    values = [[got.get((c, y)) for y in years] for c in cats]
    tips = [[[(t("category", lang), c), (t("year", lang), str(y)),
              (t("investment_wan_col", lang), f"{got[(c, y)]:,.1f}" if (c, y) in got else "—")]
             for y in years] for c in cats]  # fmt: skip
    return bar_chart_html(cats, [str(y) for y in years], values, tips, t("unit_wan", lang), lang,
                          legend_title=t("year", lang))  # fmt: skip


def show(html: str) -> None:
    """Draw a chart made by ``bar_chart_html`` or ``line_chart_html``."""
    st.html(html)
