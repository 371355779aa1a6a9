"""How an import writes its rows: only what the file changes, on top of the records as they are.

The preview merged the file onto the records as they were when it was made (``bases``). At the
commit each row is compared with its base: a row the file does not change writes nothing (and
keeps its provenance), so importing the same file again writes no audit row. A changed row is
written on top of the record as it is now, read inside the write transaction, so an edit made
between preview and commit to another field is kept; the same field changed meanwhile to
another value is a ``ConflictError`` and nothing is written. Replace mode deletes only records
the preview listed, and only when unchanged since.
"""

from __future__ import annotations

from collections.abc import Callable

import shapely

from geo.ingest.columns import AUTO_COLUMNS
from geo.model.errors import DataError
from geo.store.edits import conflict_error
from geo.store.interface import NEW_RECORD, Store, Transaction, comparable, frame_rows
from geo.store.users import User, require_role

Progress = Callable[[int, int], None]

#: Provenance columns, and the change that makes each one follow the file.
_FOLLOWS = {"geom_source": "geometry", "village_source": "village", "name_source": "name"}


def _moved(a, b) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    return not shapely.equals_exact(a, b, 1e-9)


def _changed(row: dict, base: dict) -> list[str]:
    """The fields (and ``geometry``) whose values the row changes from its base."""
    out = [k for k in row if k != "geometry" and k not in AUTO_COLUMNS
           and comparable(row.get(k)) != comparable(base.get(k))]  # fmt: skip
    if "geometry" in row and _moved(row["geometry"], base.get("geometry")):
        out.append("geometry")
    return out


def _differs(a: dict, b: dict, field: str) -> bool:
    if field == "geometry":
        return _moved(a.get("geometry"), b.get("geometry"))
    return comparable(a.get(field)) != comparable(b.get(field))


def write_row(store: Store, tx: Transaction, layer: str, rid: str | None, row: dict,
              base: dict | None) -> None:  # fmt: skip
    """One imported row: inserted when new, else only its changed fields over the current record."""
    if base is None:
        tx.put(layer, row, rid, NEW_RECORD if rid else None)
        return
    fields = _changed(row, base)
    if not fields:
        return
    current = tx.record(layer, rid)
    if current is None or any(
        _differs(current[0], base, f) and _differs(current[0], row, f) for f in fields
    ):
        raise conflict_error(store, layer, rid, None)
    now, version = current
    new = {**now, **{f: row[f] for f in fields}}
    for col in AUTO_COLUMNS:  # provenance follows the values the file changed
        if col in row and _FOLLOWS.get(col, "value") in (*fields, "value"):
            new[col] = row[col]
    tx.put(layer, new, rid, version)


def delete_row(store: Store, tx: Transaction, layer: str, rid: str, base: dict) -> None:
    """Delete a record the preview listed for deletion, unless it changed since."""
    current = tx.record(layer, rid)
    if current is None:
        return
    if any(_differs(current[0], base, f) for f in {*current[0], *base} - set(AUTO_COLUMNS)):
        raise conflict_error(store, layer, rid, None)
    tx.delete(layer, rid, current[1])


def commit(preview, store: Store, user: User | None, reason: str = "",
           progress: Progress | None = None, every: int = 20) -> int | None:  # fmt: skip
    """Write the rows of a ``pipeline.Preview`` in one transaction (every row or none); returns the commit id
    (None when the file changes nothing). Only what the file changes is written, on top of the
    records as they are now (``geo.ingest.apply``); a clash is a ``ConflictError``."""
    require_role(user, "editor")
    if not preview.ok:
        details = [(i.message("zh"), i.message("en")) for i in preview.errors]
        raise DataError("import_blocked", details=details, n=len(preview.errors))
    target = preview.plan.target
    rows = frame_rows(preview.frame)
    keep = set(preview.record_ids)
    drop = [r for r in preview.bases if r not in keep] if preview.plan.mode == "replace" else []
    total, done = len(rows) + len(drop), 0
    with store.transaction(
        user.username, reason or f"import {preview.source_name}", "import"
    ) as tx:
        for rid in drop:
            delete_row(store, tx, target, rid, preview.bases[rid])
            done += 1
            if progress and (done % every == 0 or done == total):
                progress(done, total)
        for i, row in enumerate(rows):
            rid = preview.record_ids[i] if preview.record_ids else None
            write_row(store, tx, target, rid, row, preview.bases.get(rid) if rid else None)
            done += 1
            if progress and (done % every == 0 or done == total):
                progress(done, total)
        if tx.count:
            tx.set_layer_meta(target, {"imported_from": preview.source_name, "imported_by": user.username,
                                       "geom_source": preview.plan.geom_source})  # fmt: skip
    return tx.commit_id
