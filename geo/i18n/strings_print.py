"""String table of printing and sharing (keys ``print_*``), looked up with ``geo.i18n.t``."""

from __future__ import annotations

PRINT_STRINGS: dict[str, tuple[str, str]] = {
    "print_font_missing": (
        "未找到中文字体，无法生成 PDF（否则汉字会打印成空框）。请安装 Noto Sans CJK：Debian/Ubuntu 运行 sudo apt-get install fonts-noto-cjk；或设置环境变量 QILING_CJK_FONT 指向一个中文字体文件（.ttf/.otf/.ttc）。",
        "No Chinese font found, so no PDF was made (Chinese text would print as empty boxes). Install Noto Sans CJK: on Debian/Ubuntu run sudo apt-get install fonts-noto-cjk, or set QILING_CJK_FONT to a Chinese font file (.ttf/.otf/.ttc).",
    ),
    "print_title": ("齐陵街道一张图", "Qiling Subdistrict One Map"),
    "print_north": ("北", "N"),
    "print_stamp": (
        "示意图 · 边界与位置非测绘成果",
        "SCHEMATIC (示意): outlines and sites not surveyed",
    ),
    "print_no_data": ("无数据", "no data"),
    "print_lit_section": ("3.5 km 路灯路段", "3.5 km lit section"),
    "print_meal_legend": ("助餐点（{n} 处，位置示意）", "Meal points ({n}, sites schematic)"),
    "print_planned_line": ("2024年计划线路（点线）", "Planned 2024 (dotted)"),
    "print_data_date": ("资料日期：{date}", "Data as of: {date}"),
    "print_dates": ("报告 {report} 年度；图层 {layers}", "report of {report}; layers of {layers}"),
    "print_made": ("出图日期：{date}", "Printed: {date}"),
    "print_layers": ("图层：{layers}", "Layers: {layers}"),
    "print_year": ("项目年度：{year}", "Projects: {year}"),
    "print_metric": ("村级专题：{metric}", "Village theme: {metric}"),
    "print_headline": ("主要数字", "Headline figures"),
    "print_legend": ("图例", "Legend"),
    "print_source_sections": (
        "来源：报告 {sections}（{n} 处原文数字求和）",
        "Source: report {sections} (sum of {n} quoted figures)",
    ),
    "print_source_quote": (
        "来源：报告 {section}：“{quote}”",
        "Source: report {section}: “{quote}”",
    ),
    "print_computed": (
        "由图层数据统计（非报告数字）",
        "Counted from the layers (not a reported figure)",
    ),
    "print_footer_source": ("资料来源：{source}", "Source document: {source}"),
    "print_scale_note": (
        "比例尺按 CGCS2000 高斯-克吕格投影（中央经线 117°E）量算；上北下南。",
        "Scale measured in CGCS2000 / Gauss-Krüger, central meridian 117°E; north up.",
    ),
    "print_page": ("第 {i} / {n} 页", "Page {i} of {n}"),
    "print_app": ("齐陵一张图", "Qiling One Map"),
    # the Streamlit side
    "print_section": ("打印与分享", "Print and share"),
    "print_button": ("打印 / 导出PDF", "Print / export PDF"),
    "print_paper": ("纸张", "Paper"),
    "print_making": ("正在生成 PDF…", "Making the PDF…"),
    "print_download_pdf": ("下载 PDF", "Download PDF"),
    "print_html_button": ("下载离线地图（HTML）", "Download offline map (HTML)"),
    "print_html_help": (
        "一个 HTML 文件，含全部图层、弹窗、图例和离线底图，断网双击即可打开。",
        "One HTML file with every layer, popup, legend and the offline basemap; opens from disk without network.",
    ),
    "print_failed": ("导出失败：{msg}", "Export failed: {msg}"),
    # 一村一档
    "print_dossier_title": ("一村一档 · {name}", "Village profile · {name}"),
    "print_dossier_sub": ("村编码 {code} · 齐陵街道", "Village {code} · Qiling Subdistrict"),
    "print_dossier_fields": ("基本情况", "Overview"),
    "print_dossier_figures": ("报告数字及原文", "Reported figures and quotes"),
    "print_dossier_projects": ("本村项目", "Projects in this village"),
    "print_dossier_no_projects": (
        "报告中没有落在本村的项目。",
        "No project of the report lies in this village.",
    ),
    "print_dossier_no_scores": ("本村没有月度考核得分。", "No monthly scores for this village."),
    "print_dossier_mean": ("平均 {mean} 分", "mean {mean}"),
    "print_village_button": ("导出本村一村一档（PDF）", "Export this village profile (PDF)"),
    "print_all_button": ("生成全部村一村一档（ZIP）", "Make all village profiles (ZIP)"),
    "print_all_progress": ("正在生成 {name}（{i}/{n}）…", "Making {name} ({i}/{n})…"),
    "print_all_done": ("已生成 {n} 份一村一档。", "{n} village profiles ready."),
    "print_download_zip": ("下载 ZIP", "Download ZIP"),
    "print_col_no": ("序号", "No."),
    "print_col_money": ("投资", "Investment"),
    # checks report
    "print_checks_title": ("用地核查报告", "Allocation checks report"),
    "print_checks_summary": (
        "共 {n} 项发现（面积容差 ±{tol}）",
        "{n} findings (area tolerance ±{tol})",
    ),
    "print_checks_button": ("下载 PDF 报告", "Download PDF report"),
    "print_checks_figures": ("数据：{figures}", "Figures: {figures}"),
    "print_checks_no_map": ("（本项不涉及图上要素）", "(no map feature involved)"),
}
