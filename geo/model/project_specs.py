"""Every project, site, facility and organisation the report locates in the subdistrict.

One entry per subject and year. ``subject_id`` links to ``data/facts.csv`` (the reported
figures with their quotes). Geometry specs are schematic (示意):
``("point", (x, y))`` in layout km; ``("square", (x, y), fact_id)`` a square whose area is the
reported site area of that fact; ``("roads", names)`` the schematic road lines;
``("layer", name)`` a line built by ``geo.build``; ``("farmland", None)`` the upgrade patches;
``("undecided", None)`` a site the report says is not yet chosen: no geometry, ``site_undecided``.
``village`` is set only where the report names the village; otherwise ``geo.build`` finds it
from the schematic position and flags it as such.
"""

from __future__ import annotations

#: The four positionings of the report, plus 民生 and 基层治理.
#: The four positionings of the report, plus 民生 and 基层治理 (names: ``category_<id>`` strings).
CATEGORIES = ("east_new_town", "back_garden", "emerging_industry", "rural_revitalization", "livelihood",
              "governance")  # fmt: skip
#: Project statuses (names: ``status_<id>`` strings).
STATUSES = ("completed", "operating", "in_progress", "approved", "planned")

E, B, I, R, L, G = (  # noqa: E741 - short category aliases for the table below
    "east_new_town", "back_garden", "emerging_industry", "rural_revitalization",
    "livelihood", "governance",
)  # fmt: skip

