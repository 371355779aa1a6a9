"""Moving a whole store between backends: ``python -m geo store copy --from … --to …``.

Every table is copied as it is, ids included: layers, records (position, properties, geometry,
version), the whole history (commits and audit), accounts (with their password hashes) and the
store's meta. The sign-in counters, events and sessions are copied too. The target must be empty (a new
SQLite file or a database without Qiling tables).
Afterwards a checksum per layer (its records, its history, its settings), of the commits and of
the accounts (and of the sign-in tables) is computed on both sides from the same neutral form and must agree.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import shapely
from psycopg.types.json import Jsonb

from geo.model.errors import DataError
from geo.store import open_store
from geo.store.interface import Store
from geo.store.postgis import PostgisStore
from geo.store.postgis_tx import WRITE_LOCK, ordered
from geo.store.sqlite import SqliteStore

#: Columns of each table, in the neutral form (JSON columns as Python values, geometry as WKB).
TABLES = {
    "meta": ("key", "value"),
    "layers": ("name", "kind", "position", "columns", "key_columns", "source_file",
               "source_hash", "edited", "meta"),
    "records": ("layer", "rid", "pos", "props", "geom", "version"),
    "commits": ("id", "user", "reason", "at", "kind"),
    "audit": ("id", "commit_id", "layer", "rid", "pos", "op", "before", "after"),
    "users": ("username", "role", "pw_hash", "active", "created_at", "created_by", "failed",
              "locked_until"),
    "login_failures": ("username", "client", "failed", "last_at"),
    "login_events": ("id", "at", "username", "client", "outcome"),
    "sessions": ("token_hash", "username", "created_at", "last_seen", "ended_at"),
}  # fmt: skip
#: Sign-in tables (not data: copied and verified, but a target holding only these is empty).
SIGN_IN = ("login_failures", "login_events", "sessions")
_JSON = {"columns", "key_columns", "meta", "props", "before", "after"}
_ORDER = {"meta": "key", "layers": "name", "records": "layer, rid", "commits": "id",
          "audit": "id", "users": "username", "login_failures": "username, client",
          "login_events": "id", "sessions": "token_hash"}  # fmt: skip


def _plain_wkb(blob) -> bytes | None:
    return None if blob is None else shapely.to_wkb(shapely.from_wkb(bytes(blob)))


def _neutral(table: str, row: dict) -> dict:
    out = {}
    for col in TABLES[table]:
        value = row.get(col)
        if col in _JSON and isinstance(value, str):
            value = json.loads(value)
        elif col == "geom":
            value = _plain_wkb(value)
        elif col == "edited":
            value = bool(value)
        elif col == "version":
            value = 1 if value is None else int(value)
        out[col] = value
    return out


def read_tables(store: Store) -> dict[str, list[dict]]:
    """Every row of every table of ``store`` in the neutral form."""
    out = {}
    if isinstance(store, SqliteStore):
        with closing(sqlite3.connect(store.path)) as conn:
            conn.row_factory = sqlite3.Row
            for table in TABLES:
                rows = conn.execute(f"SELECT * FROM {table} ORDER BY {_ORDER[table]}")  # noqa: S608 - fixed names
                out[table] = [_neutral(table, dict(r)) for r in rows]
        return out
    with store._read() as conn:
        for table, cols in TABLES.items():
            names = ", ".join("ST_AsEWKB(geom) AS geom" if c == "geom" else f'"{c}"' for c in cols)
            cur = conn.execute(f"SELECT {names} FROM {table} ORDER BY {_ORDER[table]}")  # noqa: S608 - fixed names
            out[table] = [_neutral(table, dict(zip(cols, r))) for r in cur]
    return out


def _dumps(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, allow_nan=False)


def _write_sqlite(store: SqliteStore, tables: dict[str, list[dict]]) -> None:
    columns = {r["name"]: r["columns"] for r in tables["layers"]}
    with closing(sqlite3.connect(store.path, isolation_level=None)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            record_cols = [c for c in TABLES["records"] if c != "version"]
            has_version = "version" in {r[1] for r in conn.execute("PRAGMA table_info(records)")}
            if has_version:
                record_cols.append("version")
            for table, cols in TABLES.items():
                cols = record_cols if table == "records" else cols
                rows = []
                for r in tables[table]:
                    row = []
                    for c in cols:
                        value = r[c]
                        if c in ("before", "after"):
                            value = ordered(value, columns.get(r["layer"], []))
                        row.append(_dumps(value) if c in _JSON else value)
                    rows.append(row)
                names = ", ".join(f'"{c}"' for c in cols)
                marks = ", ".join("?" * len(cols))
                if table == "meta":
                    conn.execute("DELETE FROM meta")
                conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 - fixed names
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _write_postgis(store: PostgisStore, tables: dict[str, list[dict]]) -> None:
    with store._connect() as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        conn.execute("DELETE FROM meta")
        for table, cols in TABLES.items():
            names = ", ".join(f'"{c}"' for c in cols)
            with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608 - fixed names
                for r in tables[table]:
                    row = [Jsonb(r[c]) if c in _JSON and r[c] is not None else r[c] for c in cols]
                    if table == "records" and r["geom"] is not None:
                        geom = shapely.set_srid(shapely.from_wkb(r["geom"]), 4326)
                        row[cols.index("geom")] = shapely.to_wkb(geom, hex=True, include_srid=True)
                    copy.write_row(row)
        for table in ("commits", "audit", "login_events"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                f"GREATEST((SELECT MAX(id) FROM {table}), 1), (SELECT COUNT(*) > 0 FROM {table}))"
            )


def _digest(rows) -> str:
    digest = hashlib.sha256()
    for row in rows:
        clean = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in row.items()}
        digest.update(json.dumps(clean, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]


def checksums(tables: dict[str, list[dict]]) -> dict[str, str]:
    """A digest per layer (settings, records, history), of the commits and of the accounts."""
    names = [r["name"] for r in tables["layers"]]
    names += sorted({r["layer"] for r in tables["audit"]} - set(names))  # e.g. _users
    out = {}
    for name in names:
        layer = [r for r in tables["layers"] if r["name"] == name]
        records = [r for r in tables["records"] if r["layer"] == name]
        audit = [r for r in tables["audit"] if r["layer"] == name]
        out[name] = _digest(layer + records + audit)
    out["(commits)"] = _digest(tables["commits"])
    out["(users)"] = _digest(tables["users"])
    out["(sign-in)"] = _digest([r for t in SIGN_IN for r in tables[t]])
    return out


def _is_empty(tables: dict[str, list[dict]]) -> bool:
    return not any(tables[t] for t in ("layers", "records", "commits", "audit", "users"))


def copy_store(source: str | Path, target: str | Path, data_dir: Path | None = None) -> dict:
    """Copy every table from ``source`` to the empty ``target``; returns the verified checksums.

    ``DataError`` when the target already holds data or a checksum differs after the copy.
    """
    src = open_store(data_dir, source, seed=False)
    tables = read_tables(src)
    if _is_empty(tables):
        raise DataError("copy_source_empty", source=str(src.path))
    dst = open_store(data_dir, target, seed=False)
    if not _is_empty(read_tables(dst)):
        raise DataError("copy_target_not_empty", target=str(dst.path))
    (_write_sqlite if isinstance(dst, SqliteStore) else _write_postgis)(dst, tables)
    want, got = checksums(tables), checksums(read_tables(dst))
    bad = [name for name in want if want[name] != got.get(name)]
    if bad:
        raise DataError("copy_mismatch", layers=", ".join(bad))
    return {"checksums": want, "rows": {t: len(rows) for t, rows in tables.items()},
            "layers": {n: sum(r["layer"] == n for r in tables["records"]) for n in want}}  # fmt: skip
