"""Bad input is refused with a clear sentence (zh and en) and writes nothing.

Every case runs the whole import (read, detect, preview, commit) and compares a checksum of all
tables of the store before and after.
"""

from __future__ import annotations

import io
import json
import random
import zipfile

import openpyxl
import pytest

from geo.i18n import DATA_STRINGS, ERRORS, ISSUES, NOTES
from geo.ingest import pipeline as importer
from geo.maps.mapping import build_map
from geo.maps.options import MapOptions
from geo.model.errors import DataError
from geo.store.export import xlsx_bytes
from geo.store.users import User
from tests.test_import import zip_of

EDITOR = User("editor1", "editor")
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def attempt(
    store, name: str, data: bytes, target: str = "projects", limit: int | None = None
) -> DataError:
    """Run the whole import; return the refusal, after checking the store is unchanged."""
    before = store.checksum()
    frames = store.frames()
    with pytest.raises(DataError) as err:
        source = importer.read_upload(name, data, limit)
        proposal = importer.propose(source, target, frames)
        proposal.plan.defaults = {"category": "livelihood", "status": "planned", "year": 2024}
        importer.commit(importer.prepare(source, proposal.plan, frames), store, EDITOR)
    assert store.checksum() == before
    exc = err.value
    assert exc.zh and exc.en and exc.zh != exc.en
    return exc


def _fc(geometry: dict, **props) -> bytes:
    feature = {"type": "Feature", "properties": {"名称": "测试", **props}, "geometry": geometry}
    return json.dumps(
        {"type": "FeatureCollection", "features": [feature]}, ensure_ascii=False
    ).encode()


POINT = {"type": "Point", "coordinates": [118.375, 36.805]}


def test_malformed_json(store):
    exc = attempt(store, "bad.geojson", b'{"type": "FeatureCollection", "features": [\n{"type": ')
    assert exc.code == "malformed_json" and "line 2" in exc.en and "第 2 行" in exc.zh


def test_not_geojson(store):
    assert attempt(store, "x.json", b'{"hello": 1}').code == "not_geojson"


def test_unreadable_geometry(store):
    exc = attempt(store, "x.geojson", _fc({"type": "Point", "coordinates": "east"}))
    assert exc.code == "bad_geometry" and "Feature 1" in exc.en


def test_empty_file(store):
    exc = attempt(store, "empty.geojson", b"")
    assert exc.code == "empty_file" and exc.en == "The file is empty; nothing was written."


def test_a_file_without_features(store):
    assert (
        attempt(store, "none.geojson", b'{"type":"FeatureCollection","features":[]}').code
        == "no_features"
    )


def test_wrong_geometry_type(store):
    square = {
        "type": "Polygon",
        "coordinates": [
            [[118.375, 36.805], [118.385, 36.805], [118.385, 36.815], [118.375, 36.805]]
        ],
    }
    exc = attempt(
        store,
        "meals.geojson",
        _fc(square, name="助餐点", village_code="QL01", village="杨西"),
        target="meal_points",
    )
    assert exc.code == "import_blocked"
    assert (
        "record 1: geometry is a Polygon; layer meal_points needs Point/MultiPoint"
        in exc.detail_lines("en")
    )
    assert (
        "第 1 条：几何类型为 Polygon，图层 meal_points 需要 Point/MultiPoint"
        in exc.detail_lines("zh")
    )


def test_file_over_the_size_limit(store, monkeypatch):
    data = _fc(POINT, note="x" * 5000)
    exc = attempt(store, "big.geojson", data, limit=4096)
    assert exc.code == "too_large" and "4096" not in exc.en and "limit" in exc.en
    monkeypatch.setenv("QILING_IMPORT_MAX_MB", "0.001")
    assert attempt(store, "big.geojson", data).code == "too_large"


@pytest.mark.parametrize(
    "name", ["../evil.shp", "folder/../../evil.dbf", "/etc/evil.shp", "C:/evil.shp", "..\\evil.shx"]
)
def test_zip_with_unsafe_paths(store, name):
    exc = attempt(store, "evil.zip", zip_of({name: b"x", "ok.txt": b"y"}))
    assert exc.code == "zip_unsafe_path" and name in exc.en


def test_zip_with_a_symlink(store):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("link.shp")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    assert attempt(store, "link.zip", buf.getvalue()).code == "zip_unsafe_path"


def test_zip_bomb_by_ratio(store):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("bomb.csv", b"0" * (60 * 1024 * 1024))
    assert len(buf.getvalue()) < 1024 * 1024
    exc = attempt(store, "bomb.zip", buf.getvalue())
    assert exc.code == "zip_ratio" and "zip bomb" in exc.en and "压缩炸弹" in exc.zh


def test_zip_bomb_by_total_size(store):
    rng = random.Random(1)
    text = "".join(rng.choice("ab") for _ in range(10 * 1024 * 1024)).encode()
    data = zip_of({"big.csv": text})
    assert len(data) < 2 * 1024 * 1024  # about 7:1, below the ratio cap
    exc = attempt(store, "big.zip", data, limit=2 * 1024 * 1024)
    assert exc.code == "zip_too_big" and "8 MB" in exc.en


def test_xlsx_is_checked_like_a_zip(store):
    assert attempt(store, "x.xlsx", b"PK\x03\x04 not really").code == "bad_zip"