# (subject_id, name_zh, name_en, category, year, status, section, village, geometry spec)
PROJECTS = [
    ("zidong_street", "淄东商业街", "Zidong Commercial Street", E, 2023, "operating", "一(二)", None, ("point", (-0.3, 0.3))),
    ("zidong_park", "淄东公园", "Zidong Park", E, 2023, "completed", "一(二)", None, ("square", (0.1, 0.6), "F002")),
    ("zidong_playground", "淄东儿童乐园", "Zidong Children's Playground", E, 2023, "completed", "一(二)", None, ("point", (0.4, 0.45))),
    ("zidong_startup_center", "淄东创业中心", "Zidong Entrepreneurship Centre", E, 2023, "operating", "一(二)", None, ("point", (-1.1, 0.75))),
    ("niushan_road_works", "牛山路雨污分流和慢行一体化改造", "Niushan Road sewer separation and slow-traffic works", E, 2023, "completed", "一(二)", None, ("roads", ["牛山路"])),
    ("town_greening", "驻地城区绿化提升", "Town-seat greening", E, 2023, "in_progress", "一(二)", None, ("point", (-0.45, 0.8))),
    ("malian_management", "马莲台景区智能导览与监管", "Malian smart guide and monitoring", B, 2023, "completed", "一(三)", None, ("point", (-2.1, -1.45))),
    ("malian_tourist_road", "马莲台15公里旅游路改造提升", "Malian 15 km tourist road upgrade", B, 2023, "completed", "一(三)", None, ("layer", "tourist_road")),
    ("malian_solar_lamps", "马莲台太阳能路灯", "Malian solar street lamps", B, 2023, "completed", "一(三)", None, ("layer", "lit_section")),
    ("malian_route3", "马莲台第三条经典线路", "Malian third classic route", B, 2023, "in_progress", "一(三)", None, ("layer", "route3")),
    ("meiling_company", "美陵公司", "Meiling Company", I, 2023, "operating", "一(四)", None, ("point", (2.45, 0.15))),
    ("maolong_park", "茂隆科技园", "Maolong Science Park", I, 2023, "in_progress", "一(四)", None, ("point", (1.3, -0.2))),
    ("qifuyuan_kitchen", "齐福园云智慧中央厨房", "Qifuyuan cloud smart central kitchen", I, 2023, "operating", "一(四)", None, ("point", (1.15, -0.3))),
    ("zhengnuo_lab", "正诺特种设备、环保检测室", "Zhengnuo special-equipment and environmental test lab", I, 2023, "operating", "一(四)", None, ("point", (1.45, -0.3))),
    ("zhengnuo_training_base", "正诺职业培训基地", "Zhengnuo vocational training base", I, 2023, "operating", "一(四)", None, ("point", (1.4, -0.1))),
    ("heat_pump_base", "空气源热泵制造基地", "Air-source heat pump manufacturing base", I, 2023, "operating", "一(四)", None, ("point", (3.25, 0))),
    ("qihao_new_energy", "齐昊新能源", "Qihao New Energy", I, 2023, "operating", "一(四)", None, ("point", (2.9, -0.15))),
    ("liudian_new_energy", "柳店新能源", "Liudian New Energy", I, 2023, "operating", "一(四)", "柳店", ("point", (3.65, 0.05))),
    ("puhao_coop", "普浩合作社", "Puhao Cooperative", R, 2023, "operating", "一(五)", None, ("point", (2.7, 1.5))),
    ("lecai_coop", "乐采合作社高标准日光温室", "Lecai Cooperative greenhouses", R, 2023, "completed", "一(五)", None, ("point", (3.95, 1.4))),
    ("tiantian_tomato_base", "天天优鲜淄博优质番茄高效栽培与示范推广基地", "Tiantian Youxian tomato demonstration base", R, 2023, "operating", "一(五)", None, ("point", (1.65, -1.15))),
    ("qiling_middle_school", "齐陵中学（一中、二中合并）", "Qiling Middle School (No. 1 and No. 2 merged)", L, 2023, "completed", "一(六)", None, ("point", (0.25, 1.1))),
    ("kindergarten_2", "齐陵第二幼儿园", "Qiling No. 2 Kindergarten", L, 2023, "in_progress", "一(六)", None, ("square", (-1.45, 1.25), "F064")),
    ("qiling_primary", "齐陵小学教学楼及校园修缮", "Qiling Primary School building and campus repair", L, 2023, "completed", "一(六)", None, ("point", (-1.3, -0.05))),
    ("central_kindergarten", "中心幼儿园户外活动场地扩建", "Central Kindergarten playground extension", L, 2023, "completed", "一(六)", None, ("point", (-0.45, 0.05))),
    ("zishui_health_station", "淄水社区卫生服务站", "Zishui community health station", L, 2023, "completed", "一(六)", None, ("point", (-1.9, 0.3))),
    ("emergency_120", "镇街级“120”急救中心", "Subdistrict 120 emergency centre", L, 2023, "operating", "一(六)", None, ("point", (-0.75, 0.3))),
    ("qiling_hospital_branch", "临淄区人民医院齐陵分院扩建项目", "Linzi People's Hospital Qiling Branch extension", L, 2023, "approved", "一(六)", None, ("point", (0, 0.8))),
    ("town_road_landscape", "门前路、一中路、淄水路景观绿化提升", "Menqian, Yizhong and Zishui roads landscaping", E, 2024, "planned", "二(一)", None, ("roads", ["门前路", "一中路", "淄水路"])),
    ("dongjun_road_works", "东郡路绿化提升工程", "Dongjun Road greening works", E, 2024, "planned", "二(一)", None, ("roads", ["东郡路"])),
    ("menqian_road_facades", "门前路门头牌匾及立面改造", "Menqian Road shop-front and facade upgrade", E, 2024, "planned", "二(一)", None, ("roads", ["门前路"])),
    ("malian_events", "马莲台赛事与新业态（10公里精英赛、公路自行车赛、露营、研学）", "Malian events and new formats (10 km race, road cycling, camping, study tours)", B, 2024, "planned", "二(二)", None, ("point", (-2.3, -1.65))),
    ("niushan_country_park", "牛山郊野公园基础设施提升（EOD模式）", "Niushan Country Park infrastructure (EOD model)", B, 2024, "planned", "二(二)", None, ("layer", "country_park")),
    ("liujiazhong_renewal", "刘家终村改造项目", "Liujiazhong village renewal", B, 2024, "planned", "二(二)", "刘家终", ("layer", "liujiazhong_site")),
    ("liujiazhong_resettlement", "刘家终村安置用地", "Liujiazhong resettlement land", B, 2024, "planned", "二(二)", "刘家终", ("layer", "liujiazhong_resettlement")),
    ("liujiazhong_sale_land", "刘家终村出让土地", "Liujiazhong land for sale", B, 2024, "planned", "二(二)", "刘家终", ("layer", "liujiazhong_sale")),
    ("maolong_science_city", "茂隆科创城（一期）剩余8栋楼", "Maolong Science City phase 1: remaining 8 buildings", I, 2024, "planned", "二(三)", None, ("point", (1.6, -0.15))),
    ("qifuyuan_kitchen", "齐福园央厨食品项目", "Qifuyuan central-kitchen food project", I, 2024, "operating", "二(三)", None, ("point", (1.15, -0.3))),
    ("lanting_env", "蓝庭环保硅质空心微珠和石英板联产项目", "Lanting silica microsphere and quartz board project", I, 2024, "planned", "二(三)", None, ("point", (2.85, 0.45))),
    ("zhengnuo_school", "山东正诺职业培训学校", "Shandong Zhengnuo Vocational Training School", I, 2024, "in_progress", "二(三)", None, ("square", (1.6, 0.1), "F041")),
    ("shanghai_tractor", "“上海”拖拉机项目（铂陆重工，选址未定）", "\"Shanghai\" tractor project (Bolu Heavy Industry; site not yet chosen)", I, 2024, "planned", "二(三)", None, ("undecided", None)),
    ("farmland_upgrade", "高标准基本农田提升", "High-standard farmland upgrade", R, 2024, "planned", "二(四)", None, ("farmland", None)),
    ("lugong_smart_agri", "山东鲁供齐丰智慧农业基地", "Lugong Qifeng smart agriculture base", R, 2024, "planned", "二(四)", None, ("square", (4.0, 2.75), "F056")),
    ("grain_center", "齐陵粮食烘干仓储物流中心", "Qiling grain drying, storage and logistics centre", R, 2024, "planned", "二(四)", None, ("square", (4.35, 1.45), "F058")),
    ("kindergarten_2", "齐陵第二幼儿园", "Qiling No. 2 Kindergarten", L, 2024, "in_progress", "二(五)", None, ("square", (-1.45, 1.25), "F064")),
    ("qiling_hospital_branch", "临淄区人民医院齐陵分院", "Linzi People's Hospital Qiling Branch", L, 2024, "planned", "二(五)", None, ("point", (0, 0.8))),
    ("qixin_service_center", "齐陵街道“齐心”综合惠民服务中心", "\"Qixin\" community service centre", L, 2024, "planned", "二(五)", "王齐", ("point", (-1, 0.45))),
]  # fmt: skip

