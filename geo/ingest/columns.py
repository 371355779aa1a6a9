"""Column mapping for imports: suggest which source column fills which schema column, coerce values.

Suggestions come from column names in Chinese or English (``名称``, ``村名``, ``投资（万元）``,
``面积（亩）``, ``lon``/``经度``) and the field names of the national land-contract (确权) and
land-survey (三调) databases (``MJ``/``MJ_MU``/``SCMJM``/``HTMJM`` 亩, ``DLMC``/``DLBM`` 地类,
``DKBM``/``DKMC`` 地块, ``CBFBM`` 承包方编码, ``CUNMC``/``ZLDWMC`` 村); a unit in the header
(``元``, ``公顷``, ``平方米``) converts to the unit in our column name (``_wan``, ``_mu``).
``CBFMC`` (承包方名称) is a person's name: recognised and never imported (``PERSONAL``).
A suggestion is only ever a name match: a column the file lacks stays unmapped until the editor
chooses. Nothing here touches the store.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from geo.i18n import pair
from geo.model.project_specs import CATEGORIES, STATUSES
from geo.model.schema import SCHEMAS
from geo.model.units import M2_PER_MU

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "名称",
        "名字",
        "项目名称",
        "地名",
        "村名",
        "村庄名称",
        "村庄",
        "mc",
        "title",
        "DKMC",
        "地块名称",
    ),
    "village": (
        "village",
        "村名",
        "村",
        "村庄",
        "所属村",
        "所在村",
        "行政村",
        "CUNMC",
        "村名称",
        "ZLDWMC",
        "坐落单位名称",
    ),
    "code": ("code", "编码", "代码", "村代码", "村编码"),
    "project_id": ("project_id", "项目编号", "编号", "id"),
    "subject_id": ("subject_id", "项目代码"),
    "name_en": ("name_en", "英文名", "英文名称", "english"),
    "investment_wan": (
        "investment_wan",
        "investment",
        "投资",
        "投资额",
        "总投资",
        "计划投资",
        "投资金额",
    ),
    "area_mu": (
        "area_mu",
        "area",
        "MJ_MU",
        "SCMJM",
        "HTMJM",
        "MJ",
        "面积",
        "亩数",
        "亩",
        "实测面积",
        "合同面积",
    ),
    "reported_area_mu": (
        "reported_area_mu",
        "MJ_MU",
        "SCMJM",
        "HTMJM",
        "MJ",
        "面积",
        "占地面积",
        "亩数",
    ),
    "plot_id": ("plot_id", "DKBM", "地块编码", "地块代码"),
    "holder_code": ("holder_code", "CBFBM", "承包方编码", "承包方代码"),
    "trusteeship_mu": ("trusteeship_mu", "托管面积", "托管亩数", "托管"),
    "collective_income_wan": ("collective_income_wan", "集体收入", "村集体收入", "收入"),
    "year": ("year", "年度", "年份", "年"),
    "status": ("status", "状态", "建设状态", "进展状态"),
    "category": ("category", "类别", "分类", "类型"),
    "section": ("section", "章节", "报告章节"),
    "households": ("households", "户数", "总户数"),
    "population": ("population", "人口", "人口数", "总人口"),
    "elevation_m": ("elevation_m", "elevation", "海拔", "高程"),
    "progress_pct": ("progress_pct", "progress", "进度", "完成进度", "完成比例"),
    "score": ("score", "得分", "分数", "考核得分"),
    "month": ("month", "月份", "月"),
    "village_code": ("village_code", "村代码", "村编码"),
    "kind": ("kind", "类型", "等级", "道路等级"),
    "lamp_no": ("lamp_no", "编号", "序号"),
    "zone_id": ("zone_id", "编号", "分区编号"),
    "zone": ("zone", "分区", "管控区"),
    "block": ("block", "地块", "地块名称", "DKMC", "DKBM", "地块编码"),
    "land_use": ("land_use", "用途", "用地性质", "地类", "DLMC", "地类名称", "DLBM", "地类编码"),
    "route_id": ("route_id", "线路编号"),
    "reported_length_km": ("reported_length_km", "长度", "里程"),
}
X_NAMES = (
    "lon",
    "lng",
    "long",
    "longitude",
    "经度",
    "东经",
    "x",
    "x坐标",
    "东坐标",
    "横坐标",
    "gcj_lon",
    "bd_lon",
)
Y_NAMES = ("lat", "latitude", "纬度", "北纬", "y", "y坐标", "北坐标", "纵坐标", "gcj_lat", "bd_lat")
#: Columns that hold a person's name (承包方名称): recognised, never suggested or imported.
PERSONAL = ("CBFMC", "承包方名称", "承包方姓名")
#: Values that must come from a fixed list (the key or its Chinese/English label).
#: Each is (the keys, the string prefix of their labels).
CHOICES: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("projects", "category"): (CATEGORIES, "category"),
    ("projects", "status"): (STATUSES, "status"),
}
#: Columns the importer fills itself (provenance of values and positions).
AUTO_COLUMNS = ("geom_source", "value_source", "name_source", "village_source", "size_source",
                "split_source", "elevation_source", "name_confirmed")  # fmt: skip
#: Columns worth mapping besides the schema's.
EXTRA_COLUMNS = {"projects": ("progress_pct", "site_undecided"), "villages": ()}
_TRUE = {"true", "1", "yes", "y", "是", "对", "√", "t"}
_FALSE = {"false", "0", "no", "n", "否", "不", "×", "f"}
_NUMBER = re.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+)\s*(\S*)\s*$")


def normalise(header: str) -> str:
    """A header without case, spaces, punctuation or a bracketed unit: ``投资（万元）`` → ``投资``."""
    text = re.sub(r"[（(【\[].*?[）)】\]]", "", str(header).lower())
    return re.sub(r"[\s_\-/:：.%％]+", "", text)


def mappable_columns(target: str) -> list[str]:
    """The columns of ``target`` a user maps (not the automatic provenance columns)."""
    schema = SCHEMAS[target]
    cols = [c for c in schema.columns if c not in AUTO_COLUMNS]
    return cols + [c for c in EXTRA_COLUMNS.get(target, ()) if c not in cols]


def required_columns(target: str) -> list[str]:
    """Mappable columns that may not be empty."""
    schema = SCHEMAS[target]
    return [c for c in mappable_columns(target) if c in schema.columns and c not in schema.nullable]


def suggest_mapping(columns: list[str], target: str) -> dict[str, str]:
    """Target column → source column, from the names (exact matches first, then containment)."""
    personal = {normalise(w) for w in PERSONAL}
    norm = {c: normalise(c) for c in columns if normalise(c) not in personal}
    out: dict[str, str] = {}
    for exact in (True, False):
        for col in mappable_columns(target):
            if col in out:
                continue
            for word in (normalise(w) for w in (col, *SYNONYMS.get(col, ()))):
                found = next((c for c, n in norm.items() if c not in out.values()
                              and (n == word if exact else len(word) >= 2 and word in n)), None)  # fmt: skip
                if found:
                    out[col] = found
                    break
    return out


def personal_columns(columns: list[str]) -> list[str]:
    """The columns that hold a person's name (never imported)."""
    personal = {normalise(w) for w in PERSONAL}
    return [c for c in columns if normalise(c) in personal]


