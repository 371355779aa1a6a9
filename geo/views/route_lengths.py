"""马莲台: route lengths from geometry beside the reported figures."""

from __future__ import annotations

import pandas as pd

from geo.i18n import t
from geo.model.units import gdf_length_km


def route_lengths(routes, tourist_road, lang: str = "zh") -> pd.DataFrame:
    """Each route and road section: drawn length (km) and the reported length where given."""
    name = "name" if lang == "zh" else "name_en"
    rows = [
        {
            "name": n,
            "drawn_km": round(km, 2),
            "reported_km": float("nan"),
            "source": t(f"route_src_{src}", lang),
        }
        for n, km, src in zip(routes[name], gdf_length_km(routes), routes["name_source"])
    ]
    rows += [
        {
            "name": n,
            "drawn_km": round(km, 2),
            "reported_km": float(rep),
            "source": t("route_src_report", lang),
        }
        for n, km, rep in zip(
            tourist_road["name"], gdf_length_km(tourist_road), tourist_road["reported_length_km"]
        )
    ]
    return pd.DataFrame(rows)
