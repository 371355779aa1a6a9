"""The schematic (示意) layout of the subdistrict, in km east/north of a local origin.

Nothing here is surveyed. The outline follows the south / south-east edge of 临淄区 (the public
reference outline in ``shared/reference/``, GCJ-02 converted to WGS 84, traced 150 m inside it
and simplified to 40 m) and is closed on the north and west by a schematic line whose position
gives the area context.md states (≈ 56.17 km²). Inside it, positions follow the public background
in ``shared/context.md``: the 淄河 along the west side, low hills and the Tian Qi tombs in the
south (四王冢 east of 牛山, 二王冢 on the east slope of 鼎足山 south of 郑家沟), plain to the north,
the railway and 309国道 crossing east–west, the town seat in the north-centre.
``python -m geo build`` turns this into the GeoJSON layers in ``data/``; ``python -m geo check``
verifies the outline lies inside the district and the separations below hold.
"""

from __future__ import annotations

#: Local origin (lon, lat, WGS 84) of the km grid.
ORIGIN = (118.37, 36.81)
#: Boundary area from context.md (km²); the schematic outline is scaled to it.
BOUNDARY_KM2 = 56.17

BOUNDARY = [
    (5.31, 3.31), (5.13, 3.23), (5.11, 2.89), (5.16, 2.78), (5.42, 2.6), (5.45, 2.03), (5.58, 1.92),
    (5.51, 1.5), (5.34, 1.08), (5.36, 0.65), (5.54, 0.53), (5.46, 0.07), (4.89, -0.37), (4.58, -0.41),
    (4.25, -0.7), (4.22, -1.0), (3.86, -1.39), (3.51, -1.48), (2.79, -1.51), (2.56, -1.74), (2.3, -1.87),
    (2.13, -1.71), (1.82, -1.73), (1.7, -1.81), (1.67, -1.99), (1.09, -2.0), (0.6, -2.62), (0.15, -2.71),
    (-0.61, -3.23), (-0.76, -3.41), (-1.05, -3.54), (-1.31, -4.02), (-1.69, -4.2), (-1.76, -4.09),
    (-1.86, -4.06), (-2.21, -4.23), (-2.3, -4.57), (-2.53, -4.57), (-3.1, -4.42), (-3.84, -4.53),
    (-4.68, -4.32), (-4.91, -3.97), (-4.96, -3.44), (-5.07, -3.33), (-5.39, -3.35), (-6.07, -3.72),
    (-6.23, -3.69), (-6.25, -1.5), (-6.1, 0.41), (-4.3, 0.81), (-2.9, 1.51), (-1.0, 1.81), (0.6, 2.41),
    (2.4, 2.66), (3.8, 3.21), (5.5, 3.51), (5.6, 3.23),
]  # fmt: skip

#: Villages whose names are confirmed (context.md public listing, or named in the report).
NAMED_VILLAGES = {
    "杨西": (-1.2, 1.4), "杨东": (0.6, 1.8), "前李": (-3.65, 0.6), "驻佛": (-4.3, -0.3),
    "聂仙": (-5.0, -1.0), "王齐": (-1.0, 0.45), "南齐陵": (-1.1, -0.4), "刘家终": (1.75, 1.0),
    "齐家终": (3.1, 2.0), "梁家终": (3.3, 0.85), "柳店": (3.6, -0.05), "高家孝陵": (1.6, -0.85),
    "石庙": (2.25, -1.25), "郑家沟": (-0.45, -1.95), "南山": (-2.0, -3.95), "淄河": (-2.3, -2.45),
    "北山西村": (-3.2, -1.2), "北山东村": (-1.5, -1.25),
}  # fmt: skip
#: Where the name comes from, for the villages layer.
NAME_SOURCE = {"前李": "report"}
VILLAGE_COUNT = 37