def suggest_xy(frame: pd.DataFrame) -> tuple[str, str] | None:
    """The longitude/x and latitude/y columns of a table, by name, else by value range."""
    norm = {c: normalise(c) for c in frame.columns}
    x = next((c for w in X_NAMES for c, n in norm.items() if n == normalise(w)), None)
    y = next((c for w in Y_NAMES for c, n in norm.items() if n == normalise(w) and c != x), None)
    if x and y:
        return x, y
    numeric = {c: pd.to_numeric(frame[c], errors="coerce") for c in frame.columns}
    lon = [c for c, v in numeric.items() if v.notna().all() and v.between(73, 136).all()]
    lat = [c for c, v in numeric.items() if v.notna().all() and v.between(3, 54).all()]
    if lon and lat and lon[0] != lat[0]:
        return lon[0], lat[0]
    return None


def unit_factor(header: str, target: str) -> float:
    """Multiplier from the unit in a header to the unit in the target column's name."""
    h = str(header).lower()
    if target.endswith("_wan"):
        if "亿" in h:
            return 10000.0
        if re.search(r"[（(]\s*元|\(yuan\)|（yuan）", h):
            return 1e-4
    if target.endswith("_mu"):
        if "公顷" in h or re.search(r"\bha\b|hectare", h):
            return 15.0
        if "平方米" in h or "m2" in h or "㎡" in h or "m²" in h:
            return 1 / M2_PER_MU
    return 1.0


def parse_number(value) -> float | None:
    """A number from a cell: ``1,200``, ``2024年``, ``35.5 亩``; None when empty; NaN when bad."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, bool):
        return np.nan
    if isinstance(value, int | float | np.number):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    match = _NUMBER.match(text)
    if not match or (match.group(2) and re.match(r"[\d.eE+-]", match.group(2))):
        return np.nan
    return float(match.group(1).replace(",", ""))


def parse_bool(value) -> bool | None:
    """``是``/``否``, true/false, 1/0; None when empty; raises ValueError otherwise."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if not text:
        return None
    raise ValueError(text)


def parse_text(value) -> str | None:
    """Text of a cell; integral numbers without ``.0``; None when empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def parse_choice(value, choices: tuple[str, ...], prefix: str) -> str | None:
    """The key of a choice given as key, Chinese or English label; raises ValueError if none.

    The labels are the strings ``<prefix>_<key>`` (e.g. ``status_completed``: 已完成 / Completed).
    """
    text = parse_text(value)
    if text is None:
        return None
    for key in choices:
        zh, en = pair(f"{prefix}_{key}")
        if text.lower() in (key.lower(), zh.lower(), en.lower()):
            return key
    raise ValueError(text)
