"""Sign-in counters, sign-in events and sessions of the SQLite store (not audited: not data).

``login_failures`` holds failed-attempt counts keyed by (name, client); the pseudo-name ``*``
counts one client's failures over every name and the pseudo-client ``*`` one name's failures
over every client (``*`` cannot be a user name). Every count goes up in one ``UPDATE … SET
failed = failed + 1`` inside a write transaction, so parallel attempts are all counted.
``sessions`` keeps only a SHA-256 of each session token.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

from geo.store.interface import LoginCounts
from geo.store.sqlite_tx import now

AUTH_DDL = """
CREATE TABLE IF NOT EXISTS login_failures (
  username TEXT NOT NULL, client TEXT NOT NULL, failed INTEGER NOT NULL DEFAULT 0, last_at TEXT,
  PRIMARY KEY (username, client));
CREATE TABLE IF NOT EXISTS login_events (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL, client TEXT NOT NULL,
  outcome TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS login_events_user ON login_events (username, id);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, created_at TEXT NOT NULL,
  last_seen TEXT NOT NULL, ended_at TEXT);
"""
ANY = "*"
#: Failures older than this are forgotten (the count starts again).
FORGET_AFTER = timedelta(hours=1)
_COUNT = (
    "INSERT INTO login_failures (username, client, failed, last_at) VALUES (?, ?, 1, ?) "
    "ON CONFLICT (username, client) DO UPDATE SET last_at = excluded.last_at, "
    "failed = CASE WHEN login_failures.last_at < ? THEN 1 ELSE login_failures.failed + 1 END"
)
#: A session's last-seen time is written at most this often (seconds): not on every rerun.
TOUCH_EVERY_S = 30


class SqliteAuth:
    """The sign-in part of ``SqliteStore`` (needs its ``_write`` and ``_connect``)."""

    def login_attempt(self, username: str, client: str) -> LoginCounts:
        stamp = datetime.now(UTC).isoformat()  # to the microsecond: waits are a few seconds
        cutoff = (datetime.now(UTC) - FORGET_AFTER).isoformat()
        with self._write() as conn:
            keys = ((username, client), (ANY, client), (username, ANY))
            before = []
            for name, who in keys:
                row = conn.execute(
                    "SELECT failed, last_at FROM login_failures WHERE username = ? AND client = ?",
                    (name, who),
                ).fetchone()
                before.append(row if row and row[1] and row[1] >= cutoff else (0, None))
                conn.execute(_COUNT, (name, who, stamp, cutoff))
        (pair, pair_last), (by_client, client_last), (account, _) = before
        return LoginCounts(pair, pair_last, by_client, client_last, account)

    def login_result(self, username: str, client: str, outcome: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO login_events (at, username, client, outcome) VALUES (?,?,?,?)",
                (now(), username, client, outcome),
            )
            if outcome == "ok":
                conn.execute(
                    "DELETE FROM login_failures WHERE username = ? AND client IN (?, ?)",
                    (username, client, ANY),
                )

    def login_events(self, limit: int = 200, username: str | None = None) -> list[dict]:
        sql = "SELECT at, username, client, outcome FROM login_events"
        args: tuple = ()
        if username:
            sql, args = sql + " WHERE username = ?", (username,)
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            rows = conn.execute(sql + " ORDER BY id DESC LIMIT ?", (*args, limit)).fetchall()
        return [dict(r) for r in rows]

    def unlock(self, username: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM login_failures WHERE username = ?", (username,))

    def session_start(self, token_hash: str, username: str) -> None:
        stamp = now()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO sessions (token_hash, username, created_at, last_seen) VALUES (?,?,?,?)",
                (token_hash, username, stamp, stamp),
            )

    def session_check(self, token_hash: str, idle_seconds: float) -> str | None:
        with closing(self._connect()) as conn:
            row = conn.execute(
                "SELECT username, last_seen FROM sessions WHERE token_hash = ? AND ended_at IS NULL",
                (token_hash,),
            ).fetchone()
        if row is None:
            return None
        seen = datetime.now(UTC) - datetime.fromisoformat(row[1])
        if seen > timedelta(seconds=idle_seconds):
            self.session_end(token_hash)
            return None
        if seen > timedelta(seconds=TOUCH_EVERY_S):
            with self._write() as conn:
                conn.execute(
                    "UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (now(), token_hash)
                )
        return row[0]

    def session_end(self, token_hash: str | None = None, username: str | None = None) -> int:
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE sessions SET ended_at = ? WHERE ended_at IS NULL "
                "AND (token_hash = ? OR username = ?)",
                (now(), token_hash, username),
            )
            return cur.rowcount