#: The six named blocks of the 刘家终 renewal (二(二)); their sizes are not reported.
LIUJIAZHONG_BLOCKS = [
    ("居民安置区", "Resettlement area"), ("田园宜居区", "Pastoral living area"),
    ("齐风商业街", "Qifeng commercial street"), ("齐民要术展示区", "Qimin Yaoshu exhibition area"),
    ("齐文化体验区", "Qi culture experience area"), ("生态农业区", "Eco-agriculture area"),
]  # fmt: skip
#: Villages named by the report for the farmland upgrade (二(四)): 南齐 is read as 南齐陵.
FARMLAND_NAMED = ["南齐陵", "前李"]

#: Allocations that are parts of another project's site (not overlaps between projects).
PARENT = {
    "liujiazhong_resettlement": "liujiazhong_renewal",
    "liujiazhong_sale_land": "liujiazhong_renewal",
}
#: Projects that do not build on the land (upgrades, parks, routes): no protected-zone conflict.
NON_CONSTRUCTION = {
    "farmland_upgrade", "niushan_country_park", "malian_route3", "malian_tourist_road",
    "malian_solar_lamps", "malian_events", "malian_management", "town_greening",
    "town_road_landscape", "dongjun_road_works", "menqian_road_facades", "niushan_road_works",
    # farming on farmland (cooperatives, greenhouses, a demonstration base): agricultural use
    "puhao_coop", "lecai_coop", "tiantian_tomato_base",
}  # fmt: skip

