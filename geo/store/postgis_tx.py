"""Writes of the PostGIS store: one ``PostgisTransaction`` per commit, every change audited.

The same records and audit entries as ``geo.store.sqlite_tx``: a record is audited as its
properties plus ``geometry`` as GeoJSON; account changes under the pseudo-layer ``_users``
without the password hash. A record's ``version`` is the id of the commit that last changed it;
a write based on an older version raises ``ConflictError`` (as on SQLite), and a write of equal
values writes nothing. Geometry goes in as EWKB with SRID 4326; bulk seeding uses ``COPY``.
"""

from __future__ import annotations

import json

import numpy as np
import shapely
from psycopg import Connection
from psycopg.types.json import Jsonb

from geo.model.errors import ConflictError
from geo.store.describe import conflict_details
from geo.store.interface import (
    NEW_RECORD,
    Change,
    Transaction,
    clean_value,
    frame_rows,
    geometry_json,
    key_columns,
    key_text,
    same_props,
)
from geo.store.sqlite_tx import USERS_LAYER, may_lack_geometry, now, same_geometry

#: The advisory lock every writer holds until its commit (commits land one at a time).
WRITE_LOCK = 0x51494C47  # "QILG"
#: Rows per ``COPY`` batch of a bulk insert (bounds the memory of a large import).
CHUNK = 50_000


def ordered(props: dict | None, columns: list[str]) -> dict | None:
    """JSONB keeps no key order: the layer's columns first, in order, then the rest."""
    if props is None:
        return None
    head = {c: props[c] for c in columns if c in props}
    return head | {k: v for k, v in props.items() if k not in head}


def ewkb(geom) -> bytes | None:
    """A geometry as EWKB with SRID 4326 (None stays None)."""
    if geom is None:
        return None
    return shapely.to_wkb(shapely.set_srid(geom, 4326), include_srid=True)


def _wkb(blob) -> bytes | None:
    """Plain WKB of a stored geometry, as the SQLite backend keeps it (for comparisons)."""
    return None if blob is None else shapely.to_wkb(shapely.from_wkb(bytes(blob)))


def _snapshot(props: dict, wkb: bytes | None) -> dict:
    out = dict(props)
    if wkb is not None:
        out["geometry"] = geometry_json(shapely.from_wkb(wkb))
    return out


def _json(obj):
    return None if obj is None else Jsonb(obj)


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def _text_json(text: str) -> Jsonb:
    """JSON already serialised, sent as it is."""
    return Jsonb(text, dumps=lambda t: t)


def _geom_or_none(geom):
    return None if geom is None or geom.is_empty else geom


def _with_geometry(props_json: str, geojson: str | None) -> str:
    """``{…props, "geometry": {…}}`` as text (the audited snapshot of a new record)."""
    if geojson is None:
        return props_json
    sep = "" if props_json == "{}" else ","
    return f'{props_json[:-1]}{sep}"geometry":{geojson}}}'


