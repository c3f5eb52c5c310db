"""Postal documents as PDF/XLSX bytes: a dossier's address label, a day's manifest, the monthly statement.

Each print is audited: ``print`` with form ``postal_label`` on the dossier (a second print is marked as a
reprint in the audit detail; the window's preview, :func:`label_preview`, records nothing: the print is recorded
by :func:`record_label_print` when the clerk prints or saves it, and a print that did not come out is
cancelled by services.lifecycle.prints.print_failed), ``postal.manifest`` and ``postal.statement`` in :mod:`.manifests`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import NotFound, ValidationError
from desk_app.domain.postal import ItemKind, ItemState, Period
from desk_app.printing import postal as pdf
from desk_app.services.lifecycle.dossier_view import get_dossier
from desk_app.services.lifecycle.prints import Recorded, print_count, unit_header
from desk_app.services.postal import manifests
from desk_app.services.postal.items import LABEL_SIZES
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import Dossier, Unit
from desk_app.store.models_postal import PostalItem

FORMATS = ("pdf", "xlsx")
LABEL = "postal_label"


def _label(session: Session, code: str, size: str | None) -> tuple[bytes, dict[str, Any], Dossier]:
    dossier = get_dossier(session, code)
    unit = session.scalars(select(Unit).limit(1)).first()
    if unit is None:
        raise NotFound("No unit is set up yet.", "Chưa khai báo đơn vị.")
    item = session.scalars(
        select(PostalItem)
        .where(PostalItem.dossier_id == dossier.id, PostalItem.kind == ItemKind.RETURN.value)
        .order_by(PostalItem.id.desc())
    ).first()
    if item is not None and item.state == ItemState.UNDELIVERABLE:
        item = None  # the next shipment gets a new number
    chosen = (size or (item.label_size if item is not None else "A6")).strip().upper()
    if chosen not in LABEL_SIZES:
        raise ValidationError(
            f"Label size must be one of {', '.join(LABEL_SIZES)}.",
            "Khổ nhãn phải là A6, DL hoặc C5.",
            "size",
        )
    header = unit_header(session)
    hotline = str(settings.get(session, "hotline") or "") or unit.phone
    applicant = dossier.applicant
    data = pdf.LabelData(
        sender_name=f"{header.office} - {unit.name}",
        sender_address=unit.address,
        sender_phone=hotline,
        recipient_name=applicant.full_name,
        recipient_address=item.address if item is not None and item.address else applicant.address,
        recipient_phone=applicant.phone,
        code=dossier.code or "",
        item_number=item.number if item is not None else None,
        item_free=item is not None and item.number_kind == "free",
        fee=item.fee if item is not None else None,
        payer=item.payer if item is not None else "citizen",
        size=chosen,
    )
    count = print_count(session, dossier, LABEL)
    detail = {
        "form": LABEL,
        "code": dossier.code,
        "item": data.item_number,
        "paper": chosen,
        "reprint": count > 0,
        "count": count,
    }
    return pdf.render_label(data), detail, dossier


def label(
    db: Database, code: str, *, size: str | None = None, actor: str = ""
) -> tuple[bytes, dict[str, Any]]:
    """The address label of dossier ``code``'s result shipment (the latest return item, if any); the print is
    recorded (the CLI's ``desk-app postal label``: it prints or saves)."""
    recorded, detail = _record_label(db, code, size, actor, None)
    return recorded.pdf, detail


def label_preview(db: Database, code: str, *, size: str | None = None) -> bytes:
    """The address label as its next print would be; nothing is recorded (a preview is not a print)."""
    with db.session() as session:
        try:
            return _label(session, code, size)[0]
        finally:
            session.rollback()


def record_label_print(
    db: Database, code: str, *, size: str | None = None, actor: str = "", how: str = "printer"
) -> Recorded:
    """The real print (or PDF save) of the address label: rendered and audited in one transaction."""
    return _record_label(db, code, size, actor, how)[0]


def _record_label(
    db: Database, code: str, size: str | None, actor: str, how: str | None
) -> tuple[Recorded, dict[str, Any]]:
    with db.transaction() as session:
        body, detail, dossier = _label(session, code, size)
        if how:
            detail["output"] = how
        event = audit.record(
            session, "print", actor=actor, entity="dossier", entity_id=dossier.id, detail=detail
        )
        recorded = Recorded(
            pdf=body,
            form=LABEL,
            count=int(detail["count"]),
            audit_id=event.id,
            entity="dossier",
            entity_id=str(dossier.id),
        )
        return recorded, detail


def manifest_pdf(
    db: Database,
    day: date | None = None,
    *,
    direction: str = "out",
    number: str | None = None,
    actor: str = "",
) -> tuple[bytes, dict[str, Any]]:
    data = manifests.manifest(db, day, direction=direction, number=number, actor=actor)
    return pdf.render_manifest(data), data.as_dict()


def manifest_preview_pdf(
    db: Database, day: date | None = None, *, direction: str = "out", actor: str = ""
) -> tuple[bytes, dict[str, Any], str | None]:
    """The hand-over manifest as its print would be (nothing written), its data, and the number of the existing
    manifest shown (a reprint: the print must reprint that one) or None for a new one."""
    data, existing = manifests.manifest_preview(db, day, direction=direction, actor=actor)
    return pdf.render_manifest(data), data.as_dict(), existing


def record_manifest_print(
    db: Database,
    day: date | None = None,
    *,
    direction: str = "out",
    number: str | None = None,
    actor: str = "",
    how: str = "printer",
) -> Recorded:
    """The real print of the manifest (made now when new): data, hand-over and audit in one transaction."""
    data, audit_id = manifests.record_manifest(
        db, day, direction=direction, number=number, actor=actor, how=how
    )
    return Recorded(
        pdf=pdf.render_manifest(data),
        form="postal_manifest",
        count=data.reprint_count,
        audit_id=audit_id,
        entity="postal_manifest",
        entity_id=data.number,
        number=data.number,
    )


def statement_file(
    db: Database, period: Period, fmt: str = "pdf", *, actor: str = ""
) -> tuple[bytes, dict[str, Any]]:
    kind = fmt.strip().lower()
    if kind not in FORMATS:
        raise ValidationError("The format must be pdf or xlsx.", "Định dạng phải là pdf hoặc xlsx.", "format")
    data = manifests.statement(db, period, actor=actor)
    body = pdf.render_statement(data) if kind == "pdf" else pdf.render_statement_xlsx(data)
    return body, data.as_dict()
