"""The demo commune (dữ liệu mẫu): ``desk-app demo`` fills an empty data directory.

It sets up the unit (an illustrative Quảng Trị commune), loads the shipped catalog and writes a few hundred
made-up dossiers received over the last four months, in every state a dossier can be in, each with its
applicant, documents, fee, moves (DossierEvent) and supplement episodes, in one transaction with an audit
event per dossier; then the citizens helped at the counter over those months (:mod:`.helps`). The result
depends only on ``seed`` and ``today``.
"""

from __future__ import annotations

from collections import Counter as Tally
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.orm import Session

from desk_app.demo import people as dd
from desk_app.demo.helps import build_helps
from desk_app.demo.life import LifePlanner, ProcInfo
from desk_app.demo.rows import DossierFactory, Picked, Rows
from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.states import State
from desk_app.services.setup import catalog
from desk_app.services.setup import unit as setup
from desk_app.services.setup.calendar import calendar_from_session
from desk_app.store import audit
from desk_app.store.db import Database
from desk_app.store.models import (
    AgencyCode,
    Applicant,
    CodeSequence,
    Counter,
    Dossier,
    DossierDocument,
    DossierEvent,
    Procedure,
    SupplementEpisode,
    Unit,
)

MAX_DOSSIERS = 20_000  # beyond this, use bench/build_db.py (counter blocks hold 999 codes a day)
WINDOW_DAYS = 122  # "the last four months"


def procedure_infos(session: Session) -> list[ProcInfo]:
    """The current catalog as the planner sees it."""
    return [
        ProcInfo(
            p.id,
            p.code,
            p.version,
            p.name,
            p.field,
            p.processing_value,
            p.processing_unit,
            p.cutoff_time,
            dict(p.fee_rule or {}),
            list(p.documents or []),
            p.online_level,
            p.result_is_paper,
        )
        for p in catalog.current_procedures(session)
    ]


def insert_rows(conn: Connection, rows: Rows) -> None:
    """Insert one batch of factory rows into the models' tables (Core executemany: ids are given, and the
    ORM's bulk path costs several times more for the same rows)."""
    for model, batch in (
        (Applicant, rows.applicants),
        (Dossier, rows.dossiers),
        (DossierDocument, rows.documents),
        (DossierEvent, rows.events),
        (SupplementEpisode, rows.episodes),
    ):
        if batch:
            conn.execute(insert(model), batch)


def _refuse_if_used(session: Session) -> None:
    n = session.scalar(select(func.count(Dossier.id))) or 0
    if n:
        raise UserError(
            f"This data directory already holds {n} dossiers; the demo needs an empty data directory "
            "(choose another with --data-dir).",
            f"Thư mục dữ liệu này đã có {n} hồ sơ. Dữ liệu mẫu chỉ tạo được trong một thư mục dữ liệu trống.",
        )
    unit = session.scalars(select(Unit).limit(1)).first()
    if unit is not None and (unit.agency_code, unit.name) != (dd.AGENCY_CODE, dd.UNIT_NAME):
        raise UserError(
            f"This data directory is set up for {unit.name} ({unit.agency_code}); the demo needs an empty "
            "data directory (choose another with --data-dir).",
            f"Thư mục dữ liệu này đã được khai báo cho {unit.name}. Dữ liệu mẫu chỉ tạo được trong thư mục trống.",
        )


def build_demo(
    db: Database, *, dossiers: int = 400, seed: int = 7, today: date | None = None, actor: str = "demo"
) -> dict[str, Any]:
    """Fill an empty data directory with the demo commune, the catalog and ``dossiers`` dossiers.

    Everything happens before ``today`` (default: the real today), so nothing lies in the future.
    Returns a summary: unit, agency_code, dossiers, by_state (every state, 0 included), procedures,
    received_from / received_to, seed, today.
    """
    if not 0 <= dossiers <= MAX_DOSSIERS:
        raise ValidationError(
            f"--dossiers must be between 0 and {MAX_DOSSIERS} (bench/build_db.py builds larger databases).",
            f"Số hồ sơ mẫu phải từ 0 đến {MAX_DOSSIERS}.",
            field="dossiers",
        )
    today = today or date.today()
    with db.session() as session:
        _refuse_if_used(session)
    setup.init_unit(
        db,
        dd.AGENCY_CODE,
        dd.UNIT_NAME,
        province=dd.PROVINCE,
        address=dd.UNIT_ADDRESS,
        counter=1,
        actor=actor,
    )
    if not catalog.list_procedures(db):
        catalog.import_seed(db)
    first = today - timedelta(days=WINDOW_DAYS)
    with db.transaction() as session:
        _refuse_if_used(session)
        unit = session.scalars(select(Unit).limit(1)).one()
        unit.phone = unit.phone or "02333812345"
        for period in session.scalars(
            select(AgencyCode).where(AgencyCode.unit_id == unit.id, AgencyCode.valid_to.is_(None))
        ):
            period.valid_from = min(period.valid_from, first)
        counter = session.scalars(
            select(Counter).where(Counter.unit_id == unit.id, Counter.number == 1)
        ).one()
        procs = procedure_infos(session)
        if not procs:
            raise UserError("The procedure catalog is empty.", "Danh mục thủ tục đang trống.")
        calendar = calendar_from_session(session)
        planner = LifePlanner(calendar, first, datetime.combine(today, time(0, 0)))
        factory = DossierFactory(
            planner, procs, unit_id=unit.id, agency=unit.agency_code, counter_ids={1: counter.id}, seed=seed
        )
        picked: list[Picked] = []
        states = list(State)
        for i in range(dossiers):
            # The first ones are planned toward each state in turn, so every state is there to see.
            picked.append(factory.toward(states[i]) if i < len(states) else factory.natural())
        rows = factory.render(picked)
        insert_rows(session.connection(), rows)
        if factory.seqs:
            session.execute(insert(CodeSequence), factory.code_sequences())
        uses = Tally(d["procedure_id"] for d in rows.dossiers)
        for proc_id, n in uses.items():
            session.execute(
                update(Procedure).where(Procedure.id == proc_id).values(use_count=Procedure.use_count + n)
            )
        for dossier_id, action, clerk, detail in rows.receipts:
            audit.record(
                session,
                action,
                actor=clerk,
                entity="dossier",
                entity_id=dossier_id,
                detail=detail,
            )
        by_state = {s.value: 0 for s in State}
        by_state.update(Tally(d["state"] for d in rows.dossiers))
        received = [d["received_at"] for d in rows.dossiers]
        summary: dict[str, Any] = {
            "unit": unit.name,
            "agency_code": unit.agency_code,
            "dossiers": len(rows.dossiers),
            "by_state": by_state,
            "procedures": len(procs),
            "received_from": min(received).date().isoformat() if received else None,
            "received_to": max(received).date().isoformat() if received else None,
            "seed": seed,
            "today": today.isoformat(),
        }
        audit.record(
            session,
            "demo.build",
            actor=actor,
            entity="unit",
            entity_id=unit.agency_code,
            detail={"dossiers": len(rows.dossiers), "seed": seed, "today": today.isoformat()},
        )
    # The citizens helped with VNeID and the portal over the same months (one in eight, as many as a counter
    # logs beside its dossiers), through the clerk's own service.
    summary["helps"] = build_helps(db, calendar, count=dossiers // 8, first=first, today=today, seed=seed)
    return summary