def test_non_utf8_text(store):
    csv = "名称,经度,纬度\n测试,118.375,36.805\n".encode("gbk")
    exc = attempt(store, "gbk.csv", csv)
    assert exc.code == "not_utf8" and "UTF-8" in exc.en and "gbk.csv" in exc.zh
    assert attempt(store, "gbk.geojson", _fc(POINT).decode().encode("gb18030")).code == "not_utf8"


def test_kml_entities_are_refused(store):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
              b"<kml><Placemark><name>&b;</name><Point><coordinates>118.375,36.805</coordinates></Point></Placemark></kml>")  # fmt: skip
    assert attempt(store, "laughs.kml", laughs).code == "kml_dtd"


def test_malformed_kml(store):
    assert attempt(store, "bad.kml", b"<kml><Placemark><name>x</name>").code == "bad_file"


def test_unsupported_and_old_formats(store):
    assert attempt(store, "report.docx", b"PK...").code == "unsupported"
    assert attempt(store, "old.xls", b"\xd0\xcf\x11\xe0").code == "xls_old"


def test_shapefile_missing_its_dbf(store):
    exc = attempt(store, "part.zip", zip_of({"a.shp": b"\0" * 100, "a.shx": b"\0" * 100}))
    assert exc.code == "shp_incomplete" and ".dbf" in exc.en


def test_table_without_coordinates_for_a_layer(store):
    exc = attempt(store, "names.csv", "名称,投资\n测试,1\n".encode())
    assert exc.code == "no_coordinates"


def test_missing_required_fields_block_the_commit(store):
    before = store.checksum()
    frames = store.frames()
    source = importer.read_upload("x.geojson", _fc(POINT))
    preview = importer.prepare(source, importer.propose(source, "projects", frames).plan, frames)
    missing = {dict(i.fmt)["col"] for i in preview.errors if i.code == "missing_required"}
    assert missing == {"category", "year", "status"}
    with pytest.raises(DataError, match="nothing was written"):
        importer.commit(preview, store, EDITOR)
    assert store.checksum() == before


def test_duplicate_ids_and_bad_choices_are_errors(store):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"project_id": "a-2024", "名称": "甲", "年度": 2024, "类别": "月球基地", "状态": "计划"}, "geometry": POINT},
        {"type": "Feature", "properties": {"project_id": "a-2024", "名称": "乙", "年度": 2024, "类别": "民生", "状态": "计划"}, "geometry": POINT},
    ]}  # fmt: skip
    frames = store.frames()
    source = importer.read_upload("d.geojson", json.dumps(fc, ensure_ascii=False).encode())
    preview = importer.prepare(source, importer.propose(source, "projects", frames).plan, frames)
    codes = {i.code for i in preview.errors}
    assert {"duplicate_id", "bad_choice"} <= codes
    assert "月球基地" in next(i for i in preview.errors if i.code == "bad_choice").message("zh")


def test_html_and_formulas_in_names_stay_text(store):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"名称": HOSTILE, "年度": 2024}, "geometry": POINT},
        {"type": "Feature", "properties": {"名称": "=1+1", "年度": 2024}, "geometry": {"type": "Point", "coordinates": [118.385, 36.815]}},
    ]}  # fmt: skip
    frames = store.frames()
    source = importer.read_upload("h.geojson", json.dumps(fc).encode())
    plan = importer.propose(source, "projects", frames).plan
    plan.defaults = {"category": "livelihood", "status": "planned"}
    plan.source = "gps"
    preview = importer.prepare(source, plan, frames)
    assert {i.code for i in preview.issues} >= {"markup", "formula_text"} and preview.ok
    importer.commit(preview, store, EDITOR)
    projects = store.layer("projects")
    assert {HOSTILE, "=1+1"} <= set(projects["name"])
    html = build_map(store.frames(), MapOptions()).get_root().render()
    assert HOSTILE not in html and "\\u0026lt;script\\u0026gt;alert(" in html  # escaped once
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"projects": projects})))
    names = [row[2].value for row in wb["projects"].iter_rows(min_row=2)]
    assert HOSTILE in names and "'=1+1" in names and "=1+1" not in names


def test_every_message_exists_in_both_languages():
    for table in (ERRORS, ISSUES, NOTES, DATA_STRINGS):
        for key, pair in table.items():
            assert len(pair) == 2 and all(pair), key


def test_corrupt_zip_member(store):
    data = bytearray(zip_of({"a.csv": b"name,lon,lat\n" + b"x,118.375,36.805\n" * 2000}))
    data[60:90] = b"\xff" * 30  # inside the compressed stream of the first member
    assert attempt(store, "broken.zip", bytes(data)).code == "bad_zip"


def test_a_wrong_crs_choice_puts_everything_outside(store):
    frames = store.frames()
    source = importer.read_upload("x.geojson", _fc(POINT, 年度=2024, 类别="民生", 状态="计划"))
    plan = importer.propose(source, "projects", frames).plan
    plan.crs = "EPSG:4548"  # degrees read as metres
    outside = [i for i in importer.prepare(source, plan, frames).issues if i.code == "outside"]
    assert outside and outside[0].severity == "warning"
    plan.crs = "not a crs"
    with pytest.raises(DataError) as err:
        importer.prepare(source, plan, frames)
    assert err.value.code == "unknown_crs"
