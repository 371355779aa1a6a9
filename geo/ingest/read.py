"""Reading uploaded survey files safely: size and zip limits, encodings, one reader per format.

Supported: GeoJSON, zipped Shapefile (``.prj``/``.cpg`` honoured; a GBK/GB18030 ``.dbf``
without ``.cpg`` is detected), zipped File Geodatabase (``.gdb``, GDAL's OpenFileGDB driver),
GeoPackage, KML/KMZ, CSV (UTF-8) and Excel ``.xlsx``. A file with several layers (GeoPackage,
File Geodatabase) or sheets (Excel) lists them in ``Source.layers``; the first spatial layer
(first sheet) is read unless ``layer`` names another. Every
refusal is a ``DataError`` with a sentence in Chinese and English; nothing is written except
into a temporary folder that is removed before returning.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from openpyxl.utils.exceptions import InvalidFileException
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import shape

from geo.ingest.kml import parse_kml
from geo.model.errors import DataError

MAX_MB_ENV = "QILING_IMPORT_MAX_MB"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
ZIP_MAX_MEMBERS = 2000
#: Uncompressed/compressed above this (for members over 1 MB) is treated as a zip bomb.
ZIP_MAX_RATIO = 100
#: Total uncompressed size allowed, as a multiple of the upload limit.
ZIP_TOTAL_FACTOR = 4
_MB = 1024 * 1024
_GEOMETRY_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, shapely.errors.ShapelyError)  # fmt: skip
_GDAL_ERRORS = (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError, pyogrio.errors.GeometryError, pyogrio.errors.CRSError, OSError, ValueError)  # fmt: skip


@dataclass
class Source:
    """What a file holds: its rows (a GeoDataFrame in the file's own CRS, or a table)."""

    name: str
    kind: str
    frame: pd.DataFrame
    crs: CRS | None = None
    encoding: str | None = None
    #: Things worth telling the user: (code, format values) for ``geo.i18n_data.note``.
    notes: list[tuple[str, dict]] = field(default_factory=list)
    #: The layers (or sheets) the file holds, and the one read (None: the file has no choice).
    layers: list[str] = field(default_factory=list)
    layer: str | None = None

    @property
    def has_geometry(self) -> bool:
        return isinstance(self.frame, gpd.GeoDataFrame)


def max_bytes() -> int:
    """The upload limit in bytes: ``QILING_IMPORT_MAX_MB`` or 50 MB."""
    try:
        return int(float(os.environ[MAX_MB_ENV]) * _MB)
    except (KeyError, ValueError):
        return DEFAULT_MAX_BYTES


def read_upload(
    name: str, data: bytes, limit: int | None = None, layer: str | None = None
) -> Source:
    """Read an uploaded file by its name and bytes; ``DataError`` for anything unusable.

    ``layer``: the layer (GeoPackage, File Geodatabase) or sheet (Excel) to read.
    """
    limit = limit or max_bytes()
    if not data:
        raise DataError("empty_file")
    if len(data) > limit:
        raise DataError("too_large", size_mb=len(data) / _MB, limit_mb=limit / _MB)
    ext = Path(name).suffix.lower()
    if ext == ".xls":
        raise DataError("xls_old")
    reader = _READERS.get(ext)
    if reader is None:
        raise DataError("unsupported", ext=ext or name)
    source = reader(name, data, limit, layer)
    if len(source.frame) == 0:
        raise DataError("no_features")
    source.frame = source.frame.reset_index(drop=True)  # row n of the report is row n of the file
    return source


def decode_utf8(name: str, data: bytes) -> str:
    """Text that must be UTF-8 (a BOM is allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError("not_utf8", name=name, pos=exc.start) from exc


def _plain(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _features(obj) -> list:
    kind = obj.get("type") if isinstance(obj, dict) else None
    if kind == "FeatureCollection" and isinstance(obj.get("features"), list):
        return obj["features"]
    if kind == "Feature":
        return [obj]
    if kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"):
        return [{"type": "Feature", "properties": {}, "geometry": obj}]
    raise DataError("not_geojson")


def _geojson(name: str, data: bytes, _limit: int, _layer=None) -> Source:
    try:
        obj = json.loads(decode_utf8(name, data))
    except json.JSONDecodeError as exc:
        raise DataError("malformed_json", line=exc.lineno, msg=exc.msg) from exc
    except RecursionError as exc:
        raise DataError("bad_file", kind="GeoJSON", msg="nested too deeply") from exc
    rows, geoms = [], []
    for i, feat in enumerate(_features(obj), 1):
        if not isinstance(feat, dict):
            raise DataError("not_geojson")
        try:
            geoms.append(shape(feat["geometry"]) if feat.get("geometry") else None)
        except _GEOMETRY_ERRORS as exc:
            raise DataError("bad_geometry", row=i, msg=str(exc)) from exc
        rows.append({k: _plain(v) for k, v in (feat.get("properties") or {}).items()})
    crs = None
    named = ((obj.get("crs") or {}).get("properties") or {}).get("name")
    if named:
        try:
            crs = CRS.from_user_input(named)
        except CRSError as exc:
            raise DataError("unknown_crs", msg=named) from exc
    return Source(name, "geojson", gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms), crs)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DataError("bad_zip") from exc


def check_zip(zf: zipfile.ZipFile, size: int, limit: int) -> list[zipfile.ZipInfo]:
    """The members of a zip after refusing unsafe paths, links and bombs (declared sizes)."""
    infos = zf.infolist()
    if len(infos) > ZIP_MAX_MEMBERS:
        raise DataError("zip_members", n=len(infos), limit=ZIP_MAX_MEMBERS)
    total = 0
    for info in infos:
        raw = info.filename.replace("\\", "/")
        parts = PurePosixPath(raw).parts
        if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":") or ".." in parts:
            raise DataError("zip_unsafe_path", name=info.filename)
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise DataError("zip_unsafe_path", name=info.filename)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _MB and ratio > ZIP_MAX_RATIO:
            raise DataError("zip_ratio", ratio=ratio, limit=ZIP_MAX_RATIO)
    if total > ZIP_TOTAL_FACTOR * limit:
        raise DataError("zip_too_big", size_mb=total / _MB, limit_mb=ZIP_TOTAL_FACTOR * limit / _MB)
    if total > _MB and total / max(size, 1) > ZIP_MAX_RATIO:
        raise DataError("zip_ratio", ratio=total / max(size, 1), limit=ZIP_MAX_RATIO)
    return infos


def extract_zip(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], dest: Path | None, limit: int
) -> None:
    """Stream every member (to ``dest``, or nowhere), counting real bytes: headers can lie."""
    cap, total = ZIP_TOTAL_FACTOR * limit, 0
    for info in (i for i in infos if not i.is_dir()):
        target = None
        if dest is not None:
            target = dest.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        try:
            with zf.open(info) as src, _sink(target) as out:
                while chunk := src.read(_MB):
                    written, total = written + len(chunk), total + len(chunk)
                    if written > max(info.file_size, 1) or total > cap:
                        raise DataError("zip_too_big", size_mb=total / _MB, limit_mb=cap / _MB)
                    out.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise DataError("bad_zip") from exc


def _sink(target: Path | None):
    """The file to unpack into, or a sink that keeps nothing (when only checking sizes)."""
    return open(target, "wb") if target is not None else _Discard()


class _Discard(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        return len(b)


def _gdb_folder(files: list[Path]) -> Path | None:
    """The File Geodatabase folder in an unpacked zip (named ``*.gdb``), if any."""
    tables = [p for p in files if p.suffix.lower() == ".gdbtable"]
    if not tables:
        return None
    folder = tables[0].parent
    if folder.suffix.lower() == ".gdb":
        return folder
    gdb = folder / "upload.gdb"  # zipped without its folder: OpenFileGDB wants a *.gdb folder
    gdb.mkdir()
    for p in files:
        if p.parent == folder:
            p.rename(gdb / p.name)
    return gdb


def _zip(name: str, data: bytes, limit: int, layer: str | None = None) -> Source:
    zf = _open_zip(data)
    with zf, tempfile.TemporaryDirectory(prefix="qiling-import-") as tmp:
        infos = check_zip(zf, len(data), limit)
        extract_zip(zf, infos, Path(tmp), limit)
        files = sorted(
            p for p in Path(tmp).rglob("*")
            if p.is_file() and "__MACOSX" not in p.parts and not p.name.startswith(".")
        )  # fmt: skip
        gdb = _gdb_folder(files)
        if gdb is not None:
            source = _layered(gdb, name, "gdb", "File Geodatabase", layer)
            source.name = f"{name}/{gdb.name}"
            return source
        for ext in (".shp", ".gpkg", ".kml", ".geojson", ".json", ".csv", ".xlsx"):
            found = [p for p in files if p.suffix.lower() == ext]
            if not found:
                continue
            if ext == ".shp":
                source = _shapefile(found[0])
            else:
                source = _READERS[ext](found[0].name, found[0].read_bytes(), limit, layer)
            source.name = f"{name}/{found[0].name}"
            if len(found) > 1:
                source.notes.append(("several_files", {"used": found[0].name, "n": len(found)}))
            return source
    raise DataError("zip_no_data")


def _kmz(name: str, data: bytes, limit: int, _layer=None) -> Source:
    zf = _open_zip(data)
    with zf:
        infos = check_zip(zf, len(data), limit)
        extract_zip(zf, infos, None, limit)
        kmls = sorted((i for i in infos if i.filename.lower().endswith(".kml")),
                      key=lambda i: (i.filename.lower() != "doc.kml", i.filename))  # fmt: skip
        if not kmls:
            raise DataError("zip_no_data")
        return _kml(name, zf.read(kmls[0]), limit)


def _kml(name: str, data: bytes, _limit: int, _layer=None) -> Source:
    rows, geoms = parse_kml(data)
    frame = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs="EPSG:4326")
    return Source(name, "kml", frame, CRS.from_epsg(4326))


def dbf_encoding(dbf: Path, cpg: Path | None) -> tuple[str, str]:
    """The text encoding of a ``.dbf`` and how it was found (cpg, ldid, ascii, utf8, gb18030)."""
    aliases = {"UTF8": "UTF-8", "UTF-8": "UTF-8", "65001": "UTF-8", "GBK": "GB18030", "936": "GB18030",
               "CP936": "GB18030", "GB2312": "GB18030", "GB18030": "GB18030", "88591": "ISO-8859-1"}  # fmt: skip
    if cpg is not None:
        declared = cpg.read_text("ascii", errors="ignore").strip().upper()
        if declared in aliases:
            return aliases[declared], "cpg"
    data = dbf.read_bytes()
    if len(data) > 29 and data[29] in (0x4D, 0x7A):  # language driver: code page 936 (GBK)
        return "GB18030", "ldid"
    header = int.from_bytes(data[8:10], "little") if len(data) > 10 else len(data)
    names = [data[i : i + 11].split(b"\0")[0] for i in range(32, max(header - 1, 32), 32)]
    sample = b"\n".join(names) + data[header:].rstrip(b"\x1a")
    if sample.isascii():
        return "UTF-8", "ascii"
    non_ascii = sum(b >= 0x80 for b in sample)
    # GBK text read as UTF-8 fails on nearly every character; UTF-8 cut at a field's width
    # fails at most once per value. GB18030 accepts most byte strings, so UTF-8 goes first.
    if sample.decode("utf-8", errors="replace").count("\ufffd") * 20 < non_ascii:
        return "UTF-8", "utf8"
    if sample.decode("gb18030", errors="replace").count("\ufffd") * 20 < non_ascii:
        return "GB18030", "gb18030"
    return "ISO-8859-1", "fallback"


def _sibling(shp: Path, ext: str) -> Path | None:
    for p in shp.parent.iterdir():
        if p.stem == shp.stem and p.suffix.lower() == ext:
            return p
    return None


def _shapefile(shp: Path) -> Source:
    missing = [ext for ext in (".dbf", ".shx") if _sibling(shp, ext) is None]
    if missing:
        raise DataError("shp_incomplete", name=shp.name, missing=", ".join(missing))
    encoding, how = dbf_encoding(_sibling(shp, ".dbf"), _sibling(shp, ".cpg"))
    try:
        frame = pyogrio.read_dataframe(shp, encoding=encoding)
    except _GDAL_ERRORS as exc:
        raise DataError("bad_file", kind="Shapefile", msg=str(exc)) from exc
    notes = [("encoding", {"encoding": encoding, "how": how})]
    if _sibling(shp, ".prj") is None:
        notes.append(("no_prj", {}))
    return Source(shp.name, "shapefile", frame, frame.crs, encoding, notes)


def _gpkg(name: str, data: bytes, _limit: int, layer: str | None = None) -> Source:
    if not data.startswith(b"SQLite format 3\x00"):
        raise DataError("bad_file", kind="GeoPackage", msg="not an SQLite file")
    with tempfile.TemporaryDirectory(prefix="qiling-import-") as tmp:
        path = Path(tmp) / "upload.gpkg"
        path.write_bytes(data)
        return _layered(path, name, "gpkg", "GeoPackage", layer)


def _layered(path: Path, name: str, kind: str, label: str, layer: str | None) -> Source:
    """One layer of a multi-layer file (spatial layers first, then attribute tables)."""
    try:
        listed = pyogrio.list_layers(path)
        layers = [str(n) for n, g in listed if g] + [str(n) for n, g in listed if not g]
        if not layers:
            raise DataError("no_features")
        if layer is not None and layer not in layers:
            raise DataError("no_such_layer", layer=layer, layers="、".join(layers))
        chosen = layer or layers[0]
        frame = pyogrio.read_dataframe(path, layer=chosen)
    except DataError:
        raise
    except _GDAL_ERRORS as exc:
        raise DataError("bad_file", kind=label, msg=str(exc)) from exc
    notes = [("several_layers", {"used": chosen, "n": len(layers)})] if len(layers) > 1 else []
    crs = frame.crs if isinstance(frame, gpd.GeoDataFrame) else None
    return Source(name, kind, frame, crs, notes=notes, layers=layers, layer=chosen)


def _csv(name: str, data: bytes, _limit: int, _layer=None) -> Source:
    text = decode_utf8(name, data)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, sep=None, engine="python")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, csv.Error) as exc:
        raise DataError("bad_file", kind="CSV", msg=str(exc)) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return Source(name, "csv", frame, encoding="UTF-8")


def _xlsx(name: str, data: bytes, limit: int, sheet: str | None = None) -> Source:
    zf = _open_zip(data)
    with zf:
        extract_zip(zf, check_zip(zf, len(data), limit), None, limit)
    try:
        with pd.ExcelFile(io.BytesIO(data), engine="openpyxl") as book:
            sheets = [str(s) for s in book.sheet_names]
            if sheet is not None and sheet not in sheets:
                raise DataError("no_such_layer", layer=sheet, layers="、".join(sheets))
            sheet = sheet or sheets[0]
            frame = pd.read_excel(book, sheet_name=sheet, dtype=object)
    except DataError:
        raise
    except (
        ValueError,
        KeyError,
        OSError,
        TypeError,
        zipfile.BadZipFile,
        InvalidFileException,
    ) as exc:
        raise DataError("bad_file", kind="Excel", msg=str(exc)) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    notes = [("several_sheets", {"used": sheet, "n": len(sheets)})] if len(sheets) > 1 else []
    return Source(name, "xlsx", frame.dropna(how="all"), notes=notes, layers=sheets, layer=sheet)


_READERS = {
    ".geojson": _geojson, ".json": _geojson, ".zip": _zip, ".kmz": _kmz, ".kml": _kml,
    ".gpkg": _gpkg, ".csv": _csv, ".txt": _csv, ".xlsx": _xlsx,
}  # fmt: skip
