"""Offline transfer: ``desk-app sync export --out FILE`` writes a signed, sequence-numbered file for a USB stick.

The file carries every pending period (or, with ``everything``, every period holding data) and every changed
dossier record, signed with the key derived from the hub token (desk_app.domain.syncfile). The sequence
number advances in the same transaction that marks the exported items as sent; the file is written to a
temporary name first and renamed only after that commit, so a crash never leaves a numbered file the desk
does not know about.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from desk_app.domain import syncfile
from desk_app.fsutil import write_atomic
from desk_app.services.sync.outbox import mark_everything
from desk_app.services.sync.worker import (
    K_SEQ,
    _dossier_records,
    _require_config,
    value_set,
)
from desk_app.store import settings
from desk_app.store.db import Database
from desk_app.store.models_sync import SyncDirtyDossier, SyncOutboxItem


def export_file(db: Database, out: Path, *, everything: bool = False) -> dict[str, Any]:
    cfg = _require_config(db)
    if everything:
        with db.transaction() as s:
            mark_everything(s)
    with db.session() as s:
        items = [
            (r.period, r.generation)
            for r in s.scalars(
                select(SyncOutboxItem).where(SyncOutboxItem.state != "sent").order_by(SyncOutboxItem.period)
            )
        ]
        dirty = s.execute(select(SyncDirtyDossier.dossier_id, SyncDirtyDossier.generation)).all()
    values: list[dict[str, Any]] = []
    for period, _g in items:
        values += value_set(db, period, cfg["unit"])["data_values"]
    body = {
        "batch_id": uuid.uuid4().hex,
        "unit": cfg["unit"],
        "complete_periods": [p for p, _g in items],
        "data_values": values,
        "dossiers": _dossier_records(db, [d.dossier_id for d in dirty]),
    }
    tmp = out.with_name(f".{out.name}.part")
    with db.transaction() as s:
        seq = int(settings.get(s, K_SEQ) or 0) + 1
        settings.put(s, K_SEQ, seq)
        payload = {
            "format": syncfile.FORMAT,
            "unit": cfg["unit"],
            "sequence": seq,
            "created_at": datetime.now().isoformat(timespec="seconds"),
            "value_set": body,
        }
        write_atomic(tmp, syncfile.pack(syncfile.offline_key(cfg["token"]), payload))
        for period, generation in items:
            row = s.get(SyncOutboxItem, period)
            if row is not None and row.generation == generation:
                row.state, row.sent_generation, row.error = "sent", generation, ""
                row.sent_at = datetime.now().replace(microsecond=0)
        for d in dirty:
            s.execute(
                delete(SyncDirtyDossier).where(
                    SyncDirtyDossier.dossier_id == d.dossier_id, SyncDirtyDossier.generation == d.generation
                )
            )
    os.replace(tmp, out)
    return {
        "file": str(out),
        "sequence": seq,
        "periods": [p for p, _g in items],
        "dossiers": len(body["dossiers"]),
    }
