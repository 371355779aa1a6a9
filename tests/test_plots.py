"""The contract-plot layer: generator, exact totals, viewport logic, tiles, map structure."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon, box

from geo.i18n import t
from geo.maps.assets import component_links, external_urls, use_local_assets
from geo.model.units import PROJECTED_CRS
from geo.plots import generate as plotgen
from geo.plots.layer import main, read_plots, validate_plots
from geo.plots.map import PlotLayer, PlotMapOptions, build_plot_map
from geo.plots.stats import grid_cells, plot_record, totals, village_totals
from geo.plots.tiles import (
    encode_rings,
    plots_in_view,
    read_tile,
    tile_bounds,
    tile_index,
    tile_xy,
    tiles_for_bounds,
    write_tiles,
)


@pytest.fixture(scope="module")
def codes(frames) -> list[str]:
    return list(frames["villages"]["code"])


@pytest.fixture(scope="module")
def small(frames) -> gpd.GeoDataFrame:
    return plotgen.generate(frames, n=1500, seed=7)


@pytest.fixture(scope="module")
def full(plots40k) -> gpd.GeoDataFrame:
    """The 40,000-plot layer the app shows (generated into data/generated/ when missing)."""
    return plots40k


@pytest.fixture
def tiny() -> gpd.GeoDataFrame:
    """Four hand-made plots in two villages (one with no entrusted land)."""
    sq = lambda x, y: Polygon([(x, y), (x + 0.001, y), (x + 0.001, y + 0.001), (x, y + 0.001)])  # noqa: E731
    rows = [("QL01", 1.5, "entrusted", 2023), ("QL01", 2.0, "not_entrusted", None),
            ("QL01", 0.75, "entrusted", 2023), ("QL02", 3.0, "not_entrusted", None)]  # fmt: skip
    return gpd.GeoDataFrame(
        {"plot_id": [f"P{i}" for i in range(4)], "village_code": [r[0] for r in rows],
         "village": ["v1", "v1", "v1", "v2"], "area_mu": [r[1] for r in rows],
         "holder_code": ["H1", "H1", "H2", "H3"], "trusteeship_status": [r[2] for r in rows],
         "trusteeship_year": [r[3] for r in rows], "geom_source": "schematic"},
        geometry=[sq(118.40 + i * 0.002, 36.77) for i in range(4)], crs="EPSG:4326",
    )  # fmt: skip


# --------------------------------------------------------------------------- generator


def test_generated_layer_follows_the_schema(small):
    assert len(small) == 1500
    assert validate_plots(small) == []
    assert list(small.columns[:-1]) == plotgen.COLUMNS
    assert set(small["geom_source"]) == {"schematic"}
    assert small["plot_id"].is_unique
    assert small["plot_id"].str.fullmatch(r"QL\d\d-P\d{5}").all()
    assert small["holder_code"].str.fullmatch(r"QL\d\d-H\d{4}").all()  # opaque codes, no names
    assert set(small["trusteeship_status"]) == set(plotgen.STATUSES)
    entrusted = small["trusteeship_status"] == "entrusted"
    assert (small.loc[entrusted, "trusteeship_year"] == 2023).all()
    assert small.loc[~entrusted, "trusteeship_year"].isna().all()


def test_generated_geometry_is_valid_and_inside_its_village(small, frames):
    assert (small.geom_type == "Polygon").all() and small.is_valid.all()
    xy = shapely.get_coordinates(small.geometry.values)
    assert np.array_equal(np.round(xy, 6), xy)
    villages = frames["villages"].set_index("code").geometry
    inside = [
        villages[c].buffer(1e-6).covers(g) for c, g in zip(small["village_code"], small.geometry)
    ]
    assert all(inside)
    geoms = small.geometry.values  # no two plots overlap: the union is as large as the sum
    assert shapely.union_all(geoms).area == pytest.approx(shapely.area(geoms).sum(), rel=1e-4)
    recomputed = small.geometry.to_crs(PROJECTED_CRS).area / (10000 / 15)
    assert np.allclose(recomputed, small["area_mu"], atol=0.006)


def test_generator_is_deterministic(small, frames):
    again = plotgen.generate(frames, n=1500, seed=7)
    pd.testing.assert_frame_equal(small.drop(columns="geometry"), again.drop(columns="geometry"))
    assert all(a.equals_exact(b, 0) for a, b in zip(small.geometry, again.geometry))
    other = plotgen.generate(frames, n=1500, seed=8)
    assert not small["area_mu"].equals(other["area_mu"])


def test_full_layer_is_realistic_and_matches_the_trusteeship_table(full, frames):
    assert len(full) == 40_000 and validate_plots(full) == []
    assert 46_000 < full["area_mu"].sum() < 50_000
    lo, median, hi = full["area_mu"].quantile([0.02, 0.5, 0.98])
    assert 0.5 <= lo and 0.9 <= median <= 1.5 and hi <= 3.0
    vt = village_totals(full, frames["villages"], frames["trusteeship"])
    table = vt[vt["table_mu"].notna()]
    assert len(table) == 28
    assert (table["diff_mu"].abs() < 2.0).all(), table[["name", "entrusted_mu", "table_mu"]]
    assert (vt.loc[vt["table_mu"].isna(), "entrusted_mu"] == 0).all()
    assert totals(full)["entrusted_mu"] == pytest.approx(10_000, abs=25)


def test_validation_names_bad_fields(small):
    bad = small.drop(columns="holder_code").copy()
    bad.loc[0, "trusteeship_status"] = "maybe"
    bad.loc[1, "plot_id"] = bad.loc[2, "plot_id"]
    problems = " ".join(validate_plots(bad))
    assert "holder_code" in problems
    assert "maybe" in problems
    assert "duplicate plot_id" in problems


def test_cli_writes_a_geopackage(tmp_path, capsys):
    out = tmp_path / "plots.gpkg"
    assert main(["generate", "--n", "300", "--out", str(out)]) == 0
    back = read_plots(out)
    assert len(back) == 300 and validate_plots(back) == []
    assert "300 plots" in capsys.readouterr().out


# --------------------------------------------------------------------------- totals


def test_village_totals_are_exact(tiny, frames):
    vt = village_totals(tiny, frames["villages"], frames["trusteeship"]).set_index("code")
    assert len(vt) == 37
    assert vt.loc["QL01", ["plots", "area_mu", "entrusted_mu"]].tolist() == [3, 4.25, 2.25]
    assert vt.loc["QL01", "share"] == pytest.approx(2.25 / 4.25)
    assert vt.loc["QL02", ["plots", "entrusted_mu", "share"]].tolist() == [1, 0.0, 0.0]
    assert vt.loc["QL03", "plots"] == 0
    assert totals(tiny) == {"plots": 4, "area_mu": 7.25, "entrusted_plots": 2, "entrusted_mu": 2.25,
                            "villages_entrusted": 1, "holders": 3}  # fmt: skip


def test_totals_come_from_every_plot(small, frames):
    vt = village_totals(small, frames["villages"])
    ent = small.loc[small["trusteeship_status"] == "entrusted", "area_mu"].sum()
    assert vt["entrusted_mu"].sum() == pytest.approx(ent)
    assert vt["plots"].sum() == len(small)
    cells = grid_cells(small)
    assert cells["plots"].sum() == len(small)
    assert cells["area_mu"].sum() == pytest.approx(small["area_mu"].sum())
    assert cells["entrusted_mu"].sum() == pytest.approx(ent)


def test_plot_record(small):
    rec = plot_record(small, f" {small['plot_id'].iloc[10]} ")
    assert rec["position"] == 10 and rec["holder_code"] == small["holder_code"].iloc[10]
    assert plot_record(small, "QL99-P00001") is None


# --------------------------------------------------------------------------- tiles and views


def test_tile_numbers_follow_leaflet():
    assert [v.tolist() for v in tile_xy(0.0, 0.0, 1)] == [1, 1]
    x, y = (int(v) for v in tile_xy(118.395, 36.775, 16))
    assert (x, y) == (54321, 25559)  # checked with the asinh form of the formula
    w, s, e, n = tile_bounds(x, y, 16)
    assert w <= 118.395 < e and s <= 36.775 < n
    assert tiles_for_bounds((w + 1e-9, s + 1e-9, e - 1e-9, n - 1e-9), 16) == [(x, y)]


@pytest.mark.parametrize("seed", range(6))
def test_plots_in_view_are_exactly_those_intersecting_it(small, seed):
    geoms = small.geometry.values
    index = tile_index(geoms, 16)
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = small.total_bounds
    size = rng.uniform(0.002, 0.03)
    x, y = rng.uniform(minx - size, maxx), rng.uniform(miny - size, maxy)
    view = (x, y, x + size, y + size * 0.6)
    expected = np.flatnonzero(shapely.intersects(geoms, box(*view)))
    got = plots_in_view(index, geoms, view, 16)
    assert got.tolist() == expected.tolist()


def test_tile_files_hold_exactly_the_plots_touching_each_tile(small, tmp_path, codes):
    ts = write_tiles(small, "k", codes, {"grid.json": "{}"}, root=tmp_path, z=15)
    geoms = small.geometry.values
    every = set()
    for x, y in ts.tiles:
        rows = read_tile(ts, x, y)["f"]
        ids = [r[0] for r in rows]
        expected = np.flatnonzero(shapely.intersects(geoms, box(*tile_bounds(x, y, 15))))
        assert ids == expected.tolist()
        for r in rows[:5]:
            plot = small.iloc[r[0]]
            assert r[1] == plot["plot_id"] and r[4] == plot["holder_code"]
            assert r[7] == encode_rings(plot.geometry)
        every.update(ids)
    assert every == set(range(len(small)))
    assert set(ts.tiles) == set(tile_index(geoms, 15))
    meta = json.loads((ts.folder / "meta.json").read_text())
    assert meta["plots"] == len(small) and (ts.folder / "grid.json").is_file()


def test_encoded_rings_decode_to_the_exact_coordinates(small):
    geom = small.geometry.iloc[3]
    ring = np.cumsum(np.asarray(encode_rings(geom)[0]).reshape(-1, 2), axis=0) / 1e6
    assert np.allclose(ring, np.asarray(geom.exterior.coords)[:-1], atol=1e-9)


# --------------------------------------------------------------------------- map


def test_map_embeds_aggregates_not_plots(small, tmp_path, codes, frames):
    ts = write_tiles(small, "k", codes, root=tmp_path)
    vt = village_totals(small, frames["villages"], frames["trusteeship"])
    m = build_plot_map(frames, vt, ts, PlotMapOptions(lang="en"))
    layers = [c for c in m._children.values() if isinstance(c, PlotLayer)]
    assert len(layers) == 1
    cfg = layers[0].config
    assert cfg["tiles"] == [f"{x}_{y}" for x, y in ts.tiles] and cfg["plotZoom"] == 16
    assert cfg["base"].startswith("../../app/static/plots/")
    assert cfg["labels"]["statuses"] == ["Entrusted", "Not entrusted"]
    villages = next(
        c
        for c in m._children.values()
        if getattr(c, "layer_name", "") == t("plots_lyr_villages", "en")
    )
    assert [f["properties"]["fid"] for f in villages.data["features"]] == [
        f"village:{c}" for c in codes
    ]
    html = m.get_root().render()
    assert small["plot_id"].iloc[0] not in html and len(html) < 400_000
    assert re.search(r"qmPlotLayers", html)


def test_map_is_offline_and_escapes_names(small, tmp_path, codes, frames):
    ts = write_tiles(small, "k", codes, root=tmp_path)
    frames = dict(frames)
    frames["villages"] = frames["villages"].copy()
    frames["villages"].loc[0, "name"] = "<img src=x onerror=alert(1)>"
    vt = village_totals(small, frames["villages"])
    use_local_assets()
    m = build_plot_map(frames, vt, ts, PlotMapOptions())
    assert external_urls(m) == []
    html = m.get_root().render()
    assert "<img src=x" not in html
    js, css = component_links(m)  # only Leaflet and the full-screen control, all local
    assert [u.rsplit("/", 1)[-1] for u in js + css] == [
        "leaflet.js", "Control.FullScreen.min.js", "leaflet.css", "Control.FullScreen.css"]  # fmt: skip
