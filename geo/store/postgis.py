"""The PostGIS backend of ``geo.store``: one PostgreSQL database, chosen by ``QILING_DB=postgresql://…``.

The same tables as the SQLite backend (``geo.store.sqlite``), in PostgreSQL types: ``layers``
(columns and key columns as JSONB, provenance), ``records`` (properties as JSONB, geometry in a
``geometry(Geometry, 4326)`` column with a GiST index, a ``version``: the id of the commit that
last changed it), ``commits``, ``audit`` (before/after as JSONB, written in the same transaction
as the change) and ``users``; sign-in counters, events and sessions in ``geo.store.postgis_auth``.
Writers take one advisory lock, so commits are numbered in the order they land (as SQLite's
``BEGIN IMMEDIATE``); a writer that waits longer than ``WRITE_WAIT_S`` gets ``StoreBusy``.
Readers see one snapshot (``REPEATABLE READ``). Several app processes may share the database:
each reads the latest revision on every run.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import psycopg
import shapely
from psycopg.rows import dict_row

from geo.files.readers import load
from geo.model.catalog import load_catalog
from geo.model.errors import StoreBusy
from geo.store.interface import SYSTEM_USER, Change, Commit, Store, geometry_from_json
from geo.store.postgis_auth import AUTH_DDL, PostgisAuth
from geo.store.postgis_tx import WRITE_LOCK, PostgisTransaction, ordered
from geo.store.sqlite import build_frame
from geo.store.sqlite_tx import now

__all__ = ["PostgisStore", "is_postgres_url"]

_DDL = """
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS layers (
  name text PRIMARY KEY, kind text NOT NULL, position integer NOT NULL, columns jsonb NOT NULL,
  key_columns jsonb NOT NULL, source_file text, source_hash text,
  edited boolean NOT NULL DEFAULT false, meta jsonb NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS records (
  layer text NOT NULL, rid text NOT NULL, pos integer NOT NULL, props jsonb NOT NULL,
  geom geometry(Geometry, 4326), version integer NOT NULL DEFAULT 0,
  PRIMARY KEY (layer, rid));
CREATE INDEX IF NOT EXISTS records_pos ON records (layer, pos);
CREATE INDEX IF NOT EXISTS records_geom ON records USING gist (geom);
CREATE TABLE IF NOT EXISTS commits (
  id bigserial PRIMARY KEY, "user" text NOT NULL, reason text NOT NULL, at text NOT NULL,
  kind text NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id bigserial PRIMARY KEY, commit_id bigint NOT NULL REFERENCES commits (id),
  layer text NOT NULL, rid text NOT NULL, pos integer, op text NOT NULL, before jsonb, after jsonb);
CREATE INDEX IF NOT EXISTS audit_record ON audit (layer, rid, id);
CREATE INDEX IF NOT EXISTS audit_commit ON audit (layer, commit_id);
CREATE TABLE IF NOT EXISTS users (
  username text PRIMARY KEY, role text NOT NULL, pw_hash text NOT NULL,
  active integer NOT NULL DEFAULT 1, created_at text NOT NULL, created_by text NOT NULL,
  failed integer NOT NULL DEFAULT 0, locked_until text);
INSERT INTO meta VALUES ('format', '1') ON CONFLICT DO NOTHING;
"""
#: How long a writer waits for another writer's lock (seconds) before ``StoreBusy``.
WRITE_WAIT_S = 8.0
#: Tables in the checksum, with the columns that order their rows.
_TABLES = {"meta": "key", "layers": "name", "records": "layer, rid", "commits": "id",
           "audit": "id", "users": "username"}  # fmt: skip
_CHANGE_SQL = """SELECT a.id, a.commit_id, c."user", c.at, c.reason, c.kind, a.layer, a.rid, a.op,
  a.before, a.after FROM audit a JOIN commits c ON c.id = a.commit_id"""


def is_postgres_url(text: str | Path | None) -> bool:
    """True for ``postgresql://…`` / ``postgres://…`` (the PostGIS backend)."""
    return str(text or "").startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password (``postgresql://user:***@host/db``)."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def _needs_seed(state: tuple[str | None, bool] | None, digest: str) -> bool:
    """Missing, or never edited here and its file changed."""
    return state is None or (not state[1] and state[0] != digest)


def _states(conn: psycopg.Connection) -> dict[str, tuple[str | None, bool]]:
    rows = conn.execute("SELECT name, source_hash, edited FROM layers").fetchall()
    return {name: (digest, bool(edited)) for name, digest, edited in rows}


def _geoms(blobs: list) -> list:
    return list(shapely.from_wkb([bytes(b) if b is not None else None for b in blobs]))


class PostgisStore(PostgisAuth, Store):
    """The store in a PostgreSQL/PostGIS database, filled from ``data_dir`` on first use."""

    def __init__(self, url: str, data_dir: Path, seed: bool = True):
        self.url, self.data_dir = str(url), Path(data_dir)
        self.path = redact(self.url)  # what pages and the command line show (no password)
        with self._connect() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            conn.execute(_DDL)
            conn.execute(AUTH_DDL)
        #: Layers whose file in ``data/`` changed after they were edited here (kept as edited).
        self.stale: list[str] = self.sync(self.data_dir) if seed else []

    def _connect(self) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=True, connect_timeout=10)

    @contextmanager
    def _read(self) -> Iterator[psycopg.Connection]:
        """A connection inside one read-only snapshot transaction."""
        with self._connect() as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                yield conn
            finally:
                conn.execute("ROLLBACK")

    def _one(self, sql: str, args=()):
        with self._connect() as conn:
            return conn.execute(sql, args).fetchone()

    def _all(self, sql: str, args=()) -> list:
        with self._connect() as conn:
            return conn.execute(sql, args).fetchall()

    @contextmanager
    def transaction(self, user: str, reason: str = "", kind: str = "edit"):
        with self._connect() as conn:
            conn.execute("BEGIN")
            try:
                self._lock(conn)
                (cid,) = conn.execute(
                    'INSERT INTO commits ("user", reason, at, kind) VALUES (%s,%s,%s,%s) RETURNING id',
                    (user, reason, now(), kind),
                ).fetchone()
                tx = PostgisTransaction(conn, cid, kind)
                yield tx
                if tx.count:
                    conn.execute("COMMIT")
                else:  # nothing changed: leave no empty commit behind
                    conn.execute("ROLLBACK")
                    tx.commit_id = None
            except BaseException:
                if not conn.closed:
                    conn.execute("ROLLBACK")
                raise

    @staticmethod
    def _lock(conn: psycopg.Connection) -> None:
        """Take the write lock, waiting at most ``WRITE_WAIT_S`` (then ``StoreBusy``)."""
        conn.execute(f"SET LOCAL lock_timeout = '{int(WRITE_WAIT_S * 1000)}ms'")
        try:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        except psycopg.errors.LockNotAvailable as exc:
            raise StoreBusy("store_busy", seconds=round(WRITE_WAIT_S)) from exc
        conn.execute("SET LOCAL lock_timeout = 0")

    def sync(self, data_dir: Path) -> list[str]:
        """Add catalogued layers missing here; reload unedited ones whose file changed.

        Returns the edited layers whose file changed (kept as edited: nothing is lost).
        """
        entries = [e for e in load_catalog(data_dir).values() if e.kind in ("layer", "table")]
        digests = {
            e.id: hashlib.sha256((data_dir / e.file).read_bytes()).hexdigest() for e in entries
        }
        with self._connect() as conn:
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
                    "SELECT props, ST_AsEWKB(geom) FROM records WHERE layer = %s ORDER BY pos",
                    (name,),
                ).fetchall()
                geoms = _geoms([g for _, g in rows]) if kind == "layer" else []
                out[name] = build_frame(kind, columns, [p for p, _ in rows], geoms)
        return out

    def revision(self) -> int:
        return self._one("SELECT COALESCE(MAX(id), 0) FROM commits")[0]

    def commits(self, limit: int = 50) -> list[Commit]:
        rows = self._all(
            'SELECT id, "user", reason, at, kind FROM commits ORDER BY id DESC LIMIT %s', (limit,)
        )
        return [Commit(*r) for r in rows]

    def _changes(self, where: str, args, order: str, limit: int | None = None) -> list[Change]:
        sql = _CHANGE_SQL + where + order + (" LIMIT %s" if limit else "")
        with self._read() as conn:
            columns = {n: c for n, c in conn.execute("SELECT name, columns FROM layers").fetchall()}
            rows = conn.execute(sql, (*args, limit) if limit else args).fetchall()
        out = []
        for *head, before, after in rows:
            cols = columns.get(head[6], [])
            out.append(Change(*head, ordered(before, cols), ordered(after, cols)))
        return out

    def history(self, layer: str, record_id: str) -> list[Change]:
        return self._changes(
            " WHERE a.layer = %s AND a.rid = %s", (layer, record_id), " ORDER BY a.id"
        )

    def changes(self, layer: str | None = None, limit: int = 200) -> list[Change]:
        where, args = (" WHERE a.layer = %s", (layer,)) if layer else ("", ())
        return self._changes(where, args, " ORDER BY a.id DESC", limit)

    def _columns(self, conn, layer: str) -> tuple[str, list[str]]:
        info = conn.execute("SELECT kind, columns FROM layers WHERE name = %s", (layer,)).fetchone()
        if info is None:
            raise KeyError(f"no layer or table named {layer!r} in the store")
        return info

    def record_at(self, layer: str, record_id: str, commit_id: int) -> dict | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT after FROM audit WHERE layer = %s AND rid = %s AND commit_id <= %s "
                "ORDER BY id DESC LIMIT 1",
                (layer, record_id, commit_id),
            ).fetchone()
            info = conn.execute("SELECT columns FROM layers WHERE name = %s", (layer,)).fetchone()
        return ordered(row[0], info[0] if info else []) if row and row[0] else None

    def layer_at(self, layer: str, commit_id: int) -> pd.DataFrame:
        with self._read() as conn:
            kind, columns = self._columns(conn, layer)
            current = conn.execute(
                "SELECT rid, pos, props, ST_AsEWKB(geom) FROM records WHERE layer = %s", (layer,)
            ).fetchall()
            undo = conn.execute(
                "SELECT rid, pos, before FROM audit WHERE layer = %s AND commit_id > %s "
                "ORDER BY id DESC",
                (layer, commit_id),
            ).fetchall()
        rows = {
            rid: (pos, p, shapely.from_wkb(bytes(g)) if g is not None else None)
            for rid, pos, p, g in current
        }
        for rid, pos, before in undo:  # walk back from now, newest change first
            if before is None:
                rows.pop(rid, None)
            else:
                props = dict(before)
                rows[rid] = (pos, props, geometry_from_json(props.pop("geometry", None)))
        ordered_rows = sorted(rows.values(), key=lambda r: r[0])
        return build_frame(
            kind, columns, [r[1] for r in ordered_rows], [r[2] for r in ordered_rows]
        )

    def record_ids(self, layer: str) -> list[str]:
        rows = self._all("SELECT rid FROM records WHERE layer = %s ORDER BY pos", (layer,))
        return [r[0] for r in rows]

    def known_record_ids(self, layer: str) -> list[str]:
        current = self.record_ids(layer)
        rows = self._all("SELECT DISTINCT rid FROM audit WHERE layer = %s ORDER BY rid", (layer,))
        now_ids = set(current)
        return current + [r[0] for r in rows if r[0] not in now_ids]

    def layer_meta(self, layer: str) -> dict:
        row = self._one("SELECT meta FROM layers WHERE name = %s", (layer,))
        return dict(row[0]) if row else {}

    def user(self, username: str) -> dict | None:
        with self._connect() as conn:
            cur = conn.cursor(row_factory=dict_row)
            return cur.execute("SELECT * FROM users WHERE username = %s", (username,)).fetchone()

    def users(self) -> list[dict]:
        with self._connect() as conn:
            cur = conn.cursor(row_factory=dict_row)
            return cur.execute(
                "SELECT username, role, active, created_at, created_by FROM users ORDER BY username"
            ).fetchall()

    def record(self, layer: str, record_id: str) -> tuple[dict, int] | None:
        with self._read() as conn:
            row = conn.execute(
                "SELECT r.props, ST_AsEWKB(r.geom), r.version, l.columns FROM records r "
                "JOIN layers l ON l.name = r.layer WHERE r.layer = %s AND r.rid = %s",
                (layer, record_id),
            ).fetchone()
        if row is None:
            return None
        props = ordered(row[0], row[3])
        if row[1] is not None:
            props["geometry"] = shapely.from_wkb(bytes(row[1]))
        return props, row[2]

    def versions(self, layer: str) -> dict[str, int]:
        return dict(self._all("SELECT rid, version FROM records WHERE layer = %s", (layer,)))

    def checksum(self) -> str:
        digest = hashlib.sha256()
        with self._read() as conn:
            for table, order in _TABLES.items():
                digest.update(table.encode())
                cols = (
                    "*"
                    if table != "records"
                    else "layer, rid, pos, props, ST_AsEWKB(geom), version"
                )
                for row in conn.execute(f"SELECT {cols} FROM {table} ORDER BY {order}"):  # noqa: S608 - fixed names
                    digest.update(json.dumps(row, default=repr, sort_keys=True).encode("utf-8"))
        return digest.hexdigest()