class PostgisTransaction(Transaction):
    """Writes of one commit on one connection (inside ``BEGIN`` … ``COMMIT``)."""

    def __init__(self, conn: Connection, commit_id: int, kind: str):
        self.conn, self.commit_id, self.kind = conn, commit_id, kind
        self.count = 0
        self._touched: set[str] = set()

    def _info(self, layer: str) -> tuple[str, list[str], tuple[str, ...]]:
        row = self.conn.execute(
            "SELECT kind, columns, key_columns FROM layers WHERE name = %s", (layer,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no layer or table named {layer!r} in the store")
        return row[0], row[1], tuple(row[2])

    def _next_pos(self, layer: str) -> int:
        return self.conn.execute(
            "SELECT COALESCE(MAX(pos), -1) + 1 FROM records WHERE layer = %s", (layer,)
        ).fetchone()[0]

    def _rid(self, layer: str, keys: tuple[str, ...], props: dict) -> str:
        if not keys:
            return f"#{self._next_pos(layer)}"
        values = [key_text(props.get(c)) for c in keys]
        for col, value in zip(keys, values):
            if not value:
                raise ValueError(f"{layer}: a record has no {col}")
        return "|".join(values)

    def _audit(self, layer, rid, pos, op, before, after) -> None:
        self.conn.execute(
            "INSERT INTO audit (commit_id, layer, rid, pos, op, before, after) "
            "VALUES (%s,%s,%s,%s,%s,%s,%s)",
            (self.commit_id, layer, rid, pos, op, _json(before), _json(after)),
        )
        self.count += 1
        if layer not in self._touched and self.kind != "seed":
            self._touched.add(layer)
            self.conn.execute("UPDATE layers SET edited = true WHERE name = %s", (layer,))

    def _current(self, layer: str, rid: str):
        """(pos, props, plain WKB, version) of a record, or None."""
        row = self.conn.execute(
            "SELECT pos, props, ST_AsEWKB(geom), version FROM records WHERE layer = %s AND rid = %s",
            (layer, rid),
        ).fetchone()
        return None if row is None else (row[0], row[1], _wkb(row[2]), row[3])

    def _check_version(self, layer: str, rid: str, old, expected: int | None) -> None:
        """``ConflictError`` (who changed what, when) if the record is not at ``expected``."""
        current = NEW_RECORD if old is None else old[3]
        if expected is None or current == expected:
            return
        rows = self.conn.execute(
            'SELECT a.id, a.commit_id, c."user", c.at, c.reason, c.kind, a.layer, a.rid, a.op, '
            "a.before, a.after FROM audit a JOIN commits c ON c.id = a.commit_id "
            "WHERE a.layer = %s AND a.rid = %s AND a.commit_id > %s ORDER BY a.id",
            (layer, rid, expected),
        ).fetchall()
        raise ConflictError(layer, rid, conflict_details([Change(*r) for r in rows]))

    def record(self, layer: str, record_id: str) -> tuple[dict, int] | None:
        _kind, columns, _keys = self._info(layer)
        old = self._current(layer, record_id)
        if old is None:
            return None
        row = ordered(old[1], columns)
        if old[2] is not None:
            row["geometry"] = shapely.from_wkb(old[2])
        return row, old[3]

    def put(self, layer: str, row: dict, record_id: str | None = None,
            expected_version: int | None = None) -> str:  # fmt: skip
        kind, columns, keys = self._info(layer)
        props = {k: clean_value(v) for k, v in row.items() if k != "geometry"}
        geom = row.get("geometry")
        unlocated = geom is None or geom.is_empty
        if kind == "layer" and unlocated and not may_lack_geometry(layer, props):
            raise ValueError(f"{layer}: a record has no geometry")
        wkb = shapely.to_wkb(geom) if kind == "layer" and not unlocated else None
        rid = record_id or self._rid(layer, keys, props)
        old = self._current(layer, rid)
        if old is not None and same_props(old[1], props) and same_geometry(old[2], wkb):
            return rid
        self._check_version(layer, rid, old, expected_version)
        pos = old[0] if old is not None else self._next_pos(layer)
        self.conn.execute(
            "INSERT INTO records (layer, rid, pos, props, geom, version) "
            "VALUES (%s,%s,%s,%s,ST_GeomFromEWKB(%s),%s) ON CONFLICT (layer, rid) DO UPDATE SET "
            "props = excluded.props, geom = excluded.geom, version = excluded.version",
            (layer, rid, pos, Jsonb(props), ewkb(geom) if wkb is not None else None,
             self.commit_id),
        )  # fmt: skip
        before = _snapshot(ordered(old[1], columns), old[2]) if old is not None else None
        self._audit(layer, rid, pos, "update" if old else "insert", before, _snapshot(props, wkb))
        extra = [k for k in props if k not in columns]
        if extra:
            self.conn.execute(
                "UPDATE layers SET columns = %s WHERE name = %s", (Jsonb(columns + extra), layer)
            )
        return rid

    def delete(self, layer: str, record_id: str, expected_version: int | None = None) -> None:
        _kind, columns, _keys = self._info(layer)
        old = self._current(layer, record_id)
        if old is None:
            return
        self._check_version(layer, record_id, old, expected_version)
        self.conn.execute("DELETE FROM records WHERE layer = %s AND rid = %s", (layer, record_id))
        before = _snapshot(ordered(old[1], columns), old[2])
        self._audit(layer, record_id, old[0], "delete", before, None)

    def replace_layer(self, layer: str, frame) -> None:
        _kind, _columns, keys = self._info(layer)
        rows = frame_rows(frame)
        if keys:
            rids = [self._rid(layer, keys, r) for r in rows]
        else:
            rids = [f"#{i}" for i in range(len(rows))]
        if len(set(rids)) != len(rids):
            raise ValueError(f"{layer}: duplicate record ids in the replacement")
        keep = set(rids)
        for (rid,) in self.conn.execute(
            "SELECT rid FROM records WHERE layer = %s ORDER BY pos", (layer,)
        ).fetchall():
            if rid not in keep:
                self.delete(layer, rid)
        for rid, row in zip(rids, rows):
            self.put(layer, row, rid)

    def set_layer_meta(self, layer: str, meta: dict) -> None:
        self._info(layer)
        (old,) = self.conn.execute("SELECT meta FROM layers WHERE name = %s", (layer,)).fetchone()
        merged = old | {k: clean_value(v) for k, v in meta.items()}
        self.conn.execute("UPDATE layers SET meta = %s WHERE name = %s", (Jsonb(merged), layer))

    def put_user(self, username: str, fields: dict) -> None:
        old = self.conn.execute(
            "SELECT role, pw_hash, active FROM users WHERE username = %s", (username,)
        ).fetchone()
        new = {"role": fields.get("role", old and old[0]), "active": int(fields.get("active", old[2] if old else 1)),
               "pw_hash": fields.get("pw_hash", old and old[1])}  # fmt: skip
        if not new["role"] or not new["pw_hash"]:
            raise ValueError(f"account {username!r} needs a role and a password")
        self.conn.execute(
            "INSERT INTO users (username, role, pw_hash, active, created_at, created_by) "
            "VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (username) DO UPDATE SET "
            "role = excluded.role, pw_hash = excluded.pw_hash, active = excluded.active",
            (username, new["role"], new["pw_hash"], new["active"], now(), fields.get("by", "")),
        )
        public = lambda r: {"username": username, "role": r[0], "active": bool(r[2])}  # noqa: E731
        after = public((new["role"], None, new["active"]))
        if old is not None and old[1] != new["pw_hash"]:
            after["password"] = "changed"
        self._audit(USERS_LAYER, username, None, "update" if old else "insert",
                    public(old) if old else None, after)  # fmt: skip

    def create_layer(self, name: str, kind: str, frame, position: int,
                     source: tuple[str, str] | None = None) -> None:  # fmt: skip
        """Add a layer and its rows in bulk (seeding, large imports), through ``COPY`` in chunks."""
        keys = key_columns(name)
        rids = []
        if keys and all(c in frame.columns for c in keys):
            values = zip(*(frame[c].tolist() for c in keys))
            rids = ["|".join(key_text(v) for v in vals) for vals in values]
        if not keys or not rids or "" in rids or len(set(rids)) != len(rids):
            keys, rids = (), [f"#{i}" for i in range(len(frame))]
        columns = [c for c in frame.columns if c != "geometry"]
        self.conn.execute(
            "INSERT INTO layers (name, kind, position, columns, key_columns, source_file, "
            "source_hash) VALUES (%s,%s,%s,%s,%s,%s,%s)",
            (name, kind, position, Jsonb(columns), Jsonb(list(keys)), *(source or (None, None))),
        )
        for start in range(0, len(frame), CHUNK):
            rows = frame_rows(frame.iloc[start : start + CHUNK])
            self.bulk_insert(name, list(zip(rids[start : start + CHUNK], rows)), start)
        self.count += 1

    def bulk_insert(self, layer: str, items: list[tuple[str, dict]], start: int = 0) -> None:
        """Insert new records (rid, row with ``geometry``) at positions from ``start``; audited.

        Geometries are encoded in one vectorised call each (EWKB for the column, GeoJSON for
        the audit, the same numbers as ``geometry_json``); the JSON goes in as text.
        """
        rows = [dict(row) for _, row in items]
        geoms = np.array([_geom_or_none(r.pop("geometry", None)) for r in rows], dtype=object)
        blobs = shapely.to_wkb(shapely.set_srid(geoms, 4326), include_srid=True)
        shapes = shapely.to_geojson(geoms)
        props = [_dumps(r) for r in rows]
        with self.conn.cursor() as cur:
            with cur.copy(
                "COPY records (layer, rid, pos, props, geom, version) FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(["text", "text", "int4", "jsonb", "bytea", "int4"])
                for pos, (rid, _row) in enumerate(items, start):
                    i = pos - start
                    row = (layer, rid, pos, _text_json(props[i]), blobs[i], self.commit_id)
                    copy.write_row(row)
            with cur.copy(
                "COPY audit (commit_id, layer, rid, pos, op, after) FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(["int8", "text", "text", "int4", "text", "jsonb"])
                for pos, (rid, _row) in enumerate(items, start):
                    i = pos - start
                    after = _with_geometry(props[i], shapes[i])
                    copy.write_row((self.commit_id, layer, rid, pos, "insert", _text_json(after)))
        self.count += len(items)

    def drop_layer(self, name: str) -> None:
        """Delete every record (audited) and the layer entry (before re-seeding it)."""
        for (rid,) in self.conn.execute(
            "SELECT rid FROM records WHERE layer = %s", (name,)
        ).fetchall():
            self.delete(name, rid)
        self.conn.execute("DELETE FROM layers WHERE name = %s", (name,))
        self.count += 1
