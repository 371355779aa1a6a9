"""Synthetic plot layers for benches and tests: many rectangles over the subdistrict."""

from __future__ import annotations

import numpy as np
from shapely.geometry import box

from geo.files.readers import load
from geo.model import units


def synthetic_plots(n: int, seed: int = 1) -> np.ndarray:
    """``n`` rectangular plots (projected metres) on a grid over the subdistrict's box; about
    2 % are shifted half a cell so that they overlap their neighbour."""
    rng = np.random.default_rng(seed)
    outline = units.to_projected(load("boundary").frame.geometry.iloc[0])
    minx, miny, maxx, maxy = outline.bounds
    cols = int(np.ceil(np.sqrt(n * (maxx - minx) / (maxy - miny))))
    rows = int(np.ceil(n / cols))
    sx, sy = (maxx - minx) / cols, (maxy - miny) / rows
    out = []
    for k in range(n):
        x, y = minx + (k % cols) * sx, miny + (k // cols) * sy
        if rng.random() < 0.02:
            x += sx * 0.5  # this plot overlaps its neighbour
        out.append(box(x, y, x + sx * 0.9, y + sy * 0.9))
    return np.asarray(out, dtype=object)


def protected_zones() -> np.ndarray:
    """The planning zones (projected metres), as the checks compare plots against them."""
    frame = load("planning_zones").frame
    return np.asarray(list(frame.geometry.to_crs(units.PROJECTED_CRS)), dtype=object)
