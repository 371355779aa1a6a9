"""The data store: every layer and table of ``data/`` in one embedded database, with history.

Pages read frames through a ``Store``; every write goes through ``store.transaction(user,
reason)`` (all or nothing) and lands in an audit table (who, when, which record, before and
after as JSON), so any earlier version of a record or a whole layer can be viewed and restored.

Two backends implement ``Store`` and ``Transaction`` with the same tables: a plain SQLite file
(``geo.store.sqlite``, the default), not a GeoPackage — our layers have different, evolving
columns, and history needs one generic record table plus an audit table written in the same
transaction — and PostgreSQL/PostGIS (``geo.store.postgis``) for several app processes on one
database. Rows keep their properties as JSON (the GeoJSON properties, so frames come back with
the same columns and types; JSONB in PostGIS) and geometry as WKB (a ``geometry`` column with a
GiST index in PostGIS). GeoPackage remains an export format; ``geo.store.transfer`` copies a
whole store between the backends.

Concurrency (optimistic): every record carries a *version*, the id of the commit that last
changed it (``Store.versions``, ``Store.record``). A save states the version it was based on
(``Transaction.put(..., expected_version=v)``, ``delete(..., expected_version=v)``); when the
record changed since, the write raises ``geo.model.errors.ConflictError`` naming who changed what
and when, and nothing of the transaction is written. ``expected_version=NEW_RECORD`` (0) means
"the record must not exist yet". Reads that decide a write happen inside the transaction
(``Transaction.record``, under the write lock). A put whose values equal the stored ones (empty
text, NaN and None all count as empty; ``2024.0`` equals ``2024``) writes nothing and no audit
row. A backend retries briefly when another writer holds the database and then raises
``geo.model.errors.StoreBusy`` (a readable refusal), never a raw "database is locked".

Sign-in security (``geo.store.users`` decides; the backend counts atomically and keeps the
events and sessions): ``login_attempt``, ``login_result``, ``login_events``, ``unlock``,
``session_start``, ``session_check``, ``session_end``. None of it is audited (not data).

The database is created from ``data/`` on first use: ``QILING_DB`` names the file (default
``var/qiling.sqlite`` for the shipped data, ``var/qiling-<hash>.sqlite`` for another
``QILING_DATA_DIR``) or a ``postgresql://`` URL.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from shapely.geometry import mapping, shape

from geo.model.schema import SCHEMAS

SYSTEM_USER = "system"
#: ``expected_version`` of a record that must not exist yet (versions are commit ids, from 1).
NEW_RECORD = 0
#: Record-id columns of the tables whose schema has no single id column.
COMPOSITE_KEYS = {"trusteeship": ("village", "year"), "assessment": ("village_code", "month")}


def key_columns(layer: str) -> tuple[str, ...]:
    """The columns whose values identify a record of ``layer`` (empty: by position)."""
    if layer in COMPOSITE_KEYS:
        return COMPOSITE_KEYS[layer]
    schema = SCHEMAS.get(layer)
    return (schema.id_column,) if schema and schema.id_column else ()


def key_text(value) -> str:
    """One key value as text: ``2023.0`` and ``2023`` are the same year."""
    value = clean_value(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def clean_value(value):
    """A frame cell as a plain JSON value (numpy scalars unwrapped, NaN/NaT as None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    return value


def comparable(value):
    """A value as compared for "did anything change": empty text, NaN and None are all None,
    integral floats are ints, text is stripped."""
    value = clean_value(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def same_props(a: dict, b: dict) -> bool:
    """True when two records' properties differ in nothing but empty values and number types."""
    return all(comparable(a.get(k)) == comparable(b.get(k)) for k in {*a, *b} if k != "geometry")


def _column_values(series: pd.Series) -> list:
    """One column as plain JSON values (``clean_value`` of each cell; numbers in one pass)."""
    if pd.api.types.is_float_dtype(series.dtype) and isinstance(series.dtype, np.dtype):
        arr = series.to_numpy()
        out = arr.tolist()
        for i in np.flatnonzero(~np.isfinite(arr)):
            out[i] = None
        return out
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iub":
        return series.to_numpy().tolist()
    return [clean_value(v) for v in series.tolist()]


def frame_rows(frame: pd.DataFrame) -> list[dict]:
    """The rows of a frame as plain dicts (``geometry`` kept as a shapely object)."""
    geom_name = frame.geometry.name if hasattr(frame, "geometry") else None
    names, columns = [], []
    for i, col in enumerate(frame.columns):
        series = frame.iloc[:, i]
        names.append("geometry" if col == geom_name else col)
        columns.append(series.tolist() if col == geom_name else _column_values(series))
    if geom_name and geom_name != "geometry":  # the geometry goes last, as ``row.pop`` did
        at = names.index("geometry")
        names.append(names.pop(at))
        columns.append(columns.pop(at))
    return [dict(zip(names, values)) for values in zip(*columns)]


def geometry_json(geom) -> dict | None:
    """A geometry as a GeoJSON dict (for the audit table)."""
    return None if geom is None or geom.is_empty else mapping(geom)


def geometry_from_json(obj: dict | None):
    """The shapely geometry of a GeoJSON dict (None stays None)."""
    return None if obj is None else shape(obj)


@dataclass(frozen=True)
class Commit:
    """One transaction: who, when, why, what kind (seed, edit, import, restore, account)."""

    id: int
    user: str
    reason: str
    at: str
    kind: str


@dataclass(frozen=True)
class Change:
    """One audited change of one record, with the record before and after (None: absent)."""

    id: int
    commit_id: int
    user: str
    at: str
    reason: str
    kind: str
    layer: str
    record_id: str
    op: str
    before: dict | None
    after: dict | None


def changed_fields(change: Change, limit: int = 60) -> str:
    """``status: in_progress → completed; geometry`` — what one change did, for a history table."""
    before, after = change.before or {}, change.after or {}
    parts = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new or (key != "geometry" and comparable(old) == comparable(new)):
            continue
        if key == "geometry":
            parts.append("geometry")
        else:
            text = f"{key}: {old} → {new}"
            parts.append(text if len(text) <= limit else text[: limit - 1] + "…")
    return "; ".join(parts)


@dataclass(frozen=True)
class LoginCounts:
    """Failed sign-ins counted before one attempt: by (name, client) pair, by client, by name.

    ``*_last`` is the ISO time of the latest counted attempt (None: none yet)."""

    pair: int
    pair_last: str | None
    client: int
    client_last: str | None
    account: int


class Transaction(ABC):
    """Writes inside ``Store.transaction``: all applied at the end, or none."""

    commit_id: int

    @abstractmethod
    def put(self, layer: str, row: dict, record_id: str | None = None,
            expected_version: int | None = None) -> str:  # fmt: skip
        """Insert or update one record (``geometry`` key for layers); returns its id.

        ``expected_version``: the version the change was based on (``NEW_RECORD``: none); a
        record changed since raises ``ConflictError``. Equal values (``same_props`` and the same
        geometry) write nothing and no audit row."""

    @abstractmethod
    def delete(self, layer: str, record_id: str, expected_version: int | None = None) -> None:
        """Delete one record (audited with its last state); no-op when absent.

        ``expected_version`` as for ``put``: deleting a record changed since is a conflict."""

    @abstractmethod
    def record(self, layer: str, record_id: str) -> tuple[dict, int] | None:
        """The current record (``geometry`` as shapely) and its version, read under the write
        lock of this transaction; None when absent."""

    @abstractmethod
    def replace_layer(self, layer: str, frame: pd.DataFrame) -> None:
        """Make the layer hold exactly the rows of ``frame`` (deletes the others)."""

    @abstractmethod
    def set_layer_meta(self, layer: str, meta: dict) -> None:
        """Record provenance of a layer (e.g. the imported file), merged into its metadata."""

    @abstractmethod
    def put_user(self, username: str, fields: dict) -> None:
        """Create or update an account (its audit entry never holds the password hash)."""


class Store(ABC):
    """Every layer and table, their history and the accounts."""

    path: Path

    @abstractmethod
    def frames(self) -> dict[str, pd.DataFrame]:
        """Every layer (GeoDataFrame, EPSG:4326) and table (DataFrame), by id."""

    def layer(self, name: str) -> pd.DataFrame:
        """One layer or table; ``KeyError`` when unknown."""
        frames = self.frames()
        if name not in frames:
            raise KeyError(f"no layer or table named {name!r} in the store")
        return frames[name]

    @abstractmethod
    def transaction(
        self, user: str, reason: str = "", kind: str = "edit"
    ) -> AbstractContextManager[Transaction]:
        """A write transaction; an exception inside leaves the store unchanged."""

    @abstractmethod
    def revision(self) -> int:
        """The id of the latest commit (changes whenever anything is written)."""

    @abstractmethod
    def commits(self, limit: int = 50) -> list[Commit]:
        """The latest commits, newest first."""

    @abstractmethod
    def history(self, layer: str, record_id: str) -> list[Change]:
        """Every change of one record, oldest first."""

    @abstractmethod
    def changes(self, layer: str | None = None, limit: int = 200) -> list[Change]:
        """The latest changes (of one layer, or all), newest first."""

    @abstractmethod
    def record_at(self, layer: str, record_id: str, commit_id: int) -> dict | None:
        """A record as it was right after ``commit_id`` (None: it did not exist)."""

    @abstractmethod
    def layer_at(self, layer: str, commit_id: int) -> pd.DataFrame:
        """A whole layer as it was right after ``commit_id``."""

    @abstractmethod
    def record_ids(self, layer: str) -> list[str]:
        """The ids of the current records of a layer, in order."""

    @abstractmethod
    def known_record_ids(self, layer: str) -> list[str]:
        """Every id the layer ever held (current ones first), so deleted records can be restored."""

    @abstractmethod
    def layer_meta(self, layer: str) -> dict:
        """Provenance recorded for a layer (empty when it is as seeded)."""

    @abstractmethod
    def user(self, username: str) -> dict | None:
        """One account (with its password hash) or None."""

    @abstractmethod
    def users(self) -> list[dict]:
        """Every account, without password hashes."""

    @abstractmethod
    def record(self, layer: str, record_id: str) -> tuple[dict, int] | None:
        """One current record (``geometry`` as shapely) and its version, in one read; or None."""

    @abstractmethod
    def versions(self, layer: str) -> dict[str, int]:
        """The version (id of the last commit that changed it) of every current record."""

    # --- sign-in security: counted atomically, never audited ------------------------------
    @abstractmethod
    def login_attempt(self, username: str, client: str) -> LoginCounts:
        """Count one sign-in attempt as failed *before* the password is checked (one atomic
        write: the pair, the client and, for a real account, its counter go up by one) and return
        the counts as they were before it; ``login_result`` settles it."""

    @abstractmethod
    def login_result(self, username: str, client: str, outcome: str) -> None:
        """Record a sign-in event (``ok``, ``failed``, ``throttled``, ``unlocked``, ``signed_out``,
        ``expired``); ``ok`` also clears the pair's and the account's failure counts."""

    @abstractmethod
    def login_events(self, limit: int = 200, username: str | None = None) -> list[dict]:
        """The latest sign-in events, newest first: ``at``, ``username``, ``client``, ``outcome``."""

    @abstractmethod
    def unlock(self, username: str) -> None:
        """Clear every failure count of an account (all clients)."""

    @abstractmethod
    def session_start(self, token_hash: str, username: str) -> None:
        """A new signed-in session (only the hash of its token is kept)."""

    @abstractmethod
    def session_check(self, token_hash: str, idle_seconds: float) -> str | None:
        """The user of a live session, renewing its idle timer; None when unknown, ended or
        idle for longer than ``idle_seconds`` (then it is ended)."""

    @abstractmethod
    def session_end(self, token_hash: str | None = None, username: str | None = None) -> int:
        """End one session, or every session of ``username``; returns how many ended."""

    @abstractmethod
    def checksum(self) -> str:
        """A digest of every table: equal before and after means nothing was written."""

    def restore_record(self, layer: str, record_id: str, commit_id: int, user: str,
                       reason: str = "", expected_version: int | None = None) -> int:  # fmt: skip
        """Bring one record back to its state after ``commit_id``; audited; returns the commit.

        ``expected_version``: the version the person saw (a record changed since conflicts)."""
        old = self.record_at(layer, record_id, commit_id)
        with self.transaction(user, reason or f"restore {layer}/{record_id}", "restore") as tx:
            if old is None:
                tx.delete(layer, record_id, expected_version)
            else:
                row = dict(old)
                row["geometry"] = geometry_from_json(row.get("geometry"))
                tx.put(layer, row, record_id, expected_version)
        return tx.commit_id

    def restore_layer(self, layer: str, commit_id: int, user: str, reason: str = "") -> int:
        """Bring a whole layer back to its state after ``commit_id``; audited."""
        old = self.layer_at(layer, commit_id)
        with self.transaction(user, reason or f"restore {layer} to #{commit_id}", "restore") as tx:
            tx.replace_layer(layer, old)
        return tx.commit_id
