"""The HTML charts that replace Altair on the map pages (no Vega script to load)."""

import pandas as pd

from ui import charts


def test_nice_axis_covers_the_values_with_round_ticks():
    a = charts.nice_axis(0, 507)
    assert a.lo == 0 and a.hi >= 507 and a.ticks[0] == 0 and a.ticks[-1] == a.hi
    assert all(t % 100 == 0 for t in a.ticks) and 4 <= len(a.ticks) <= 8
    b = charts.nice_axis(81.0, 87.8, zero=False)
    assert 0 < b.lo <= 81 and b.hi >= 87.8 and b.label(b.ticks[1]) == f"{b.ticks[1]:,.0f}"
    assert charts.nice_axis(0.1, 0.34, zero=False).decimals >= 1


def test_bar_chart_keeps_labels_tooltips_and_legend_escaped():
    html = charts.bar_chart_html(
        ["北山<西>村", "淄河"], ["2023", "2024"], [[1.0, None], [2.0, 3.0]],
        [[[("村", "北山<西>村"), ("亩", "1")], []], [[], [("村", "淄河")]]], "托管面积", "zh",
        legend_title="年度",
    )  # fmt: skip
    assert "<西>" not in html and "北山&lt;西&gt;村" in html
    assert 'data-tip="村：北山&lt;西&gt;村\n亩：1"' in html
    assert html.count('class="qm-ch-bar') == 4 and html.count("visibility:hidden") == 1
    assert "qm-ch-legend" in html and "年度" in html and "托管面积" in html


def test_line_chart_has_a_point_per_label_and_english_tooltips():
    html = charts.line_chart_html(["2023-01", "2023-02"], [81.6, 87.8],
                                  [[("Month", "2023-01"), ("Score", "81.6")], []], "en")  # fmt: skip
    assert html.count('class="qm-ch-pt') == 2 and 'data-tip="Month: 2023-01\nScore: 81.6"' in html
    assert "<svg" not in html  # st.html strips SVG


def test_investment_chart_has_a_bar_per_category_and_year():
    df = pd.DataFrame({"category_label": ["民生", "民生", "城市后花园"], "year": [2023, 2024, 2024],
                       "investment_wan": [3690.0, 8265.0, 160000.0]})  # fmt: skip
    html = charts.investment_chart(df, "zh")
    assert html.count('class="qm-ch-bar') == 4 and "160,000.0" in html and "万元" in html
