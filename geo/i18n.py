"""Every UI string in Chinese and English, looked up by key. Chinese is the default."""

from __future__ import annotations

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("齐陵一张图", "Qiling One Map"),
    "app_subtitle": ("齐陵街道 2023年工作总结与2024年工作计划 · 一张图", "Qiling Subdistrict: 2023 results and 2024 plan on one map"),
    "nav_overview": ("总览", "Overview"),
    "nav_village": ("一村一档", "Village profile"),
    "nav_trusteeship": ("土地托管", "Land trusteeship"),
    "nav_projects": ("项目", "Projects"),
    "nav_scenic": ("马莲台景区", "Malian scenic area"),
    "nav_sources": ("数据与来源", "Data & sources"),
    # sidebar
    "language": ("语言 / Language", "Language / 语言"),
    "basemap": ("底图", "Basemap"),
    "basemap_offline": ("离线底图（默认）", "Offline basemap (default)"),
    "basemap_tianditu_vec": ("天地图 矢量", "Tianditu vector"),
    "basemap_tianditu_img": ("天地图 影像", "Tianditu imagery"),
    "basemap_gaode": ("高德地图（GCJ-02）", "AMap / Gaode (GCJ-02)"),
    "basemap_osm": ("OpenStreetMap", "OpenStreetMap"),
    "basemap_needs_key": ("天地图需要密钥：在 .streamlit/secrets.toml 设置 tianditu_key 或设置环境变量 TIANDITU_KEY。", "Tianditu needs a key: set tianditu_key in .streamlit/secrets.toml or the TIANDITU_KEY environment variable."),
    "basemap_online_notice": ("在线底图需要互联网；无法访问时地图仍显示本地图层。", "Online basemaps need the internet; if unreachable, the local layers still show."),
    "layers": ("图层", "Layers"),
    "year": ("年度", "Year"),
    "year_2023": ("2023年成果", "2023 results"),
    "year_2024": ("2024年计划", "2024 plan"),
    "year_both": ("两年全部", "Both years"),
    "schematic_banner": ("⚠ 图中边界、村界和项目位置均为示意（非测绘数据）；数字附报告原文出处。", "⚠ Boundaries, village outlines and sites are schematic (示意, not surveyed); every figure cites the report."),
    # layers
    "lyr_boundary": ("街道界", "Subdistrict boundary"),
    "lyr_villages": ("行政村", "Villages"),
    "lyr_routes": ("马莲台线路", "Malian routes"),
    "lyr_projects": ("项目点位", "Project sites"),
    "lyr_demo_zones": ("示范片区", "Demonstration zones"),
    "lyr_meal_points": ("长者助餐点", "Elder meal points"),
    "lyr_lamps": ("太阳能路灯", "Solar lamps"),
    "lyr_zones": ("规划管控区", "Planning zones"),
    "lyr_farmland": ("高标准农田", "Farmland upgrade"),
    "lyr_tourist_road": ("旅游路", "Tourist road"),
    "lyr_pois": ("景点", "Points of interest"),
    "lyr_base": ("底图要素", "Base features"),
    "lyr_selection": ("当前选择", "Selection"),
    # metrics
    "metric": ("村级专题指标", "Village metric"),
    "metric_none": ("不着色", "No shading"),
    "metric_trusteeship_mu": ("托管面积（亩）", "Trusteeship (亩)"),
    "metric_collective_income_wan": ("村集体收入（万元，示意）", "Collective income (万元, schematic)"),
    "metric_farmland_mu": ("高标准农田提升（亩）", "Farmland upgrade (亩)"),
    "metric_assessment": ("月度考核平均分（示意）", "Mean monthly score (schematic)"),
    # KPIs
    "kpi_invest_2024": ("2024年计划投资", "2024 planned investment"),
    "kpi_trusteeship": ("土地托管", "Land trusteeship"),
    "kpi_projects": ("项目数量", "Projects"),
    "kpi_farmland": ("高标准农田提升", "Farmland upgrade"),
    "kpi_source": ("来源", "Source"),
    "kpi_sum_of": ("以下报告数字之和", "Sum of these reported figures"),
    "villages_n": ("个村", "villages"),
    # record panel
    "selection": ("选中对象", "Selected"),
    "nothing_selected": ("在地图上点击村庄或项目，或在表格中选择一行。", "Click a village or project on the map, or pick a row in a table."),
    "clear_selection": ("清除选择", "Clear selection"),
    "figures": ("报告数字", "Reported figures"),
    "no_figures": ("报告未给出该项目的数字。", "The report gives no figures for this item."),
    "source_quote": ("原文", "Quote"),
    "section": ("章节", "Section"),
    "schematic": ("示意", "schematic"),
    "schematic_geom": ("位置/范围为示意", "Position/extent is schematic"),
    "schematic_value": ("数值为示意", "Value is schematic"),
    "reported": ("报告数据", "reported"),
    "related": ("相关信息", "Related"),
    "projects_in_village": ("村内项目", "Projects in this village"),
    "open_profile": ("打开一村一档", "Open village profile"),
    "village": ("村", "Village"),
    "category": ("类别", "Category"),
    "status": ("状态", "Status"),
    "investment": ("投资", "Investment"),
    "area": ("面积", "Area"),
    "name": ("名称", "Name"),
    "code": ("编码", "Code"),
    "drawn_area": ("图上面积（示意）", "Drawn area (schematic)"),
    "village_source": ("所属村来源", "Village source"),
    "placeholder_name": ("村名待核实", "Name to be confirmed"),
    "in_trusteeship": ("参与土地托管", "In land trusteeship"),
    "in_farmland": ("高标准农田提升村", "Farmland upgrade village"),
    "meal_point": ("助餐点", "Meal point"),
    "demo_zone": ("所在示范片区", "Demonstration zone"),
    "assessment_scores": ("月度考核得分（示意）", "Monthly assessment scores (schematic)"),
    # trusteeship page
    "trusteeship_title": ("土地托管", "Land trusteeship"),
    "checks_vs_report": ("与报告核对", "Checked against the report"),
    "check_villages": ("参与村数", "Participating villages"),
    "check_total": ("托管总面积", "Total area"),
    "check_income": ("各村集体收入均超20万元", "Every village's income exceeds 20万元"),
    "pass": ("通过", "pass"),
    "fail": ("不符", "fail"),
    "model": ("托管模式", "Model"),
    "mechanism": ("增收机制", "Income mechanism"),
    "by_village": ("分村托管面积（示意）", "Area by village (schematic)"),
    # projects page
    "search": ("搜索村庄或项目", "Search villages and projects"),
    "filters": ("筛选", "Filters"),
    "investment_range": ("投资范围（万元）", "Investment range (万元)"),
    "include_no_investment": ("包括未报告投资的项目", "Include projects with no reported investment"),
    "download_xlsx": ("下载 Excel（.xlsx）", "Download Excel (.xlsx)"),
    "invest_by_cat": ("按类别和年度的投资（万元）", "Investment by category and year (万元)"),
    "n_shown": ("当前显示 {n} 个项目", "{n} projects shown"),
    "all": ("全部", "All"),
    # scenic page
    "routes_table": ("线路与长度", "Routes and lengths"),
    "computed_km": ("图上长度（km，示意）", "Drawn length (km, schematic)"),
    "reported_km": ("报告长度（km）", "Reported length (km)"),
    "pois": ("景点与设施", "Points of interest"),
    "events_2024": ("2024年计划活动", "Planned events 2024"),
    # sources page
    "catalogue": ("数据目录", "Data catalogue"),
    "all_facts": ("报告中的全部数字", "Every figure in the report"),
    "nature": ("性质", "Nature"),
    "nature_reported": ("报告数据", "Reported"),
    "nature_schematic": ("示意", "Schematic"),
    "nature_mixed": ("报告数字＋示意位置", "Reported figures, schematic geometry"),
    "source": ("来源", "Source"),
    "licence": ("许可", "Licence"),
    "date": ("日期", "Date"),
    "report_text": ("报告原文", "Report text"),
    # checks page
    "nav_checks": ("用地核查", "Allocation checks"),
    "checks_intro": ("核查各项用地数字是否与报告一致、图上面积是否与报告面积相符、用地是否重叠、建设项目是否占用管控区，以及报告前后是否一致。基于示意数据的结论同样是示意。", "Checks that the figures add up, drawn areas match reported ones, sites do not overlap, construction avoids protected zones, and the report agrees with itself. Findings on schematic data are schematic too."),
    "tolerance": ("面积容差（%）", "Area tolerance (%)"),
    "severity": ("严重程度", "Severity"),
    "check": ("核查项", "Check"),
    "n_findings": ("共 {n} 条发现", "{n} findings"),
    "no_findings": ("没有发现问题。", "No findings."),
    "show_on_map": ("在地图上显示", "Show on map"),
    "download_report": ("下载核查报告（.xlsx）", "Download the report (.xlsx)"),
    "invest_summary": ("投资汇总（按类别和年度，万元）", "Investment by category and year (万元)"),
    # presentation
    "nav_present": ("汇报演示", "Presentation"),
    "present_stops": ("演示站点", "Stops"),
    "present_autoplay": ("自动播放", "Auto-play"),
    "present_interval": ("间隔（秒）", "Interval (s)"),
    # errors
    "error_data": ("数据无法读取：{msg}。请运行 python -m geo check 查看详情。", "The data cannot be read: {msg}. Run python -m geo check for details."),
    "loading_map": ("正在绘制地图…", "Drawing the map…"),
}  # fmt: skip


