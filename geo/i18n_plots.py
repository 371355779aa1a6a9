"""UI strings of the contract-plot page (Chinese and English), looked up by key."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("确权地块", "Contract plots"),
    "intro": ("全街道承包地块（确权）与土地托管：缩小时按村和网格汇总，放大到 16 级逐块显示；点击地块查看记录。汇总数字由全部地块计算，与当前画面无关。",
              "Every household contract plot (确权) of the subdistrict and its trusteeship: zoomed out, totals by village and grid; from zoom 16, plot by plot. Click a plot for its record. Totals are computed from every plot, not from what is drawn."),
    "schematic_layer": ("⚠ 地块为示意数据（程序生成，非确权测绘成果）；承包方以不透明编码表示，不含姓名。",
                        "⚠ The plots are schematic (generated, not the surveyed 确权 register); contract holders appear as opaque codes, never names."),
    "imported_layer": ("地块来自导入文件：{path}", "Plots imported from {path}"),
    "generating": ("首次使用：正在生成示意地块图层（{n:,} 块）…", "First use: generating the schematic plot layer ({n:,} plots)…"),
    "preparing": ("正在准备地块切片…", "Preparing plot tiles…"),
    "kpi_plots": ("地块数", "Plots"),
    "kpi_area": ("地块总面积", "Total plot area"),
    "kpi_entrusted": ("已托管面积", "Area in trusteeship"),
    "kpi_villages": ("托管村数", "Villages in trusteeship"),
    "kpi_holders": ("承包户（编码）", "Contract holders (codes)"),
    "vs_report": ("报告：{value}", "Report: {value}"),
    "plot_id": ("地块编码", "Plot ID"),
    "village": ("所属村", "Village"),
    "area": ("面积", "Area"),
    "holder": ("承包方编码", "Holder code"),
    "status": ("托管状态", "Trusteeship"),
    "year": ("托管年份", "Year entrusted"),
    "entrusted": ("已托管", "Entrusted"),
    "not_entrusted": ("未托管", "Not entrusted"),
    "mu": ("亩", "亩 (mu)"),
    "schematic": ("示意数据", "Schematic data"),
    "lyr_villages": ("村级托管面积（由全部地块汇总）", "Entrusted 亩 by village (from every plot)"),
    "lyr_grid": ("网格托管比例（250 米）", "Share entrusted per 250 m cell"),
    "lyr_plots": ("确权地块（16 级起显示）", "Contract plots (from zoom 16)"),
    "zoom_hint": ("放大到 16 级显示逐块地块；14–15 级显示 250 米网格汇总。", "Zoom to 16 for single plots; zooms 14–15 show 250 m cells."),
    "by_village": ("分村汇总（全部地块，精确）", "By village (every plot, exact)"),
    "col_village": ("村", "Village"),
    "col_code": ("编码", "Code"),
    "col_plots": ("地块数", "Plots"),
    "col_area": ("面积（亩）", "Area (亩)"),
    "col_entrusted": ("已托管（亩）", "Entrusted (亩)"),
    "col_share": ("托管比例", "Share entrusted"),
    "col_table": ("托管表（亩，示意）", "Trusteeship table (亩, schematic)"),
    "col_diff": ("差值（亩）", "Difference (亩)"),
    "find_plot": ("按地块编码查找", "Find a plot by ID"),
    "find_placeholder": ("例如 QL02-P00123", "e.g. QL02-P00123"),
    "no_such_plot": ("没有编码为 {pid} 的地块。", "No plot with ID {pid}."),
    "village_panel": ("点击地图上的村庄查看其地块汇总；放大后点击地块查看记录。", "Click a village for its plot totals; zoom in and click a plot for its record."),
    "basemap_gcj": ("本页地块为 WGS 84 坐标，高德底图（GCJ-02）不适用，已改用离线底图。", "Plots are in WGS 84; the 高德 (GCJ-02) basemap does not fit them, so the offline basemap is used."),
    "source_plots": ("地块图层", "Plot layer"),
}  # fmt: skip


def tp(key: str, lang: str = "zh", **fmt) -> str:
    """The plot-page string for ``key`` in ``lang`` (Chinese when the language is unknown)."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text
