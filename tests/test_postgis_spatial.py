"""The checks' spatial work in PostGIS gives the same findings as the in-memory STRtree engine."""

from __future__ import annotations

import pytest
from shapely.affinity import scale, translate

from geo.checks.allocation import run_checks
from geo.checks.postgis_spatial import PostgisSpatial, spatial_engine
from geo.checks.spatial import MEMORY
from geo.model.facts import load_facts
from geo.model.paths import SHIPPED_DATA_DIR
from geo.store import open_store
from geo.store.interface import frame_rows

pytestmark = pytest.mark.postgis
FACTS = load_facts()


@pytest.fixture
def pg(pg_url):
    return open_store(SHIPPED_DATA_DIR, pg_url)


def _row(store, layer, column, value) -> dict:
    frame = store.layer(layer)
    return frame_rows(frame[frame[column] == value])[0]


def _edit(store) -> None:
    """Overlapping sites, a site on heritage land, land counted for two villages, a scaled site."""
    zones = store.layer("planning_zones").set_index("zone_id")
    grain = _row(store, "projects", "project_id", "grain_center-2024")["geometry"]
    lugong = _row(store, "projects", "project_id", "lugong_smart_agri-2024")
    kg = _row(store, "projects", "project_id", "kindergarten_2-2024")
    c = zones.loc["heritage"].geometry.representative_point()
    res = _row(store, "projects", "project_id", "liujiazhong_resettlement-2024")
    fa = store.layer("farmland_upgrade_areas")
    second = frame_rows(fa.iloc[[1]])[0]
    with store.transaction("alice", "crafted conflicts") as tx:
        dx, dy = (
            grain.centroid.x - lugong["geometry"].centroid.x,
            grain.centroid.y - lugong["geometry"].centroid.y,
        )
        tx.put(
            "projects",
            lugong | {"geometry": scale(translate(lugong["geometry"], dx, dy), 1.1, 1.1)},
        )
        g = kg["geometry"]
        tx.put("projects", kg | {"geometry": translate(g, c.x - g.centroid.x, c.y - g.centroid.y)})
        tx.put("projects", res | {"geometry": res["geometry"].buffer(0.0005)})
        merged = second["geometry"].union(fa.geometry.iloc[0].buffer(-0.001))
        tx.put("farmland_upgrade_areas", second | {"geometry": merged}, store.record_ids("farmland_upgrade_areas")[1])  # fmt: skip


def _same_pairs(a, b) -> None:
    assert [(i, j) for i, j, _ in a] == [(i, j) for i, j, _ in b]
    for (_, _, x), (_, _, y) in zip(a, b):
        assert x == pytest.approx(y, rel=1e-7, abs=1e-6)


def test_shipped_data_gives_the_same_findings(pg):
    frames = pg.frames()
    engine = spatial_engine(pg, pg.revision())
    assert isinstance(engine, PostgisSpatial)
    assert run_checks(frames, FACTS, spatial=engine) == run_checks(frames, FACTS)
    p = frames["projects"]
    _same_pairs(engine.overlaps("projects", p), MEMORY.overlaps("projects", p))
    zones = frames["planning_zones"]
    _same_pairs(
        engine.zone_overlaps("projects", p, "planning_zones", zones),
        MEMORY.zone_overlaps("projects", p, "planning_zones", zones),
    )
    got, want = engine.areas_m2("projects", p), MEMORY.areas_m2("projects", p)
    assert got.to_numpy() == pytest.approx(
        want.to_numpy(), rel=1e-9, abs=1e-6, nan_ok=True
    )  # NaN: a site not yet drawn


def test_conflicts_found_in_postgis_match_the_memory_engine(pg):
    _edit(pg)
    frames = pg.frames()
    engine = PostgisSpatial(pg, pg.revision())
    memory = run_checks(frames, FACTS)
    assert {f.check for f in memory} >= {"overlap", "zones", "area"}
    assert run_checks(frames, FACTS, spatial=engine) == memory
    build = frames["projects"][frames["projects"]["subject_id"] != "x"]
    zones = frames["planning_zones"]
    pairs = engine.zone_overlaps("projects", build, "planning_zones", zones)
    assert pairs and pairs == sorted(pairs)
    _same_pairs(pairs, MEMORY.zone_overlaps("projects", build, "planning_zones", zones))


def test_frames_older_than_the_store_are_checked_in_memory(pg, monkeypatch):
    frames = pg.frames()
    engine = PostgisSpatial(pg, pg.revision())
    _edit(pg)  # the store moved on; the frames did not
    calls = []
    real = MEMORY.overlaps
    monkeypatch.setattr(MEMORY, "overlaps", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert run_checks(frames, FACTS, spatial=engine) == run_checks(frames, FACTS)
    assert calls


def test_the_checks_page_runs_its_spatial_work_in_postgis(pg, pg_url, monkeypatch):
    from geo.checks.findings import SEVERITIES
    from tests.apptest_util import run_page

    _edit(pg)
    monkeypatch.setenv("QILING_DB", pg_url)
    calls = []
    real = PostgisSpatial.overlaps
    monkeypatch.setattr(
        PostgisSpatial, "overlaps", lambda *a, **k: calls.append(a[1]) or real(*a, **k)
    )
    at = run_page("checks")
    assert not at.exception, [e.value for e in at.exception]
    want = run_checks(pg.frames(), FACTS)
    assert [m.value for m in at.metric] == [
        str(sum(f.severity == s for f in want)) for s in SEVERITIES
    ]
    assert calls == ["projects", "farmland_upgrade_areas"]
