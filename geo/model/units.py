"""Units and measurement: 亩, m², km, 万元/亿元, computed in a projected CRS."""

from __future__ import annotations

import math
import threading
from concurrent.futures import ThreadPoolExecutor

import geopandas as gpd
import numpy as np
from pyproj import Transformer
from shapely import Geometry
from shapely import transform as shp_transform

GEOGRAPHIC_CRS = "EPSG:4326"
#: CGCS2000 / 3-degree Gauss-Kruger CM 117E: the projected CRS all areas and lengths use.
PROJECTED_CRS = "EPSG:4548"
M2_PER_MU = 10000 / 15
WAN_PER_YI = 10000

_TO_PROJ = Transformer.from_crs(GEOGRAPHIC_CRS, PROJECTED_CRS, always_xy=True)
_TO_GEO = Transformer.from_crs(PROJECTED_CRS, GEOGRAPHIC_CRS, always_xy=True)


#: pyproj prepares a transformation once in every thread that uses it (~80 ms, reading its
#: database), and Streamlit runs every page run in a new thread; so the projections below run in
#: one long-lived thread, where that is done once per process.
_PROJ_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qm-proj")
_IN_PROJ_THREAD = threading.local()


def _projecting(fn, *args):
    """``fn(*args)`` run in the projection thread (directly when already there)."""
    if getattr(_IN_PROJ_THREAD, "on", False):
        return fn(*args)

    def run():
        _IN_PROJ_THREAD.on = True
        return fn(*args)

    return _PROJ_THREAD.submit(run).result()


def m2_to_mu(m2: float) -> float:
    """Square metres to 亩 (1 亩 = 10000/15 m²)."""
    return m2 / M2_PER_MU


def mu_to_m2(mu: float) -> float:
    """亩 to square metres."""
    return mu * M2_PER_MU


def to_projected(geom: Geometry) -> Geometry:
    """A WGS 84 / CGCS2000 geometry in EPSG:4548 metres."""
    return _projecting(
        shp_transform, geom, lambda xy: _stack(_TO_PROJ.transform(xy[:, 0], xy[:, 1]))
    )


def to_geographic(geom: Geometry) -> Geometry:
    """An EPSG:4548 geometry back to longitude/latitude."""
    return _projecting(
        shp_transform, geom, lambda xy: _stack(_TO_GEO.transform(xy[:, 0], xy[:, 1]))
    )


def _stack(xy):
    return np.column_stack(xy)


def area_m2(geom: Geometry) -> float:
    """Area in m² of a lon/lat geometry, computed in EPSG:4548."""
    return float(to_projected(geom).area)


def area_mu(geom: Geometry) -> float:
    """Area in 亩 of a lon/lat geometry."""
    return m2_to_mu(area_m2(geom))


def length_km(geom: Geometry) -> float:
    """Length in km of a lon/lat line, computed in EPSG:4548."""
    return float(to_projected(geom).length) / 1000


def gdf_area_m2(gdf: gpd.GeoDataFrame):
    """Areas in m² of every row of a lon/lat GeoDataFrame (a Series)."""
    return _projecting(lambda: gdf.geometry.to_crs(PROJECTED_CRS).area)


def gdf_length_km(gdf: gpd.GeoDataFrame):
    """Lengths in km of every row of a lon/lat GeoDataFrame (a Series)."""
    return _projecting(lambda: gdf.geometry.to_crs(PROJECTED_CRS).length / 1000)


def format_money_wan(wan: float | None, lang: str = "zh") -> str:
    """Money given in 万元, written the Chinese way: 亿元 from 1 亿 up, thousands separators."""
    if wan is None or (isinstance(wan, float) and math.isnan(wan)):
        return "—"
    if lang != "zh":  # 1 万元 = 10,000 yuan: yuan below a million, millions below a billion
        if abs(wan) < 100:
            return f"¥{wan * 10_000:,.0f}"
        amount, unit = (wan / 100_000, "bn") if abs(wan) >= 100_000 else (wan / 100, "m")
        return f"¥{_trim(amount, 5)} {unit}"
    if abs(wan) >= WAN_PER_YI:
        return f"{_trim(wan / WAN_PER_YI, 4)} 亿元"
    return f"{_trim(wan, 2)} 万元"


def format_money_sum(wan: float, lang: str = "zh") -> str:
    """A computed sum of money (not a reported figure): 亿元 with two decimals, 万元 whole."""
    if lang != "zh":
        if abs(wan) >= 100_000:  # 1 bn yuan
            return f"¥{wan / 100_000:,.2f} bn"
        return f"¥{wan / 100:,.1f} m"
    if abs(wan) >= WAN_PER_YI:
        return f"{wan / WAN_PER_YI:,.2f} 亿元"
    return f"{wan:,.0f} 万元"


def _trim(x: float, digits: int) -> str:
    """Thousands separators, at most ``digits`` decimals, no trailing zeros."""
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


#: The unit word for 亩 in each UI language (English readers get the pinyin "mu").
MU_WORD = {"zh": "亩", "en": "mu"}


def mu_word(lang: str = "zh") -> str:
    """``亩`` in Chinese, ``mu`` in English."""
    return MU_WORD.get(lang, MU_WORD["en"])


def format_mu(mu: float | None, digits: int = 1, lang: str = "zh") -> str:
    """An area in 亩 with thousands separators (``1,200 亩`` / ``1,200 mu``)."""
    if mu is None or (isinstance(mu, float) and math.isnan(mu)):
        return "—"
    text = f"{mu:,.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {mu_word(lang)}"


#: Chinese count and measure words in English (empty: the metric's name says what is counted).
EN_UNITS = {
    "个": "", "处": "", "座": "", "台": "machines", "人": "people", "人次": "visits", "间": "rooms",
    "盏": "lamps", "班": "classes", "栋": "buildings", "日": "", "方面": "areas", "户": "households",
    "年": "years", "岁": "years old", "家": "companies", "吨": "t", "份": "meals", "月": "month",
    "分钟": "minutes", "项": "", "节": "festival", "会": "fairs", "亩": "mu", "万元": "10k yuan",
}  # fmt: skip
EN_RATES = {"年": "year", "日": "day", "月": "month"}


def unit_text(unit: str, lang: str = "zh") -> str:
    """A normalised unit as the reader writes it (``m2`` → ``m²``; ``吨/年`` → ``t/year``)."""
    unit = unit.replace("m2", "m²")
    if lang != "en":
        return unit
    base, _, per = unit.partition("/")
    text = EN_UNITS.get(base, base)
    return f"{text}/{EN_RATES.get(per, per)}" if per else text