#: Where each status comes from: ``("report", quote)`` when the report states it, or
#: ``("inferred", quote, reason)`` when it is read from the context of that sentence (the
#: reason is a ``status_reason_<id>`` string). Keyed by (subject_id, year).
STATUS_SOURCES = {
    ("zidong_street", 2023): ("report", "已入驻商家31户"),
    ("zidong_park", 2023): ("inferred", "配套高标准建设6000平方的淄东公园", "summary"),
    ("zidong_playground", 2023): ("inferred", "智能化的淄东儿童乐园", "summary"),
    ("zidong_startup_center", 2023): ("report", "已入驻企业21家"),
    ("niushan_road_works", 2023): ("report", "配合完成总长度5.7公里的牛山路雨污分流管网建设"),
    ("town_greening", 2023): ("report", "弱电下地、立面整治正在实施"),
    ("malian_management", 2023): ("inferred", "完善智能导览全景图，加装智能监管探头", "summary"),
    ("malian_tourist_road", 2023): ("report", "配合完成15公里旅游路改造提升"),
    ("malian_solar_lamps", 2023): ("report", "安装太阳能路灯85盏"),
    ("malian_route3", 2023): ("inferred", "精心打造马莲台景区第三条经典线路", "still_planned_2024"),
    ("meiling_company", 2023): ("inferred", "突出支持美陵公司发展", "company"),
    ("maolong_park", 2023): ("report", "加快茂隆科技园建设"),
    ("qifuyuan_kitchen", 2023): ("report", "建成全市首家云智慧中央厨房，日产营养餐5万份"),
    ("zhengnuo_lab", 2023): ("report", "建成一流的特种设备、环保检测室"),
    ("zhengnuo_training_base", 2023): ("report", "利用闲置校舍建成职业培训基地，月均培训可达300人"),
    ("heat_pump_base", 2023): ("report", "建成2万台空气源热泵制造基地"),
    ("qihao_new_energy", 2023): ("inferred", "齐昊新能源成功与甘肃临洮县合作", "company"),
    ("liudian_new_energy", 2023): ("inferred", "支持齐昊新能源、柳店新能源加强核心技术研发", "company"),
    ("puhao_coop", 2023): ("inferred", "依托普浩合作社", "company"),
    ("lecai_coop", 2023): ("inferred", "原址47个老旧大棚改建为15个高标准日光温室大棚", "summary"),
    ("tiantian_tomato_base", 2023): ("report", "设立淄博优质番茄高效栽培与示范推广基地"),
    ("qiling_middle_school", 2023): ("report", "完成齐陵一中、二中合并"),
    ("kindergarten_2", 2023): ("report", "投资3690万，启动第二幼儿园建设"),
    ("qiling_primary", 2023): ("report", "完成齐陵小学教学楼、校园修缮、投入使用"),
    ("central_kindergarten", 2023): ("inferred", "扩建中心幼儿园户外活动场地", "summary"),
    ("zishui_health_station", 2023): ("inferred", "建设淄水社区卫生服务站", "summary"),
    ("emergency_120", 2023): ("report", "与齐都医院合作设立镇街级“120”急救中心"),
    ("qiling_hospital_branch", 2023): ("report", "目前已完成立项"),
    ("town_road_landscape", 2024): ("report", "开展门前路、一中路、淄水路等道路两侧景观绿化提升"),
    ("dongjun_road_works", 2024): ("report", "投资30万元，对东郡路实施道路绿化提升"),
    ("menqian_road_facades", 2024): ("report", "组织门前路商户对所辖门头牌匾及立面区域进行统一提升改造"),
    ("malian_events", 2024): ("report", "举办10公里精英赛、公路自行车赛等活动"),
    ("niushan_country_park", 2024): ("report", "提升牛山郊野公园基础设施，完成整体区域打造"),
    ("liujiazhong_renewal", 2024): ("report", "适时启动刘家终村改造项目"),
    ("liujiazhong_resettlement", 2024): ("report", "对村内原住民提供130亩安置用地"),
    ("liujiazhong_sale_land", 2024): ("report", "剩余400亩土地作为出让土地"),
    ("maolong_science_city", 2024): ("report", "积极推进茂隆（一期）剩余8栋楼项目建设，争取尽快复工"),
    ("qifuyuan_kitchen", 2024): ("report", "推动齐福园央厨食品项目发展再上新台阶"),
    ("lanting_env", 2024): ("report", "加快推进蓝庭环保投产，启动年产6万吨硅质空心微珠"),
    ("zhengnuo_school", 2024): ("report", "目前校区正在装修施工"),
    ("shanghai_tractor", 2024): ("report", "推动“上海”拖拉机项目尽快落地投产"),
    ("farmland_upgrade", 2024): ("report", "聚力高标准基本农田提升，计划总投资1596万元"),
    ("lugong_smart_agri", 2024): ("report", "建设山东鲁供齐丰智慧农业基地"),
    ("grain_center", 2024): ("report", "打造齐陵粮食烘干仓储物流中心"),
    ("kindergarten_2", 2024): ("report", "项目现场已完成原建筑物拆除并清理至素土"),
    ("qiling_hospital_branch", 2024): ("report", "打造临淄区人民医院齐陵分院"),
    ("qixin_service_center", 2024): ("report", "打造齐陵街道“齐心”综合惠民服务中心"),
}  # fmt: skip

#: Project names the report does not give as such (a ``name_reason_<id>`` string says why).
NAME_INFERRED = {
    "qiling_middle_school": "merged_school", "malian_management": "descriptive",
    "town_greening": "descriptive", "malian_events": "descriptive",
    "niushan_country_park": "descriptive", "lecai_coop": "descriptive",
    "town_road_landscape": "descriptive", "menqian_road_facades": "descriptive",
    "dongjun_road_works": "descriptive", "central_kindergarten": "descriptive",
    "qiling_primary": "descriptive", "zhengnuo_lab": "descriptive",
}  # fmt: skip

#: The same undertaking under two names in 2023 and 2024 (compared by the status check).
SAME_UNDERTAKING = [
    ("zhengnuo_training_base", "zhengnuo_school"),
    ("maolong_park", "maolong_science_city"),
    ("malian_route3", "niushan_country_park"),
]
#: How far along a status is: a 2024 status behind its 2023 one is a question for the planner.
STATUS_RANK = {"planned": 0, "approved": 0, "in_progress": 1, "operating": 2, "completed": 2}
#: How the report writes the villages it names for the farmland upgrade (南齐 read as 南齐陵).
FARMLAND_AS_WRITTEN = {"南齐陵": "南齐", "前李": "前李"}

#: 2024 investment figures that are not the subdistrict's plan for the year: a multi-year total
#: with real estate (刘家终, “适时启动”), and companies' project totals (蓝庭, 正诺, “上海”拖拉机).
INVESTMENT_KIND = {
    "liujiazhong_renewal": "multi_year",
    "lanting_env": "company", "zhengnuo_school": "company", "shanghai_tractor": "company",
}  # fmt: skip
