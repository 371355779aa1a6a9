"""The totals engine: every figure of the data that the report gives a total for, compared once.

``report_totals`` is the one place where the report's totals are checked (trusteeship: 28
villages, 10,000 亩, each collective income above 20 万元; farmland upgrade: 16 villages,
11,400 亩; 37 meal points; 85 solar lamps; 刘家终 130 + 400 亩 against “530余亩”). The
overview, the trusteeship page, ``python -m geo check`` and the 用地核查 page all call it and
present its ``TotalCheck`` results in their own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo.model.facts import Fact, reported

#: Parts of a “530余亩” total may exceed the bare number by at most this share (the “余”).
YU_MARGIN = 0.1
#: “约 / 左右 / 近” N: the data may differ from N by this share.
ABOUT_MARGIN = 0.05
#: Qualifiers that put the true figure above the number (“530余亩”, “80岁以上”, “超过8000人”).
ABOVE = ("余", "多", "以上", "超", "超过", "逾")
ABOUT = ("约", "左右", "近")


def qualified_ok(ours: float, fact: Fact) -> bool:
    """Does the data's figure agree with a reported one, reading its qualifier (余/约/以上/左右)?"""
    q, n = fact.qualifier, fact.value
    if q in ("余", "多"):
        return n <= ours <= n * (1 + YU_MARGIN)
    if q in ABOVE:
        return ours > n if q.startswith("超") or q == "逾" else ours >= n
    if q in ABOUT:
        return abs(ours - n) <= ABOUT_MARGIN * n
    return abs(ours - n) < 1e-6


def remark(ours: float, fact: Fact) -> str:
    """``yu_unaccounted`` when the data give exactly the bare number of an “N余” figure: the
    “余” is then nowhere in the data (a question, not a failure)."""
    return (
        "yu_unaccounted" if fact.qualifier in ("余", "多") and abs(ours - fact.value) < 1e-6 else ""
    )


@dataclass(frozen=True)
class TotalCheck:
    """One total of the data against the report.

    ``rule`` is ``equal`` (the data add up to the reported figure), ``each_above`` (every value
    exceeds the reported floor; ``failures`` names the ones that do not) or ``parts_of_yu``
    (parts against an “N余” total). ``ours`` is the data's figure (the minimum for
    ``each_above``); ``parts`` are the facts summed for ``parts_of_yu``. The report's qualifier
    is read (``qualified_ok``); ``remark`` flags a total that holds only to the bare number.
    """

    key: str
    group: str
    rule: str
    ours: float
    fact: Fact
    ok: bool
    failures: tuple[tuple[str, float], ...] = ()
    parts: tuple[Fact, ...] = field(default_factory=tuple)
    remark: str = ""  # ``yu_unaccounted``: holds, but the “余” of the report is not in the data

    @property
    def unit(self) -> str:
        return self.fact.unit


def _equal(key: str, group: str, ours: float, fact: Fact) -> TotalCheck:
    return TotalCheck(key, group, "equal", float(ours), fact, qualified_ok(float(ours), fact),
                      remark=remark(float(ours), fact))  # fmt: skip


def _income(table: pd.DataFrame, facts: list[Fact]) -> TotalCheck:
    floor = reported(facts, "land_trusteeship", "min_collective_income")
    low = table[table["collective_income_wan"] <= floor.value]
    failures = tuple(
        (str(v), float(x)) for v, x in zip(low["village"], low["collective_income_wan"])
    )
    lowest = float(table["collective_income_wan"].min()) if len(table) else 0.0
    return TotalCheck("total_trusteeship_income", "trusteeship", "each_above", lowest, floor,
                      not failures, failures)  # fmt: skip


def _liujiazhong(facts: list[Fact]) -> TotalCheck:
    site = reported(facts, "liujiazhong_renewal", "site_area")
    parts = (
        reported(facts, "liujiazhong_resettlement", "site_area"),
        reported(facts, "liujiazhong_sale_land", "site_area"),
    )
    total = sum(p.value for p in parts)
    # “530余亩” means a little over 530: the parts may not exceed it by more than the “余”,
    # and parts adding up to exactly 530 leave the “余” unaccounted for (a remark).
    return TotalCheck("total_liujiazhong_parts", "liujiazhong", "parts_of_yu", total, site,
                      qualified_ok(total, site), parts=parts, remark=remark(total, site))  # fmt: skip


def trusteeship_totals(frames: dict, facts: list[Fact]) -> list[TotalCheck]:
    """Trusteeship: villages, area and every collective income against the report."""
    tr = frames["trusteeship"]
    return [
        _equal("total_trusteeship_villages", "trusteeship", tr["village"].nunique(),
               reported(facts, "land_trusteeship", "villages")),
        _equal("total_trusteeship_area", "trusteeship", tr["trusteeship_mu"].sum(),
               reported(facts, "land_trusteeship", "area")),
        _income(tr, facts),
    ]  # fmt: skip


def report_totals(frames: dict, facts: list[Fact]) -> list[TotalCheck]:
    """Every total of the data that the report states, in a fixed order."""
    fu = frames["farmland_upgrade"]
    out = trusteeship_totals(frames, facts)
    out += [
        _equal("total_farmland_villages", "farmland", fu["village"].nunique(),
               reported(facts, "farmland_upgrade", "villages")),
        _equal("total_farmland_area", "farmland", fu["area_mu"].sum(),
               reported(facts, "farmland_upgrade", "area")),
        _equal("total_meal_points", "meal_points", len(frames["meal_points"]),
               reported(facts, "elder_meal_points", "count")),
        _equal("total_solar_lamps", "solar_lamps", len(frames["solar_lamps"]),
               reported(facts, "malian_solar_lamps", "count")),
        _liujiazhong(facts),
    ]  # fmt: skip
    return out
