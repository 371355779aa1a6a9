"""The SQLite backend of ``geo.store``: one database file, WAL journal, explicit transactions.

Tables: ``layers`` (columns, key columns, source file and hash, provenance), ``records`` (one
row per feature or table row: properties as JSON, geometry as WKB), ``commits`` (who, when,
why), ``audit`` (before/after JSON of every changed record), ``users`` (accounts); sign-in
counters, events and sessions in ``geo.store.sqlite_auth``. A record's ``version`` is the id of
the commit that last changed it. Writers wait up to ``WRITE_WAIT_S`` for the write lock, then get
``StoreBusy`` (a readable refusal) instead of "database is locked".
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.files.readers import load
from geo.model.catalog import load_catalog
from geo.model.errors import StoreBusy
from geo.store.interface import SYSTEM_USER, Change, Commit, Store, geometry_from_json
from geo.store.sqlite_auth import AUTH_DDL, SqliteAuth
from geo.store.sqlite_tx import SqliteTransaction, now

__all__ = ["SqliteStore", "SqliteTransaction", "build_frame"]

#: Columns of the CSV tables that are text codes (as ``geo.data.read_table`` reads them).
_TEXT_COLUMNS = ("village_code", "village", "month", "code")
_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS layers (
  name TEXT PRIMARY KEY, kind TEXT NOT NULL, position INTEGER NOT NULL, columns TEXT NOT NULL,
  key_columns TEXT NOT NULL, source_file TEXT, source_hash TEXT,
  edited INTEGER NOT NULL DEFAULT 0, meta TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS records (
  layer TEXT NOT NULL, rid TEXT NOT NULL, pos INTEGER NOT NULL, props TEXT NOT NULL, geom BLOB,
  version INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (layer, rid));
CREATE INDEX IF NOT EXISTS records_pos ON records (layer, pos);
CREATE TABLE IF NOT EXISTS commits (
  id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, reason TEXT NOT NULL,
  at TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, commit_id INTEGER NOT NULL REFERENCES commits (id),
  layer TEXT NOT NULL, rid TEXT NOT NULL, pos INTEGER, op TEXT NOT NULL, before TEXT, after TEXT);
CREATE INDEX IF NOT EXISTS audit_record ON audit (layer, rid, id);
CREATE INDEX IF NOT EXISTS audit_commit ON audit (layer, commit_id);
CREATE TABLE IF NOT EXISTS users (
  username TEXT PRIMARY KEY, role TEXT NOT NULL, pw_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
  failed INTEGER NOT NULL DEFAULT 0, locked_until TEXT);
"""
#: How long a writer waits for another writer (seconds, over a few tries) before ``StoreBusy``.
WRITE_WAIT_S = 8.0
_TABLES = ("meta", "layers", "records", "commits", "audit", "users")
_CHANGE_SQL = """SELECT a.id, a.commit_id, c.user, c.at, c.reason, c.kind, a.layer, a.rid, a.op,
  a.before, a.after FROM audit a JOIN commits c ON c.id = a.commit_id"""


def _states(conn: sqlite3.Connection) -> dict[str, tuple[str | None, bool]]:
    """Source-file digest and edited flag of every layer in the store."""
    rows = conn.execute("SELECT name, source_hash, edited FROM layers")
    return {name: (digest, bool(edited)) for name, digest, edited in rows}


def _needs_seed(state: tuple[str | None, bool] | None, digest: str) -> bool:
    """Missing, or never edited here and its file changed."""
    return state is None or (not state[1] and state[0] != digest)


def _change(row) -> Change:
    *head, before, after = row
    return Change(
        *head, json.loads(before) if before else None, json.loads(after) if after else None
    )


