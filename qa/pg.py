"""A throwaway PostgreSQL 15 + PostGIS 3 cluster for the PostGIS tests and the benchmark.

``QILING_TEST_PG=postgresql://…`` names an existing server (its user may create databases);
otherwise ``PgCluster`` runs ``initdb`` and ``pg_ctl`` from Debian's ``postgresql-15`` in a
temporary folder on 127.0.0.1 and a free port, as an unprivileged user when run as root
(``initdb`` refuses root), and removes it all afterwards. Each test gets its own database, a
copy of a template that already holds the PostGIS extension.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

PG_BIN = Path("/usr/lib/postgresql/15/bin")
TEST_PG_ENV = "QILING_TEST_PG"
TEMPLATE = "qiling_template"
UNPRIVILEGED = "nobody"


class PgUnavailable(RuntimeError):
    """PostgreSQL/PostGIS could not be set up (the message says why)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(cmd: list[str], user: str | None, timeout: float = 120) -> str:
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise PgUnavailable(f"{' '.join(cmd)} failed: {done.stdout}{done.stderr}")
    return done.stdout


def with_database(url: str, name: str) -> str:
    """``url`` with its database name replaced by ``name``."""
    head, _, tail = url.rpartition("/")
    query = tail.partition("?")[2]
    return f"{head}/{name}" + (f"?{query}" if query else "")


class PgCluster:
    """A PostgreSQL server for tests: started here, or the one ``QILING_TEST_PG`` names."""

    def __init__(self):
        self.tmp: Path | None = None
        self.user: str | None = None
        self.url = os.environ.get(TEST_PG_ENV, "")

    def start(self) -> PgCluster:
        if not self.url:
            self._initdb_and_start()
        self._template()
        return self

    def _initdb_and_start(self) -> None:
        for tool in ("initdb", "pg_ctl"):
            if not (PG_BIN / tool).exists():
                raise PgUnavailable(
                    f"{PG_BIN / tool} is missing: install postgresql-15 and postgresql-15-postgis-3 "
                    "(scripts/ensure-postgis.sh, run by `make test`) or set QILING_TEST_PG"
                )
        self.user = UNPRIVILEGED if os.geteuid() == 0 else None
        self.tmp = Path(tempfile.mkdtemp(prefix="qiling-pg-"))
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(self.tmp, entry.pw_uid, entry.pw_gid)
        data, port = self.tmp / "data", _free_port()
        _run([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
              "-E", "UTF8", "--locale=C", "--no-sync"], self.user)  # fmt: skip
        opts = (f"-p {port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")  # fmt: skip
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(self.tmp / "server.log"),
              "-o", opts, "-w", "-t", "60", "start"], self.user)  # fmt: skip
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def _template(self) -> None:
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", (TEMPLATE,)
                ).fetchone()
                if not exists:
                    conn.execute(f"CREATE DATABASE {TEMPLATE}")
            with psycopg.connect(with_database(self.url, TEMPLATE), autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                srid = conn.execute("SELECT 1 FROM spatial_ref_sys WHERE srid = 4548").fetchone()
        except psycopg.Error as exc:
            raise PgUnavailable(f"cannot prepare a PostGIS database at {self.url}: {exc}") from exc
        if not srid:
            raise PgUnavailable("EPSG:4548 is missing from PostGIS spatial_ref_sys")

    def create_database(self, prefix: str = "qiling_test") -> str:
        """A new empty database with PostGIS; returns its URL."""
        name = f"{prefix}_{secrets.token_hex(4)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return with_database(self.url, name)

    def drop_database(self, url: str) -> None:
        name = url.rpartition("/")[2].partition("?")[0]
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.tmp is None:
            return
        try:
            _run([str(PG_BIN / "pg_ctl"), "-D", str(self.tmp / "data"), "-m", "immediate",
                  "-w", "stop"], self.user)  # fmt: skip
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
