"""Sign-in counters, sign-in events and sessions of the PostGIS store (not audited: not data).

The same tables and rules as ``geo.store.sqlite_auth``: ``login_failures`` keyed by (name,
client), with the pseudo-name ``*`` for one client over every name and the pseudo-client ``*``
for one name over every client; every count goes up in one ``INSERT … ON CONFLICT DO UPDATE``
inside one transaction under an advisory lock, so parallel attempts are all counted. ``sessions`` keeps only a SHA-256
of each session token.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from psycopg.rows import dict_row

from geo.store.interface import LoginCounts
from geo.store.sqlite_auth import ANY, FORGET_AFTER, TOUCH_EVERY_S
from geo.store.sqlite_tx import now

AUTH_DDL = """
CREATE TABLE IF NOT EXISTS login_failures (
  username text NOT NULL, client text NOT NULL, failed integer NOT NULL DEFAULT 0, last_at text,
  PRIMARY KEY (username, client));
CREATE TABLE IF NOT EXISTS login_events (
  id bigserial PRIMARY KEY, at text NOT NULL, username text NOT NULL, client text NOT NULL,
  outcome text NOT NULL);
CREATE INDEX IF NOT EXISTS login_events_user ON login_events (username, id);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash text PRIMARY KEY, username text NOT NULL, created_at text NOT NULL,
  last_seen text NOT NULL, ended_at text);
"""
_COUNT = (
    "INSERT INTO login_failures (username, client, failed, last_at) VALUES (%s, %s, 1, %s) "
    "ON CONFLICT (username, client) DO UPDATE SET last_at = excluded.last_at, "
    "failed = CASE WHEN login_failures.last_at < %s THEN 1 ELSE login_failures.failed + 1 END"
)
#: The advisory lock that orders sign-in counts (apart from the write lock of the data).
AUTH_LOCK = 0x51494C41  # "QILA"


class PostgisAuth:
    """The sign-in part of ``PostgisStore`` (needs its ``_connect``)."""

    def login_attempt(self, username: str, client: str) -> LoginCounts:
        stamp = datetime.now(UTC).isoformat()  # to the microsecond: waits are a few seconds
        cutoff = (datetime.now(UTC) - FORGET_AFTER).isoformat()
        keys = ((username, client), (ANY, client), (username, ANY))
        before = []
        with self._connect() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (AUTH_LOCK,))  # one count at a time
            for name, who in keys:
                row = conn.execute(
                    "SELECT failed, last_at FROM login_failures WHERE username = %s AND client = %s",
                    (name, who),
                ).fetchone()
                before.append(row if row and row[1] and row[1] >= cutoff else (0, None))
                conn.execute(_COUNT, (name, who, stamp, cutoff))
        (pair, pair_last), (by_client, client_last), (account, _) = before
        return LoginCounts(pair, pair_last, by_client, client_last, account)

    def login_result(self, username: str, client: str, outcome: str) -> None:
        with self._connect() as conn, conn.transaction():
            conn.execute(
                "INSERT INTO login_events (at, username, client, outcome) VALUES (%s,%s,%s,%s)",
                (now(), username, client, outcome),
            )
            if outcome == "ok":
                conn.execute(
                    "DELETE FROM login_failures WHERE username = %s AND client IN (%s, %s)",
                    (username, client, ANY),
                )

    def login_events(self, limit: int = 200, username: str | None = None) -> list[dict]:
        sql = "SELECT at, username, client, outcome FROM login_events"
        args: tuple = ()
        if username:
            sql, args = sql + " WHERE username = %s", (username,)
        with self._connect() as conn:
            cur = conn.cursor(row_factory=dict_row)
            return cur.execute(sql + " ORDER BY id DESC LIMIT %s", (*args, limit)).fetchall()

    def unlock(self, username: str) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM login_failures WHERE username = %s", (username,))

    def session_start(self, token_hash: str, username: str) -> None:
        stamp = now()
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO sessions (token_hash, username, created_at, last_seen) "
                "VALUES (%s,%s,%s,%s)",
                (token_hash, username, stamp, stamp),
            )

    def session_check(self, token_hash: str, idle_seconds: float) -> str | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT username, last_seen FROM sessions "
                "WHERE token_hash = %s AND ended_at IS NULL",
                (token_hash,),
            ).fetchone()
        if row is None:
            return None
        seen = datetime.now(UTC) - datetime.fromisoformat(row[1])
        if seen > timedelta(seconds=idle_seconds):
            self.session_end(token_hash)
            return None
        if seen > timedelta(seconds=TOUCH_EVERY_S):
            with self._connect() as conn:
                conn.execute(
                    "UPDATE sessions SET last_seen = %s WHERE token_hash = %s", (now(), token_hash)
                )
        return row[0]

    def session_end(self, token_hash: str | None = None, username: str | None = None) -> int:
        with self._connect() as conn:
            cur = conn.execute(
                "UPDATE sessions SET ended_at = %s WHERE ended_at IS NULL "
                "AND (token_hash = %s OR username = %s)",
                (now(), token_hash, username),
            )
            return cur.rowcount
