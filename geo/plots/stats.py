"""Exact totals of the plot layer: per village, per grid cell, overall (from every plot).

The map draws only the plots in view; every figure here is computed from the whole layer, so
the choropleth and the totals never depend on what happens to be drawn.
"""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.plots.generate import STATUSES

ENTRUSTED = STATUSES[0]
#: Grid cell size for the middle zooms (metres, as degrees at the layer's latitude).
CELL_M = 250.0


def _entrusted_mu(plots: pd.DataFrame) -> pd.Series:
    return plots["area_mu"].where(plots["trusteeship_status"] == ENTRUSTED, 0.0)


def totals(plots: pd.DataFrame) -> dict:
    """Plots, 亩, entrusted plots and 亩, villages with entrusted land."""
    ent = plots["trusteeship_status"] == ENTRUSTED
    return {
        "plots": len(plots),
        "area_mu": float(plots["area_mu"].sum()),
        "entrusted_plots": int(ent.sum()),
        "entrusted_mu": float(plots.loc[ent, "area_mu"].sum()),
        "villages_entrusted": int(plots.loc[ent, "village_code"].nunique()),
        "holders": int(plots["holder_code"].nunique()),
    }


def village_totals(
    plots: pd.DataFrame, villages: pd.DataFrame, table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per village (all 37, zeros where no plots): plots, 亩, entrusted 亩 and share.

    With the trusteeship ``table``, also its 亩 and our difference from it.
    """
    g = plots.assign(entrusted_mu=_entrusted_mu(plots)).groupby("village_code")
    agg = pd.DataFrame({"plots": g.size(), "area_mu": g["area_mu"].sum(),
                        "entrusted_mu": g["entrusted_mu"].sum()})  # fmt: skip
    out = villages[["code", "name"]].merge(agg, left_on="code", right_index=True, how="left")
    out = out.fillna({"plots": 0, "area_mu": 0.0, "entrusted_mu": 0.0})
    out["plots"] = out["plots"].astype(int)
    out["share"] = (out["entrusted_mu"] / out["area_mu"].replace(0.0, np.nan)).fillna(0.0)
    if table is not None:
        reported = table.groupby("village")["trusteeship_mu"].sum()
        out["table_mu"] = out["name"].map(reported)
        out["diff_mu"] = out["entrusted_mu"] - out["table_mu"].fillna(0.0)
    return out.reset_index(drop=True)


def grid_cells(plots: gpd.GeoDataFrame, cell_m: float = CELL_M) -> pd.DataFrame:
    """Plots per lon/lat cell (by representative point, so each plot counts once)."""
    pts = shapely.point_on_surface(plots.geometry.values)
    lon, lat = shapely.get_x(pts), shapely.get_y(pts)
    dlat = cell_m / 110_574.0
    dlon = cell_m / (111_320.0 * math.cos(math.radians(float(np.mean(lat)))))
    frame = pd.DataFrame({"i": np.floor(lon / dlon).astype(int), "j": np.floor(lat / dlat).astype(int),
                          "area_mu": plots["area_mu"].to_numpy(), "entrusted_mu": _entrusted_mu(plots).to_numpy()})  # fmt: skip
    g = frame.groupby(["i", "j"])
    out = pd.DataFrame({"plots": g.size(), "area_mu": g["area_mu"].sum(),
                        "entrusted_mu": g["entrusted_mu"].sum()}).reset_index()  # fmt: skip
    out["west"], out["south"] = out["i"] * dlon, out["j"] * dlat
    out["east"], out["north"] = out["west"] + dlon, out["south"] + dlat
    return out


def grid_json(cells: pd.DataFrame) -> str:
    """The grid as compact JSON for the browser: [w, s, e, n, plots, 亩, entrusted 亩] rows."""
    rows = [
        [round(w, 6), round(s, 6), round(e, 6), round(n, 6), int(p), round(a, 2), round(t, 2)]
        for w, s, e, n, p, a, t in zip(cells["west"], cells["south"], cells["east"],
                                       cells["north"], cells["plots"], cells["area_mu"],
                                       cells["entrusted_mu"])
    ]  # fmt: skip
    return json.dumps({"cells": rows}, separators=(",", ":"))


def plot_record(plots: pd.DataFrame, plot_id: str) -> dict | None:
    """One plot's record by id (None if there is no such plot)."""
    hit = plots.index[plots["plot_id"] == plot_id.strip()]
    if not len(hit):
        return None
    row = plots.loc[hit[0]]
    year = row["trusteeship_year"]
    return {
        "position": int(plots.index.get_loc(hit[0])),
        "plot_id": row["plot_id"], "village": row["village"], "village_code": row["village_code"],
        "area_mu": float(row["area_mu"]), "holder_code": row["holder_code"],
        "trusteeship_status": row["trusteeship_status"],
        "trusteeship_year": None if year != year or year is None else int(year),
        "geom_source": row["geom_source"], "bounds": tuple(row.geometry.bounds),
    }  # fmt: skip