#: Lines: km waypoints.
RIVER = [(-5.7, -4.6), (-5.85, -3.0), (-5.9, -1.6), (-5.8, -0.3), (-5.95, 0.6), (-5.8, 1.4)]
RAILWAY = [(-7.5, -0.3), (0.0, 1.2), (7.0, 2.5)]
ROADS = {
    "牛山路": [(-0.1, 1.45), (-0.65, 0.45), (-1.8, -1.1), (-3.1, -2.2)],
    "门前路": [(-2.2, 0.0), (0.9, 0.35)],
    "一中路": [(-1.9, 0.95), (1.2, 1.2)],
    "淄水路": [(-1.9, -0.35), (-1.75, 1.1)],
    "东郡路": [(0.65, -0.15), (0.8, 1.45)],
    "牛山西路": [(-5.3, -1.5), (-5.25, -2.3), (-5.05, -2.9), (-4.8, -3.5)],
    "309国道": [(-7.5, 0.35), (0.0, 2.05), (7.0, 3.45)],
    "益辛公路": [(-2.5, 2.3), (-2.65, 0.3), (-2.8, -1.6), (-2.72, -3.0), (-2.75, -4.8)],
}
#: The report gives 牛山路's works as 5.7 km: the schematic road is scaled to it.
ROAD_LENGTH_KM = {"牛山路": 5.7}
ROAD_KIND = {"309国道": "national", "益辛公路": "provincial", "牛山西路": "scenic"}

HILLS = {"牛山": ((-3.75, -3.05), 0.9, 0.7, 174), "鼎足山": ((-0.95, -2.8), 0.45, 0.35, None)}
#: 四王冢: a row of four tumuli about 540–700 m long east of 牛山 (context.md).
SIWANG_TOMBS = [(-2.3, -3.35), (-1.7, -3.4)]
#: 二王冢: on the east slope of 鼎足山, south of 郑家沟.
ERWANG_TOMBS = (-0.62, -2.75)
#: Pairs context.md places apart: (heritage site, hill); ``geo check`` keeps them apart,
#: the heritage site east of the hill.
EAST_OF_HILL = {"田齐王陵·四王冢": "牛山"}

SCENIC_AREA = [
    (-5.5, -1.45), (-1.1, -1.4), (-0.85, -2.2), (-1.3, -3.5), (-2.25, -4.05), (-3.1, -4.25),
    (-4.6, -4.15), (-5.0, -3.3), (-5.5, -3.1),
]  # fmt: skip
SCENIC_CORE = [(-4.6, -2.1), (-2.95, -2.1), (-2.9, -3.95), (-4.4, -4.05)]
TOURIST_ROAD = [
    (-1.6, -1.55), (-3.0, -1.7), (-4.4, -1.7), (-5.2, -2.1), (-5.1, -2.95), (-4.6, -3.75), (-3.6, -4.1),
    (-2.5, -4.05), (-1.6, -3.85), (-1.3, -3.35), (-1.5, -2.6), (-1.3, -1.95), (-2.1, -2.05), (-2.4, -2.9),
    (-3.2, -2.55), (-3.9, -2.45), (-4.1, -2.7), (-4.5, -3.1), (-4.45, -3.3),
]  # fmt: skip
TOURIST_ROAD_KM = 15.0
LIT_SECTION_START_KM = 0.0
LIT_SECTION_KM = 3.5
SOLAR_LAMPS = 85
ROUTES = {
    # The report names only the third classic route (一(三)); the first two are placeholders.
    "route3": [(-5.3, -1.5), (-5.25, -2.3), (-4.6, -2.6), (-4.1, -2.7), (-3.6, -3.65)],
    "route1": [(-1.9, -1.35), (-2.35, -3.1), (-1.6, -3.05), (-0.62, -2.5)],
    "route2": [(-1.9, -1.35), (-3.0, -1.75), (-4.3, -1.85), (-4.1, -2.7)],
}
POIS = {
    "牛山圣境": ((-4.1, -2.7), "report"),
    "马莲台景区服务中心（示意位置）": ((-1.9, -1.35), "schematic"),
}
COUNTRY_PARK = ((-3.3, -3.6), 0.45, 0.3)
#: Town seat (驻地) centre, for 东部新城区 projects.
TOWN = (-0.6, 0.6)
#: Centre of the emerging-industry cluster (schematic; kept out of permanent basic farmland).
INDUSTRY = (2.4, 0.05)
INDUSTRY_RADIUS_KM = 1.4
#: Demonstration zones (一(五)): villages north of the railway are the northern zone; east of
#: this x (km) the eastern zone; villages of the scenic area the southern zone.
DEMO_EAST_X_KM = 1.7