def build_frame(kind: str, columns: list[str], props: list[dict], geoms: list) -> pd.DataFrame:
    """A frame with the columns and types the files give (``geo.data`` readers)."""
    df = pd.DataFrame(props, columns=columns) if props else pd.DataFrame(columns=columns)
    if kind == "layer":
        return gpd.GeoDataFrame(df, geometry=list(geoms), crs="EPSG:4326")
    for col in _TEXT_COLUMNS:
        if col in df and not pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].astype("str")
    return df


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _migrate(conn: sqlite3.Connection) -> None:
    """Give records of a database made before versions existed the id of their last change."""
    cols = [r[1] for r in conn.execute("PRAGMA table_info(records)")]
    if "version" in cols:
        return
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("ALTER TABLE records ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "UPDATE records SET version = COALESCE((SELECT MAX(a.commit_id) FROM audit a "
        "WHERE a.layer = records.layer AND a.rid = records.rid), 1)"
    )
    conn.execute("COMMIT")


def _layer_info(conn: sqlite3.Connection, name: str) -> tuple[str, str]:
    """(kind, columns JSON) of a layer; ``KeyError`` naming it when unknown."""
    info = conn.execute("SELECT kind, columns FROM layers WHERE name = ?", (name,)).fetchone()
    if info is None:
        raise KeyError(f"no layer or table named {name!r} in the store")
    return info


class SqliteStore(SqliteAuth, Store):
    """The store in one SQLite file, filled from ``data_dir`` on first use."""

    def __init__(self, path: Path, data_dir: Path, seed: bool = True):
        self.path, self.data_dir = Path(path), Path(data_dir)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(_DDL)
            conn.executescript(AUTH_DDL)
            _migrate(conn)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('format', '1')")
        #: Layers whose file in ``data/`` changed after they were edited here (kept as edited).
        self.stale: list[str] = self.sync(self.data_dir) if seed else []

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one read transaction: a consistent snapshot."""
        with closing(self._connect()) as conn:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")

    def _begin(self) -> sqlite3.Connection:
        """A connection holding the write lock (``BEGIN IMMEDIATE``), retried a few times."""
        tries, conn = 4, self._connect()
        conn.execute(f"PRAGMA busy_timeout = {int(WRITE_WAIT_S * 1000 / tries)}")
        for attempt in range(tries):
            try:
                conn.execute("BEGIN IMMEDIATE")
                return conn
            except sqlite3.OperationalError as exc:
                if not _busy(exc) or attempt == tries - 1:
                    conn.close()
                    if _busy(exc):
                        raise StoreBusy("store_busy", seconds=round(WRITE_WAIT_S)) from exc
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A short write transaction outside the audit (sign-in counters, sessions)."""
        conn = self._begin()
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    @contextmanager
    def transaction(self, user: str, reason: str = "", kind: str = "edit"):
        conn = self._begin()
        try:
            cur = conn.execute(
                "INSERT INTO commits (user, reason, at, kind) VALUES (?,?,?,?)",
                (user, reason, now(), kind),
            )
            tx = SqliteTransaction(conn, cur.lastrowid, kind)
            yield tx
            if tx.count:
                conn.execute("COMMIT")
            else:  # nothing changed: leave no empty commit behind
                conn.execute("ROLLBACK")
                tx.commit_id = None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    def sync(self, data_dir: Path) -> list[str]:
        """Add catalogued layers missing here; reload unedited ones whose file changed.

        Returns the edited layers whose file changed (kept as edited: nothing is lost).
        """
        entries = [e for e in load_catalog(data_dir).values() if e.kind in ("layer", "table")]
        digests = {
            e.id: hashlib.sha256((data_dir / e.file).read_bytes()).hexdigest() for e in entries
        }
        with self._read() as conn:
            states = _states(conn)
        stale = [
            e.id
            for e in entries
            if e.id in states and states[e.id][1] and states[e.id][0] != digests[e.id]
        ]
        todo = [e for e in entries if _needs_seed(states.get(e.id), digests[e.id])]
        if not todo:
            return stale
        frames = {e.id: load(e.id, data_dir).frame for e in todo}
        reason = "seed from data/: " + ", ".join(e.file for e in todo)
        with self.transaction(SYSTEM_USER, reason, "seed") as tx:
            states = _states(tx.conn)  # again under the write lock: another process may have seeded
            for position, e in enumerate(entries):
                if e in todo and _needs_seed(states.get(e.id), digests[e.id]):
                    if e.id in states:
                        tx.drop_layer(e.id)
                    tx.create_layer(e.id, e.kind, frames[e.id], position, (e.file, digests[e.id]))
        return stale

    def frames(self) -> dict[str, pd.DataFrame]:
        with self._read() as conn:
            layers = conn.execute(
                "SELECT name, kind, columns FROM layers ORDER BY position, name"
            ).fetchall()
            out = {}
            for name, kind, columns in layers:
                rows = conn.execute(
                    "SELECT props, geom FROM records WHERE layer = ? ORDER BY pos", (name,)
                ).fetchall()
                geoms = shapely.from_wkb([g for _, g in rows]) if kind == "layer" else []
                out[name] = build_frame(
                    kind, json.loads(columns), [json.loads(p) for p, _ in rows], geoms
                )
        return out

    def layer(self, name: str) -> pd.DataFrame:
        """One layer or table, read alone (cheaper than ``frames``)."""
        with self._read() as conn:
            info = _layer_info(conn, name)
            rows = conn.execute(
                "SELECT props, geom FROM records WHERE layer = ? ORDER BY pos", (name,)
            ).fetchall()
        geoms = shapely.from_wkb([g for _, g in rows]) if info[0] == "layer" else []
        return build_frame(info[0], json.loads(info[1]), [json.loads(p) for p, _ in rows], geoms)

    def record(self, layer: str, record_id: str) -> tuple[dict, int] | None:
        with closing(self._connect()) as conn:
            row = conn.execute(
                "SELECT props, geom, version FROM records WHERE layer = ? AND rid = ?",
                (layer, record_id),
            ).fetchone()
        if row is None:
            return None
        props = json.loads(row[0])
        if row[1] is not None:
            props["geometry"] = shapely.from_wkb(row[1])
        return props, row[2]

    def versions(self, layer: str) -> dict[str, int]:
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT rid, version FROM records WHERE layer = ?", (layer,))
            return dict(rows.fetchall())

    def revision(self) -> int:
        with closing(self._connect()) as conn:
            return conn.execute("SELECT COALESCE(MAX(id), 0) FROM commits").fetchone()[0]

    def commits(self, limit: int = 50) -> list[Commit]:
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT id, user, reason, at, kind FROM commits ORDER BY id DESC LIMIT ?", (limit,)
            )
            return [Commit(*r) for r in rows.fetchall()]

    def history(self, layer: str, record_id: str) -> list[Change]:
        with closing(self._connect()) as conn:
            rows = conn.execute(
                _CHANGE_SQL + " WHERE a.layer = ? AND a.rid = ? ORDER BY a.id", (layer, record_id)
            )
            return [_change(r) for r in rows.fetchall()]

    def changes(self, layer: str | None = None, limit: int = 200) -> list[Change]:
        where, args = (" WHERE a.layer = ?", (layer,)) if layer else ("", ())
        with closing(self._connect()) as conn:
            rows = conn.execute(_CHANGE_SQL + where + " ORDER BY a.id DESC LIMIT ?", (*args, limit))
            return [_change(r) for r in rows.fetchall()]

    def record_at(self, layer: str, record_id: str, commit_id: int) -> dict | None:
        with closing(self._connect()) as conn:
            row = conn.execute(
                "SELECT after FROM audit WHERE layer = ? AND rid = ? AND commit_id <= ? ORDER BY id DESC LIMIT 1",
                (layer, record_id, commit_id),
            ).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def layer_at(self, layer: str, commit_id: int) -> pd.DataFrame:
        with self._read() as conn:
            info = _layer_info(conn, layer)
            current = conn.execute(
                "SELECT rid, pos, props, geom FROM records WHERE layer = ?", (layer,)
            ).fetchall()
            undo = conn.execute(
                "SELECT rid, pos, before FROM audit WHERE layer = ? AND commit_id > ? ORDER BY id DESC",
                (layer, commit_id),
            ).fetchall()
        rows = {
            rid: (pos, json.loads(p), shapely.from_wkb(g) if g else None)
            for rid, pos, p, g in current
        }
        for rid, pos, before in undo:  # walk back from now, newest change first
            if before is None:
                rows.pop(rid, None)
            else:
                props = json.loads(before)
                rows[rid] = (pos, props, geometry_from_json(props.pop("geometry", None)))
        ordered = sorted(rows.values(), key=lambda r: r[0])
        return build_frame(
            info[0], json.loads(info[1]), [r[1] for r in ordered], [r[2] for r in ordered]
        )

    def record_ids(self, layer: str) -> list[str]:
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT rid FROM records WHERE layer = ? ORDER BY pos", (layer,))
            return [r[0] for r in rows.fetchall()]

    def known_record_ids(self, layer: str) -> list[str]:
        current = self.record_ids(layer)
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT DISTINCT rid FROM audit WHERE layer = ? ORDER BY rid", (layer,)
            )
            now_ids = set(current)
            return current + [r[0] for r in rows.fetchall() if r[0] not in now_ids]

    def layer_meta(self, layer: str) -> dict:
        with closing(self._connect()) as conn:
            row = conn.execute("SELECT meta FROM layers WHERE name = ?", (layer,)).fetchone()
        return json.loads(row[0]) if row else {}

    def user(self, username: str) -> dict | None:
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            row = conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        return dict(row) if row else None

    def users(self) -> list[dict]:
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(
                "SELECT username, role, active, created_at, created_by FROM users ORDER BY username"
            )
            return [dict(r) for r in rows.fetchall()]

    def checksum(self) -> str:
        digest = hashlib.sha256()
        with self._read() as conn:
            extra = conn.execute(
                "SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'"
            ).fetchall()
            for table in list(_TABLES) + [r[0] for r in extra]:
                digest.update(table.encode())
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):  # noqa: S608 - fixed names
                    digest.update(repr(row).encode("utf-8"))
        return digest.hexdigest()
