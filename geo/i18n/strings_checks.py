"""String table of the checks (keys ``total_*``, ``finding_*``, ``severity_*``, ``checkname_*``).

Findings carry a key and parameters; their text is rendered here in the reader's language.
"""

from __future__ import annotations

CHECK_STRINGS: dict[str, tuple[str, str]] = {
    # the figures behind a finding (Finding.figures_text)
    "figure_parts": ("各部分合计", "parts add up to"),
    "figure_report": ("报告", "report"),
    "figure_income_wan": ("村集体收入（万元）", "collective income (10k yuan)"),
    "figure_parts_mu": ("各部分合计（亩）", "parts (mu)"),
    "figure_site_mu": ("报告占地（亩）", "reported site (mu)"),
    "figure_data": ("数据合计", "data total"),
    "figure_drawn_mu": ("图上面积（亩）", "drawn area (mu)"),
    "figure_reported_mu": ("报告面积（亩）", "reported area (mu)"),
    "figure_difference": ("相差", "difference"),
    "figure_overlap_mu": ("重叠面积（亩）", "overlap (mu)"),
    "figure_share": ("占比", "share"),
    "figure_inside_mu": ("区内面积（亩）", "inside the zone (mu)"),
    "figure_outside_mu": ("区外面积（亩）", "outside the zone (mu)"),
    "figure_villages": ("涉及村数", "villages"),
    "figure_section": ("报告{section}", "report {section}"),
    "col_project_count": ("项目条数", "Project entries"),
    "feature_farmland": ("高标准农田·{village}", "farmland upgrade · {village}"),
    # the totals engine (geo.checks.totals): one name per total
    "total_trusteeship_villages": ("土地托管村数", "Trusteeship villages"),
    "total_trusteeship_area": ("土地托管面积（亩）", "Trusteeship area (mu)"),
    "total_trusteeship_income": ("各村集体收入均超{floor}", "Every village's collective income above {floor}"),
    "total_farmland_villages": ("高标准农田村数", "Farmland upgrade villages"),
    "total_farmland_area": ("高标准农田面积（亩）", "Farmland upgrade area (mu)"),
    "total_meal_points": ("长者助餐点", "Elder meal points"),
    "total_solar_lamps": ("太阳能路灯", "Solar lamps"),
    "total_liujiazhong_parts": ("刘家终村改造用地", "Liujiazhong renewal land"),
    "total_lowest": ("最低 {value}", "lowest {value}"),
    "total_above": ("均超 {value}", "each above {value}"),
    # severities and checks
    "severity_high": ("严重", "High"),
    "severity_medium": ("中等", "Medium"),
    "severity_low": ("轻微", "Low"),
    "severity_info": ("提示", "Info"),
    "checkname_totals": ("与报告总数核对", "Totals vs the report"),
    "checkname_area": ("图上面积与报告面积", "Drawn vs reported area"),
    "checkname_overlap": ("重叠", "Overlaps"),
    "checkname_zones": ("管控区冲突", "Protected-zone conflicts"),
    "checkname_farmland": ("高标准农田与管控区", "Farmland works vs zones"),
    "checkname_report": ("报告前后不一致", "Report inconsistencies"),
    "checkname_status": ("两年进度对照", "Status across 2023 and 2024"),
    # findings of the allocation checks (geo.checks.allocation)
    "finding_total": ("{check}：数据合计 {ours}，报告为 {value}{unit}", "{check}: the data add up to {ours}; the report says {value} {unit}"),
    "finding_income": ("{village}村集体收入 {income}，未超过报告所说的 {floor}", "{village}: collective income {income} does not exceed the reported {floor}"),
    "finding_parts_of_yu": ("刘家终村改造：安置用地与出让土地合计 {total} 亩，与“占地{site}{qualifier}亩”不符", "Liujiazhong renewal: resettlement + sale land = {total} mu, but the site is “{site}{qualifier} mu”"),
    "finding_area": ("{name}：图上面积 {drawn} 亩，报告 {reported} 亩，相差 {diff}（容差 ±{tolerance}）", "{name}: drawn {drawn} mu, reported {reported} mu, {diff} (tolerance ±{tolerance})"),
    "finding_farmland_patch": ("{village} 高标准农田（示意分配）", "{village} farmland upgrade (schematic allocation)"),
    "finding_overlap_sites": ("项目用地重叠：{a} 与 {b} 重叠 {mu} 亩", "project sites overlap: {a} and {b} overlap by {mu} mu"),
    "finding_overlap_parts": ("同一项目的两类用地重叠：{a} 与 {b} 重叠 {mu} 亩", "two allocations of one project overlap: {a} and {b} overlap by {mu} mu"),
    "finding_double_counted": ("同一块地被计入两个村：{a} 与 {b}（{mu} 亩）", "Land counted for two villages: {a} and {b} ({mu} mu)"),
    "finding_zone_area": ("{site} 与{zone}冲突：{mu} 亩，占项目用地 {share}", "{site} conflicts with {zone}: {mu} mu, {share} of the site"),
    "finding_zone_point": ("{site} 与{zone}冲突：点位落在区内", "{site} conflicts with {zone}: the site point lies inside"),
    "finding_farmland_heritage": ("{village} 高标准农田（示意）有 {mu} 亩（{share}）在{zone}内：田间道路、灌溉和电力工程须经文物部门同意", "{village} farmland upgrade (schematic): {mu} mu ({share}) inside the {zone}; field roads, irrigation and power lines there need the heritage authority's consent"),
    "finding_farmland_outside_basic": ("图上高标准农田（示意）有 {mu} 亩（占 {share}）不在{zone}内：{each}", "{mu} mu ({share}) of the drawn farmland upgrade (schematic) lies outside the {zone}: {each}"),
    "finding_village_mu": ("{village} {mu} 亩", "{village} {mu} mu"),
    "finding_report": ("{subject}的{metric}在报告中前后不一：{values}", "{subject}: {metric} differs within the report: {values}"),
    "finding_status_conflict": ("请规划人员核实：{old}在2023年总结中为“{old_status}”（“{old_quote}”），{new}在2024年计划中为“{new_status}”（“{new_quote}”）——进度为何倒退？", "Question for the planner: {old} is “{old_status}” in the 2023 summary (“{old_quote}”), but {new} is “{new_status}” in the 2024 plan (“{new_quote}”) — why is it behind?"),
    "finding_yu_unaccounted": ("{subject}：各部分合计正好 {total} {unit}，而报告写“{site}{qualifier}{unit}”——“{qualifier}”的部分没有着落，请核实", "{subject}: the parts add up to exactly {total} {unit}, but the report says “{site}{qualifier}{unit_zh}” (over {site} {unit}) — the “{qualifier}” is unaccounted for"),
    "finding_qualified_total": ("{check}：数据合计 {ours}，报告为“{value}”", "{check}: the data add up to {ours}; the report says “{value}”"),
    "finding_report_value": ("{value}（{section}）", "{value} ({section})"),
}  # fmt: skip
