"""The data store: every layer and table in one database, with history (see ``interface``).

``open_store`` is the one way in: pages, the command line and the plot layer all read and write
through the ``Store`` it returns. The SQLite backend (``sqlite``) is the default; its file is
``QILING_DB`` (default ``var/qiling.sqlite`` for the shipped data, ``var/qiling-<hash>.sqlite``
for another ``QILING_DATA_DIR``), created from the data folder on first use. A
``QILING_DB=postgresql://user@host/db`` URL chooses the PostGIS backend (``postgis``) instead:
one database that several app processes share.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import psycopg

from geo.model.paths import DATA_DIR, ROOT, SHIPPED_DATA_DIR
from geo.store.interface import Store
from geo.store.postgis import PostgisStore, is_postgres_url
from geo.store.sqlite import SqliteStore

DB_ENV = "QILING_DB"
#: What a broken, unreachable or read-only database raises (pages show a notice, not a traceback).
STORE_ERRORS = (sqlite3.Error, psycopg.Error, OSError)


def default_db_path(data_dir: Path | str | None = None) -> Path | str:
    """Where the database lives: ``QILING_DB`` (a file or a ``postgresql://`` URL), else one
    file per data folder under ``var/``."""
    if os.environ.get(DB_ENV):
        value = os.environ[DB_ENV]
        return value if is_postgres_url(value) else Path(value)
    folder = Path(data_dir or DATA_DIR).resolve()
    if folder == SHIPPED_DATA_DIR.resolve():
        return ROOT / "var" / "qiling.sqlite"
    digest = hashlib.sha1(str(folder).encode("utf-8")).hexdigest()[:10]
    return ROOT / "var" / f"qiling-{digest}.sqlite"


def open_store(
    data_dir: Path | str | None = None, db_path: Path | str | None = None, seed: bool = True
) -> Store:
    """The store for ``data_dir``, created and filled from it on first use (``seed=False``:
    created empty, e.g. as the target of ``python -m geo store copy``).

    ``db_path``: a SQLite file (or ``sqlite:///path``) or a ``postgresql://`` URL.
    """
    data_dir = Path(data_dir or DATA_DIR)
    target = db_path or default_db_path(data_dir)
    if is_postgres_url(target):
        return PostgisStore(str(target), data_dir, seed)
    if str(target).startswith("sqlite:///"):
        target = str(target)[len("sqlite:///") :]
    return SqliteStore(Path(target), data_dir, seed)
