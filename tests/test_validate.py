"""``python -m geo check``: passes on the shipped data, names each problem on broken data."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.checks.dataset import check_dataset
from geo.model.paths import ROOT


def _run_check(data_dir: Path | None = None) -> subprocess.CompletedProcess:
    args = (
        [sys.executable, "-m", "geo"] + (["--data", str(data_dir)] if data_dir else []) + ["check"]
    )
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True)


def _edit_geojson(path: Path, edit) -> None:
    fc = json.loads(path.read_text(encoding="utf-8"))
    edit(fc["features"])
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")


def _messages(data_dir: Path) -> str:
    return "\n".join(str(p) for p in check_dataset(data_dir))


def test_shipped_data_passes():
    result = _run_check()
    assert result.returncode == 0, result.stdout
    assert "OK" in result.stdout


def test_broken_polygon_is_named(data_copy: Path):
    def bowtie(features):
        ring = features[4]["geometry"]["coordinates"][0]
        a, b = ring[1], ring[2]
        ring[1], ring[2] = b, a  # swap two vertices: the ring crosses itself

    _edit_geojson(data_copy / "villages.geojson", bowtie)
    result = _run_check(data_copy)
    assert result.returncode == 1
    assert "villages: feature 4 (QL05) is invalid: Self-intersection" in result.stdout


def test_overlap_between_villages_is_named(data_copy: Path):
    path = data_copy / "villages.geojson"
    fc = json.loads(path.read_text(encoding="utf-8"))
    feats = {f["properties"]["name"]: f for f in fc["features"]}
    from shapely.geometry import mapping, shape

    grown = shape(feats["杨西"]["geometry"]).buffer(0.002, join_style="mitre")
    grown = grown.intersection(
        shape(json.loads((data_copy / "boundary.geojson").read_text())["features"][0]["geometry"])
    )
    feats["杨西"]["geometry"] = json.loads(json.dumps(mapping(grown.simplify(0))))
    feats["杨西"]["geometry"]["coordinates"] = [
        [[round(x, 6), round(y, 6)] for x, y in ring]
        for ring in feats["杨西"]["geometry"]["coordinates"]
    ]
    path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    text = _messages(data_copy)
    assert "[tiling] villages " in text and "杨西" in text and "overlap by" in text


def test_missing_village_is_named(data_copy: Path):
    _edit_geojson(data_copy / "villages.geojson", lambda feats: feats.pop(10))
    result = _run_check(data_copy)
    assert result.returncode == 1
    assert "36 villages; expected 37" in result.stdout
    assert "uncovered (a gap or a missing village)" in result.stdout


def test_wrong_total_is_named(data_copy: Path):
    path = data_copy / "trusteeship.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["trusteeship_mu"] = str(int(rows[0]["trusteeship_mu"]) + 50)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    result = _run_check(data_copy)
    assert result.returncode == 1
    assert (
        "Trusteeship area (mu): the data give 10,050.0; report 一(五): “实现28个村托管土地1万亩” gives 10,000 mu"
        in result.stdout
    )


def test_wrong_crs_is_named(data_copy: Path):
    def to_metres(features):
        features[0]["geometry"]["coordinates"] = [624540.0, 4072449.0]

    _edit_geojson(data_copy / "meal_points.geojson", to_metres)
    assert "meal_points: feature 0 (QL01) has coordinates outside the subdistrict" in _messages(
        data_copy
    )


def test_too_many_decimals_are_named(data_copy: Path):
    def precise(features):
        x, y = features[0]["geometry"]["coordinates"]
        features[0]["geometry"]["coordinates"] = [x + 1.23e-8, y]

    _edit_geojson(data_copy / "solar_lamps.geojson", precise)
    assert "solar_lamps: feature 0 (1) has coordinates with more than 6 decimals" in _messages(
        data_copy
    )


def test_missing_column_is_named(data_copy: Path):
    _edit_geojson(
        data_copy / "projects.geojson", lambda fs: [f["properties"].pop("status") for f in fs]
    )
    assert "[schema] projects: missing column(s) status" in _messages(data_copy)


def test_misquoted_fact_is_named(data_copy: Path):
    path = data_copy / "facts.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("已入驻商家31户", "已入驻商家32户"),
        encoding="utf-8",
    )
    assert "F003: quote is not in the report" in _messages(data_copy)


def test_malformed_json_is_a_message_not_a_traceback(data_copy: Path):
    (data_copy / "roads.geojson").write_text(
        '{"type": "FeatureCollection", "features": [', encoding="utf-8"
    )
    result = _run_check(data_copy)
    assert result.returncode == 1
    assert "roads.geojson: malformed JSON" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["villages.geojson", "trusteeship.csv"])
def test_missing_file_is_named(data_copy: Path, name: str):
    (data_copy / name).unlink()
    assert f"file {name} is missing" in _messages(data_copy)
