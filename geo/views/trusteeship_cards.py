"""Land trusteeship: the per-village table and its totals against the report, for display."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.checks.totals import TotalCheck, trusteeship_totals
from geo.i18n import t
from geo.model.facts import Fact
from geo.model.units import format_money_wan, format_mu


@dataclass(frozen=True)
class TotalCard:
    """One total as the trusteeship page shows it: title, ours ／ reported, pass/fail, source."""

    title: str
    ours: str
    reported: str
    ok: bool
    fact: Fact


def trusteeship_table(frames: dict) -> pd.DataFrame:
    """Trusteeship rows with the village code, sorted by area (largest first)."""
    v = frames["villages"][["code", "name"]].rename(columns={"name": "village"})
    out = frames["trusteeship"].merge(v, on="village", how="left")
    return out.sort_values("trusteeship_mu", ascending=False).reset_index(drop=True)


def _card(c: TotalCheck, lang: str) -> TotalCard:
    value = c.fact.value
    if c.rule == "each_above":
        floor = f"{value:g}万元" if lang == "zh" else format_money_wan(value, lang)
        title = t(c.key, lang, floor=floor)
        ours, rep = (
            t("total_lowest", lang, value=format_money_wan(c.ours, lang)),
            t("total_above", lang, value=format_money_wan(value, lang)),
        )
    elif c.unit == "亩":
        title, ours, rep = (
            t(c.key, lang),
            format_mu(c.ours, 0, lang=lang),
            format_mu(value, 0, lang=lang),
        )
    else:
        title, ours, rep = t(c.key, lang), f"{c.ours:g}", f"{value:g}"
    return TotalCard(title, ours, rep, c.ok, c.fact)


def trusteeship_cards(frames: dict, facts: list[Fact], lang: str) -> list[TotalCard]:
    """The trusteeship totals of the one totals engine, formatted in ``lang``."""
    return [_card(c, lang) for c in trusteeship_totals(frames, facts)]