def t(key: str, lang: str = "zh", **fmt) -> str:
    """The UI string for ``key`` in ``lang`` (Chinese when the language is unknown)."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def label(pair: tuple[str, str], lang: str) -> str:
    """Pick the language from a (zh, en) pair such as a category name."""
    return pair[1] if lang == "en" else pair[0]


#: Names of the reported metrics (``facts.csv`` column ``metric``).
METRICS: dict[str, tuple[str, str]] = {
    "annual_benefit": ("年增加经济效益", "Added annual benefit"),
    "annual_output": ("年产量", "Annual output"),
    "annual_output_value": ("年产值", "Annual output value"),
    "annual_sales": ("年销售收入", "Annual sales"),
    "annual_trainees": ("年培训学员", "Trainees a year"),
    "area": ("面积", "Area"),
    "buildings": ("楼栋", "Buildings"),
    "capacity": ("产能", "Capacity"),
    "classes": ("班数", "Classes"),
    "classrooms": ("教室", "Classrooms"),
    "companies": ("入驻企业", "Companies"),
    "company_age": ("建企年数", "Years since founding"),
    "count": ("数量", "Count"),
    "daily_meals": ("日产营养餐", "Meals a day"),
    "demo_fields": ("数字农业示范田", "Digital demo fields"),
    "drying_towers": ("粮食烘干塔", "Drying towers"),
    "floor_area": ("建筑/使用面积", "Floor area"),
    "green_area": ("绿化面积", "Greened area"),
    "investment": ("投资", "Investment"),
    "jobs": ("带动就业", "Jobs"),
    "length": ("长度", "Length"),
    "merchants": ("入驻商家", "Merchants"),
    "microsphere_capacity": ("硅质空心微珠年产能", "Microsphere capacity"),
    "min_age": ("覆盖老人年龄", "Minimum age served"),
    "min_collective_income": ("村集体收入（均超）", "Collective income (each above)"),
    "monthly_trainees": ("月均培训", "Trainees a month"),
    "new_grain_capacity": ("新增粮食生产能力", "Added grain capacity"),
    "new_greenhouses": ("高标准日光温室", "New greenhouses"),
    "old_greenhouses": ("原老旧大棚", "Old greenhouses"),
    "people_served": ("覆盖群众", "People served"),
    "profit": ("利润总额", "Profit"),
    "pupils": ("可容纳幼儿", "Pupils"),
    "quartz_board_capacity": ("石英板年产能", "Quartz board capacity"),
    "race_distance": ("精英赛距离", "Race distance"),
    "report_deadline_day": ("每月通报日（前）", "Monthly report day (before)"),
    "road_length_lit": ("覆盖道路", "Road lit"),
    "site_area": ("占地面积", "Site area"),
    "storage_workshops": ("粮食仓储车间", "Storage workshops"),
    "tax": ("税收", "Tax"),
    "teachers": ("培训教师", "Teachers"),
    "villages": ("村数", "Villages"),
    "work_aspects": ("改造方面", "Work areas"),
}


def metric_label(metric: str, lang: str = "zh") -> str:
    """The name of a reported metric in the UI language (its id if unknown)."""
    pair = METRICS.get(metric)
    return label(pair, lang) if pair else metric.replace("_", " ")
