"""A small KML reader: placemarks with name, description, extended data and geometry.

GDAL's KML drivers rename non-ASCII ``ExtendedData`` fields (``投资`` becomes ``______``), so
placemarks are read here with the standard library. Documents with a DOCTYPE or entity
declarations are refused (no entity expansion, no external references).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)

from geo.model.errors import DataError

_GEOMETRY_TAGS = ("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _text(el: ET.Element | None) -> str | None:
    return el.text.strip() if el is not None and el.text and el.text.strip() else None


def _coords(el: ET.Element) -> list[tuple[float, float]]:
    node = next((c for c in el.iter() if _local(c.tag) == "coordinates"), None)
    out = []
    for token in (_text(node) or "").split():
        parts = token.split(",")
        try:
            out.append((float(parts[0]), float(parts[1])))
        except (ValueError, IndexError) as exc:
            raise DataError("bad_file", kind="KML", msg=f"coordinates {token!r}") from exc
    if not out:
        raise DataError("bad_file", kind="KML", msg="a geometry has no coordinates")
    return out


def _ring(el: ET.Element | None) -> list[tuple[float, float]] | None:
    ring = None if el is None else _child(el, "LinearRing")
    return None if ring is None else _coords(ring)


def _combine(parts: list):
    kinds = {p.geom_type for p in parts}
    if kinds == {"Point"}:
        return MultiPoint(parts)
    if kinds == {"LineString"}:
        return MultiLineString(parts)
    if kinds <= {"Polygon", "MultiPolygon"}:
        polys = [g for p in parts for g in getattr(p, "geoms", [p])]
        return MultiPolygon(polys)
    return GeometryCollection(parts)


def _geometry(el: ET.Element):
    tag = _local(el.tag)
    if tag == "Point":
        return Point(_coords(el)[0])
    if tag in ("LineString", "LinearRing"):
        return LineString(_coords(el))
    if tag == "Polygon":
        outer = _ring(_child(el, "outerBoundaryIs"))
        if outer is None:
            raise DataError("bad_file", kind="KML", msg="a polygon has no outer boundary")
        holes = [_ring(c) for c in el if _local(c.tag) == "innerBoundaryIs"]
        return Polygon(outer, [h for h in holes if h])
    parts = [_geometry(c) for c in el if _local(c.tag) in _GEOMETRY_TAGS]
    return _combine(parts) if parts else None


def _extended(pm: ET.Element) -> dict:
    out = {}
    for el in pm.iter():
        tag = _local(el.tag)
        if tag == "Data" and el.get("name"):
            out[el.get("name")] = _text(_child(el, "value"))
        elif tag == "SimpleData" and el.get("name"):
            out[el.get("name")] = _text(el)
    return out


def parse_kml(data: bytes) -> tuple[list[dict], list]:
    """Rows (name, description, extended data) and geometries of every placemark."""
    head = data[:65536].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise DataError("kml_dtd")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise DataError("bad_file", kind="KML", msg=str(exc)) from exc
    rows, geoms = [], []
    for pm in (el for el in root.iter() if _local(el.tag) == "Placemark"):
        row = {"name": _text(_child(pm, "name")), "description": _text(_child(pm, "description"))}
        row.update(_extended(pm))
        shapes = [c for c in pm if _local(c.tag) in _GEOMETRY_TAGS]
        rows.append(row)
        geoms.append(_geometry(shapes[0]) if shapes else None)
    return rows, geoms
