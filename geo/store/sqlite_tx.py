"""Writes of the SQLite store: one ``SqliteTransaction`` per commit, every change audited.

A record is audited as its properties plus ``geometry`` as GeoJSON; account changes are audited
under the pseudo-layer ``_users`` without the password hash.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

import pandas as pd
import shapely

from geo.model.errors import ConflictError
from geo.model.schema import SCHEMAS, is_unlocated
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

USERS_LAYER = "_users"


def now() -> str:
    """The current time, UTC, to the second (ISO 8601)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(obj) -> str | None:
    return None if obj is None else json.dumps(obj, ensure_ascii=False, allow_nan=False)


def may_lack_geometry(layer: str, props: dict) -> bool:
    """A record flagged as having no site yet (e.g. ``site_undecided``) may have no geometry."""
    schema = SCHEMAS.get(layer)
    return schema is not None and is_unlocated(schema, props)


def same_geometry(old: bytes | None, new: bytes | None) -> bool:
    """Equal WKB, or the same coordinates to 1e-9 degrees (a file read again)."""
    if old == new:
        return True
    if old is None or new is None:
        return False
    return bool(shapely.equals_exact(shapely.from_wkb(old), shapely.from_wkb(new), 1e-9))


def _snapshot(props: dict, wkb: bytes | None) -> dict:
    """A record as audited: its properties plus ``geometry`` as GeoJSON (layers only)."""
    out = dict(props)
    if wkb is not None:
        out["geometry"] = geometry_json(shapely.from_wkb(wkb))
    return out


