"""The schematic (示意) layout of the subdistrict, in km east/north of a local origin.

Nothing here is surveyed. Positions follow the public background in ``shared/context.md``
(river on the west, hills and the Tian Qi tombs in the south, railway crossing east-west,
town seat in the north-centre) so that the map reads plausibly until real data is imported.
``geo.build`` turns this into the GeoJSON layers in ``data/``.
"""

from __future__ import annotations

#: Local origin (lon, lat) of the km grid: the centre of context.md's rough bounding box.
ORIGIN = (118.395, 36.775)
#: Boundary area from context.md (km²); the schematic outline is scaled to it.
BOUNDARY_KM2 = 56.17

BOUNDARY = [
    (-4.0, -4.6), (-1.5, -5.0), (1.5, -4.8), (3.6, -4.0), (4.2, -2.0), (4.6, 0.5),
    (4.3, 2.8), (3.0, 4.6), (0.5, 5.0), (-2.0, 4.8), (-3.8, 3.8), (-4.3, 1.0), (-4.5, -2.0),
]  # fmt: skip

#: Villages whose names are confirmed (context.md public listing, or named in the report).
NAMED_VILLAGES = {
    "杨西": (-0.6, 3.5), "杨东": (0.8, 3.5), "前李": (-2.4, 3.0), "驻佛": (-2.8, 1.4),
    "聂仙": (-3.1, -0.3), "王齐": (-0.3, 1.5), "南齐陵": (-0.2, 0.3), "刘家终": (1.7, 1.7),
    "齐家终": (2.7, 2.8), "梁家终": (2.9, 1.1), "柳店": (3.3, -0.4), "高家孝陵": (2.0, -0.9),
    "石庙": (2.8, -2.3), "郑家沟": (1.3, -2.3), "南山": (-0.5, -3.5), "淄河": (-1.8, -1.7),
    "北山西村": (-1.1, -0.7), "北山东村": (0.5, -1.0),
}  # fmt: skip
#: Where the name comes from, for the villages layer.
NAME_SOURCE = {"前李": "report"}
VILLAGE_COUNT = 37

#: Lines: km waypoints.
RIVER = [(-3.3, -5.2), (-3.5, -3.0), (-3.8, -1.0), (-3.6, 1.0), (-3.8, 3.0), (-3.5, 5.4)]
RAILWAY = [(-5.0, 2.9), (0.0, 2.75), (5.0, 2.55)]
ROADS = {
    "牛山路": [(0.3, 3.0), (0.0, 1.4), (-0.6, -0.5), (-1.6, -2.2)],
    "门前路": [(-1.4, 1.05), (1.2, 1.05)],
    "一中路": [(-1.2, 2.1), (1.4, 2.1)],
    "淄水路": [(-1.0, 0.4), (-1.0, 2.6)],
    "东郡路": [(1.05, 0.5), (1.05, 2.6)],
    "牛山西路": [(-3.0, -1.1), (-2.9, -2.0), (-2.7, -3.0), (-2.5, -3.8)],
    "309国道": [(-5.0, 4.1), (0.0, 3.95), (5.0, 3.8)],
    "益辛公路": [(-2.0, 5.2), (-1.9, 2.0), (-2.1, -1.0), (-2.0, -5.3)],
}
#: The report gives 牛山路's works as 5.7 km: the schematic road is scaled to it.
ROAD_LENGTH_KM = {"牛山路": 5.7}
ROAD_KIND = {"309国道": "national", "益辛公路": "provincial", "牛山西路": "scenic"}

HILLS = {"牛山": ((-2.1, -3.0), 0.9, 0.7, 174), "鼎足山": ((1.0, -3.5), 0.5, 0.4, None)}
#: 四王冢: a row of four tumuli about 540–700 m long east of 牛山 (context.md).
SIWANG_TOMBS = [(-1.55, -2.85), (-0.95, -2.9)]
ERWANG_TOMBS = (1.35, -3.45)

SCENIC_AREA = [(-3.4, -1.4), (0.3, -1.5), (0.7, -3.0), (0.0, -4.3), (-2.4, -4.5), (-3.5, -3.4)]
SCENIC_CORE = [(-2.9, -2.2), (-1.3, -2.2), (-1.2, -3.7), (-2.7, -3.9)]
TOURIST_ROAD = [
    (-0.6, -0.5), (-1.3, -1.3), (-2.4, -1.5), (-3.1, -2.1), (-3.0, -3.3), (-2.6, -4.1),
    (-1.5, -4.3), (-0.4, -4.0), (0.3, -3.2), (0.3, -2.3), (-0.2, -1.8), (-0.9, -2.0),
]  # fmt: skip
TOURIST_ROAD_KM = 15.0
LIT_SECTION_START_KM = 0.0
LIT_SECTION_KM = 3.5
SOLAR_LAMPS = 85
ROUTES = {
    # The report names only the third classic route (一(三)); the first two are placeholders.
    "route3": [(-3.0, -1.1), (-2.9, -2.0), (-2.45, -2.55), (-2.0, -3.5)],
    "route1": [(-0.6, -0.5), (-1.25, -2.85), (-0.4, -3.3), (1.35, -3.3)],
    "route2": [(-0.6, -0.5), (-1.3, -1.3), (-2.4, -1.5), (-2.45, -2.55)],
}
POIS = {
    "牛山圣境": ((-2.45, -2.55), "report"),
    "马莲台景区服务中心（示意位置）": ((-0.7, -0.7), "schematic"),
}
COUNTRY_PARK = ((-2.0, -3.6), 0.45, 0.35)
#: Town seat (驻地) centre, for 东部新城区 projects.
TOWN = (0.0, 1.6)