class SqliteTransaction(Transaction):
    """Writes of one commit on one connection (``BEGIN IMMEDIATE`` … ``COMMIT``)."""

    def __init__(self, conn: sqlite3.Connection, commit_id: int, kind: str):
        self.conn, self.commit_id, self.kind = conn, commit_id, kind
        self.count = 0
        self._touched: set[str] = set()

    def _info(self, layer: str) -> tuple[str, list[str], tuple[str, ...]]:
        row = self.conn.execute(
            "SELECT kind, columns, key_columns FROM layers WHERE name = ?", (layer,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no layer or table named {layer!r} in the store")
        return row[0], json.loads(row[1]), tuple(json.loads(row[2]))

    def _rid(self, layer: str, keys: tuple[str, ...], props: dict) -> str:
        if not keys:
            (top,) = self.conn.execute(
                "SELECT COALESCE(MAX(pos), -1) + 1 FROM records WHERE layer = ?", (layer,)
            ).fetchone()
            return f"#{top}"
        values = [key_text(props.get(c)) for c in keys]
        for col, value in zip(keys, values):
            if not value:
                raise ValueError(f"{layer}: a record has no {col}")
        return "|".join(values)

    def _audit(self, layer, rid, pos, op, before, after) -> None:
        self.conn.execute(
            "INSERT INTO audit (commit_id, layer, rid, pos, op, before, after) VALUES (?,?,?,?,?,?,?)",
            (self.commit_id, layer, rid, pos, op, _dumps(before), _dumps(after)),
        )
        self.count += 1
        if layer not in self._touched and self.kind != "seed":
            self._touched.add(layer)
            self.conn.execute("UPDATE layers SET edited = 1 WHERE name = ?", (layer,))

    def _current(self, layer: str, rid: str):
        return self.conn.execute(
            "SELECT pos, props, geom, version FROM records WHERE layer = ? AND rid = ?",
            (layer, rid),
        ).fetchone()

    def _check_version(self, layer: str, rid: str, old, expected: int | None) -> None:
        """``ConflictError`` (who changed what, when) if the record is not at ``expected``."""
        current = NEW_RECORD if old is None else old[3]
        if expected is None or current == expected:
            return
        rows = self.conn.execute(
            "SELECT a.id, a.commit_id, c.user, c.at, c.reason, c.kind, a.layer, a.rid, a.op, "
            "a.before, a.after FROM audit a JOIN commits c ON c.id = a.commit_id "
            "WHERE a.layer = ? AND a.rid = ? AND a.commit_id > ? ORDER BY a.id",
            (layer, rid, expected),
        ).fetchall()
        changes = [
            Change(*r[:9], json.loads(r[9]) if r[9] else None, json.loads(r[10]) if r[10] else None)
            for r in rows
        ]
        raise ConflictError(layer, rid, conflict_details(changes))

    def record(self, layer: str, record_id: str) -> tuple[dict, int] | None:
        self._info(layer)
        old = self._current(layer, record_id)
        if old is None:
            return None
        row = json.loads(old[1])
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
        if old is not None and same_props(json.loads(old[1]), props) and same_geometry(old[2], wkb):
            return rid
        self._check_version(layer, rid, old, expected_version)
        if old is not None:
            pos = old[0]
        else:
            (pos,) = self.conn.execute(
                "SELECT COALESCE(MAX(pos), -1) + 1 FROM records WHERE layer = ?", (layer,)
            ).fetchone()
        self.conn.execute(
            "INSERT INTO records (layer, rid, pos, props, geom, version) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (layer, rid) DO UPDATE SET props = excluded.props, geom = excluded.geom, "
            "version = excluded.version",
            (layer, rid, pos, _dumps(props), wkb, self.commit_id),
        )
        before = _snapshot(json.loads(old[1]), old[2]) if old is not None else None
        self._audit(layer, rid, pos, "update" if old else "insert", before, _snapshot(props, wkb))
        extra = [k for k in props if k not in columns]
        if extra:
            self.conn.execute(
                "UPDATE layers SET columns = ? WHERE name = ?", (_dumps(columns + extra), layer)
            )
        return rid

    def delete(self, layer: str, record_id: str, expected_version: int | None = None) -> None:
        self._info(layer)
        old = self._current(layer, record_id)
        if old is None:
            return
        self._check_version(layer, record_id, old, expected_version)
        self.conn.execute("DELETE FROM records WHERE layer = ? AND rid = ?", (layer, record_id))
        self._audit(layer, record_id, old[0], "delete", _snapshot(json.loads(old[1]), old[2]), None)

    def replace_layer(self, layer: str, frame: pd.DataFrame) -> None:
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
            "SELECT rid FROM records WHERE layer = ? ORDER BY pos", (layer,)
        ).fetchall():
            if rid not in keep:
                self.delete(layer, rid)
        for rid, row in zip(rids, rows):
            self.put(layer, row, rid)

    def set_layer_meta(self, layer: str, meta: dict) -> None:
        self._info(layer)
        (old,) = self.conn.execute("SELECT meta FROM layers WHERE name = ?", (layer,)).fetchone()
        merged = json.loads(old) | {k: clean_value(v) for k, v in meta.items()}
        self.conn.execute("UPDATE layers SET meta = ? WHERE name = ?", (_dumps(merged), layer))

    def put_user(self, username: str, fields: dict) -> None:
        old = self.conn.execute(
            "SELECT role, pw_hash, active FROM users WHERE username = ?", (username,)
        ).fetchone()
        new = {"role": fields.get("role", old and old[0]), "active": int(fields.get("active", old[2] if old else 1)),
               "pw_hash": fields.get("pw_hash", old and old[1])}  # fmt: skip
        if not new["role"] or not new["pw_hash"]:
            raise ValueError(f"account {username!r} needs a role and a password")
        self.conn.execute(
            "INSERT INTO users (username, role, pw_hash, active, created_at, created_by) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (username) DO UPDATE SET role = excluded.role, pw_hash = excluded.pw_hash, "
            "active = excluded.active",
            (username, new["role"], new["pw_hash"], new["active"], now(), fields.get("by", "")),
        )
        public = lambda r: {"username": username, "role": r[0], "active": bool(r[2])}  # noqa: E731
        after = public((new["role"], None, new["active"]))
        if old is not None and old[1] != new["pw_hash"]:
            after["password"] = "changed"
        self._audit(USERS_LAYER, username, None, "update" if old else "insert",
                    public(old) if old else None, after)  # fmt: skip

    def create_layer(self, name: str, kind: str, frame: pd.DataFrame, position: int,
                     source: tuple[str, str] | None = None) -> None:  # fmt: skip
        """Add a layer and its rows in bulk (seeding from ``data/``)."""
        rows = frame_rows(frame)
        keys = key_columns(name)
        rids = ["|".join(key_text(r.get(c)) for c in keys) for r in rows] if keys else []
        if not keys or "" in rids or len(set(rids)) != len(rids):
            keys, rids = (), [f"#{i}" for i in range(len(rows))]
        columns = [c for c in frame.columns if c != "geometry"]
        self.conn.execute(
            "INSERT INTO layers (name, kind, position, columns, key_columns, source_file, source_hash) "
            "VALUES (?,?,?,?,?,?,?)",
            (name, kind, position, _dumps(columns), _dumps(list(keys)), *(source or (None, None))),
        )
        records, audits = [], []
        for pos, (rid, row) in enumerate(zip(rids, rows)):
            geom = row.pop("geometry", None)
            wkb = shapely.to_wkb(geom) if kind == "layer" and geom is not None else None
            records.append((name, rid, pos, _dumps(row), wkb, self.commit_id))
            snap = _dumps(_snapshot(row, wkb))
            audits.append((self.commit_id, name, rid, pos, "insert", None, snap))
        self.conn.executemany(
            "INSERT INTO records (layer, rid, pos, props, geom, version) VALUES (?,?,?,?,?,?)",
            records,
        )
        self.conn.executemany(
            "INSERT INTO audit (commit_id, layer, rid, pos, op, before, after) VALUES (?,?,?,?,?,?,?)",
            audits,
        )
        self.count += len(audits) + 1

    def drop_layer(self, name: str) -> None:
        """Delete every record (audited) and the layer entry (before re-seeding it)."""
        for rid in [
            r[0] for r in self.conn.execute("SELECT rid FROM records WHERE layer = ?", (name,))
        ]:
            self.delete(name, rid)
        self.conn.execute("DELETE FROM layers WHERE name = ?", (name,))
        self.count += 1
