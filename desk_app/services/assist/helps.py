"""The assistance log (sổ hỗ trợ dịch vụ công trực tuyến): record a help in one transaction, list them.

What is stored (domain.md §9): when, who helped, at which counter, how long; the kind of help and its
outcome (with the reason when not done); whether the citizen already had VNeID level 2; the procedure or
dossier concerned; the citizen's consent; their name and phone; the ID number ONLY masked plus a keyed hash
(:mod:`desk_app.services.assist.secret`). Without consent the entry keeps no personal data at all (it still
counts). Free text (note, reason) has ID-like and phone-like digit runs masked before it is stored. Never a
password, an OTP or a photo: there is no place for them.

A dossier filed online with the clerk's help (kind ``online_filing``, outcome ``done``, a procedure) is
recorded as an online dossier (channel ``online``, VNeID login) linked to the help, in the same transaction,
so it counts in the online channel and in the help counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.assist import (
    HELP_KIND_VI,
    NOT_DONE_REASONS,
    OUTCOME_VI,
    HelpKind,
    Outcome,
    clean_id_number,
    id_hash,
)
from desk_app.domain.errors import ValidationError
from desk_app.domain.identity import mask_id, normalise_phone
from desk_app.domain.states import State
from desk_app.domain.text import clean_line, nfc
from desk_app.logmask import mask_text
from desk_app.services.assist.secret import load_or_create
from desk_app.services.intake.applicants import ApplicantInput, upsert_applicant
from desk_app.services.intake.codes import agency_code_at, issue_code
from desk_app.services.intake.inputs import FeeInput
from desk_app.services.intake.quote import due_for, procedure_at, settle_fee
from desk_app.services.setup import catalog
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import Counter, Dossier, DossierEvent, Unit
from desk_app.store.models_assist import HelpEntry

FUTURE_TOLERANCE = timedelta(minutes=15)
ONLINE_NAME = "Công dân (nộp trực tuyến)"  # the applicant of an online dossier filed without consent
_TOKEN = re.compile(r"^[0-9A-Za-z_.:-]{1,64}$")
_SPACED_ID = re.compile(r"(?<!\d)\d(?:[ .\-]?\d){8,11}(?!\d)")
_PORTAL_CODE = re.compile(r"^[0-9A-Z][0-9A-Z.\-]{5,79}$")


@dataclass(frozen=True)
class HelpInput:
    """One help as typed at the counter (or read from ``assist add`` JSON).

    ``id_number`` is used only to mask and hash it; ``at`` None means now. ``reason`` (when not done) is a
    code of ``domain.assist.NOT_DONE_REASONS`` or free text. ``dossier_code``: the code the portal gave an
    online dossier (a local code is issued when it is empty).
    """

    kind: str
    outcome: str = Outcome.DONE.value
    at: datetime | None = None
    full_name: str = ""
    id_number: str = ""
    phone: str = ""
    had_level2: bool | None = None
    procedure_code: str = ""
    dossier_code: str = ""
    consent: bool = False
    reason: str = ""
    minutes: int | None = None
    note: str = ""
    paid_online: bool = False
    client_token: str | None = None


@dataclass(frozen=True)
class HelpResult:
    id: int
    at: datetime
    kind: str
    outcome: str
    id_masked: str
    dossier_code: str
    created: bool
    repeat_visits: int  # earlier helps for the same ID number


def _bad(field: str, message: str, vi: str) -> ValidationError:
    return ValidationError(message, vi, field=field)


def scrub(text: str, id_number: str = "") -> str:
    """Free text without the citizen's ID number and with every ID- or phone-like digit run masked."""
    value = nfc(text or "")
    if id_number:
        value = value.replace(id_number, mask_id(id_number))
    value = _SPACED_ID.sub(lambda m: mask_id(re.sub(r"\D", "", m.group())), value)
    return mask_text(value)


def check_help(inp: HelpInput, *, now: datetime) -> HelpInput:
    """A cleaned copy of ``inp`` or ValidationError naming the field."""
    try:
        kind = HelpKind(inp.kind).value
    except ValueError:
        raise _bad(
            "kind",
            f"kind must be one of {', '.join(k.value for k in HelpKind)}.",
            "Cần chọn loại hỗ trợ.",
        ) from None
    try:
        outcome = Outcome(inp.outcome).value
    except ValueError:
        raise _bad(
            "outcome", "outcome must be done or not_done.", "Kết quả phải là thành công hoặc chưa thành công."
        ) from None
    at = (inp.at or now).replace(second=0, microsecond=0, tzinfo=None)
    if at > now + FUTURE_TOLERANCE:
        raise _bad(
            "at",
            f"The time {at:%Y-%m-%d %H:%M} is in the future.",
            "Thời gian hỗ trợ không được ở tương lai.",
        )
    raw_id = (inp.id_number or "").strip()
    id_number = clean_id_number(raw_id)
    if raw_id and not id_number:
        raise _bad(
            "citizen.id_number",
            "A personal ID number has 12 digits (or 9 for an old ID card).",
            "Số định danh cá nhân gồm 12 chữ số (hoặc 9 chữ số với CMND cũ).",
        )
    phone = clean_line(inp.phone or "")
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as exc:
            raise _bad("citizen.phone", exc.message, exc.vi) from None
    name = clean_line(inp.full_name or "")
    if len(name) > 200:
        raise _bad("citizen.full_name", "The full name is too long.", "Họ và tên quá dài (tối đa 200 ký tự).")
    reason = clean_line(inp.reason or "")
    if outcome == Outcome.NOT_DONE and not reason:
        raise _bad("reason", "Say why the help did not succeed.", "Cần ghi lý do chưa hỗ trợ được.")
    minutes = inp.minutes
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 600
    ):
        raise _bad(
            "minutes", "minutes must be a whole number 0–600.", "Thời gian hỗ trợ (phút) phải từ 0 đến 600."
        )
    note = nfc(inp.note or "")
    if len(note) > 2000:
        raise _bad(
            "note", "The note is too long (2000 characters at most).", "Ghi chú quá dài (tối đa 2000 ký tự)."
        )
    token = inp.client_token.strip() if inp.client_token else None
    if token is not None and not _TOKEN.match(token):
        raise _bad(
            "client_token", "client_token: 1–64 letters, digits or _.:-", "Mã chống lưu trùng không hợp lệ."
        )
    dossier_code = clean_line(inp.dossier_code or "").upper()
    if dossier_code and not _PORTAL_CODE.match(dossier_code):
        raise _bad(
            "dossier_code", f"{dossier_code!r} is not a dossier code.", "Mã hồ sơ không đúng định dạng."
        )
    procedure = clean_line(inp.procedure_code or "")
    if kind == HelpKind.ONLINE_FILING and outcome == Outcome.DONE and not procedure:
        raise _bad(
            "procedure",
            "An online filing that succeeded needs its procedure.",
            "Hồ sơ đã nộp trực tuyến: cần chọn thủ tục.",
        )
    return replace(
        inp,
        kind=kind,
        outcome=outcome,
        at=at,
        full_name=name,
        id_number=id_number,
        phone=phone,
        reason=reason,
        note=note,
        client_token=token,
        dossier_code=dossier_code,
        procedure_code=procedure,
        consent=bool(inp.consent),
    )


def _counter_number(session: Session) -> int:
    try:
        return int(settings.get(session, "counter_number"))
    except (TypeError, ValueError):
        return 1


def _online_dossier(session: Session, clean: HelpInput, actor: str, token: str) -> Dossier:
    """The online dossier filed with this help (applicant: the name only; the portal holds the rest)."""
    at = clean.at
    assert at is not None
    unit = session.scalars(select(Unit).limit(1)).first()
    if unit is None:
        raise ValidationError(
            "No unit is set up yet: run `desk-app init` first.", "Chưa khai báo đơn vị.", field="procedure"
        )
    counter_no = _counter_number(session)
    counter = session.scalars(
        select(Counter).where(Counter.unit_id == unit.id, Counter.number == counter_no)
    ).first()
    proc = procedure_at(session, clean.procedure_code, at.date())
    if clean.dossier_code:
        if session.scalar(select(Dossier.id).where(Dossier.code == clean.dossier_code)) is not None:
            raise _bad(
                "dossier_code",
                f"The dossier code {clean.dossier_code} is already in the database.",
                f"Mã hồ sơ {clean.dossier_code} đã có trong dữ liệu.",
            )
        code = clean.dossier_code
    else:
        code = issue_code(session, agency_code_at(session, unit, at.date()), at.date(), counter_no)
    applicant = upsert_applicant(
        session,
        ApplicantInput(full_name=clean.full_name if clean.consent and clean.full_name else ONLINE_NAME),
    )
    amount, method, _known = settle_fee(
        proc, FeeInput(method="online") if clean.paid_online else None, "online"
    )
    due = due_for(session, proc, at)
    dossier = Dossier(
        code=code,
        client_token=f"assist-{token}"[:64],
        unit_id=unit.id,
        counter_id=counter.id if counter else None,
        procedure_id=proc.id,
        applicant_id=applicant.id,
        channel="online",
        return_via="online",
        state=State.RECEIVED.value,
        received_at=at,
        due_at=due,
        fee_amount=amount,
        fee_method=method,
        paid_online=method == "online",
        vneid_verified=True,  # the portal takes only VNeID logins since 01/7/2024 (NĐ 59/2022)
        note="Nộp trực tuyến với sự hỗ trợ của cán bộ một cửa",
        created_by=actor,
        updated_at=datetime.now().replace(microsecond=0),
    )
    session.add(dossier)
    session.flush()
    session.add(
        DossierEvent(
            dossier_id=dossier.id,
            action="receive",
            at=at,
            state_before=None,
            state_after=State.RECEIVED.value,
            actor=actor,
            data={"number": code, "counter": counter_no, "procedure": proc.code, "assisted_online": True},
        )
    )
    audit.record(
        session,
        "dossier.receive",
        actor=actor,
        entity="dossier",
        entity_id=dossier.id,
        detail={
            "number": code,
            "code": code,
            "procedure": proc.code,
            "state": State.RECEIVED.value,
            "channel": "online",
            "assisted": True,
            "received_at": at.strftime("%Y-%m-%dT%H:%M"),
            "due_at": due.strftime("%Y-%m-%dT%H:%M"),
            "counter": counter_no,
        },
    )
    return dossier


def log_help(db: Database, inp: HelpInput, actor: str = "") -> HelpResult:
    """Record one help (and its online dossier, when one was filed) in ONE transaction.

    The same ``client_token`` twice records once (``created=False`` the second time).
    """
    now = datetime.now()
    clean = check_help(inp, now=now)
    at = clean.at
    assert at is not None
    token = clean.client_token or uuid4().hex
    secret = load_or_create(Path(db.data_dir)) if clean.id_number and clean.consent else b""
    hashed = id_hash(secret, clean.id_number) if secret else ""
    reason_code, reason_text = "", ""
    if clean.outcome == Outcome.NOT_DONE:
        if clean.reason in NOT_DONE_REASONS:
            reason_code = clean.reason
        else:
            reason_code, reason_text = "other", scrub(clean.reason, clean.id_number)[:300]
    with db.transaction() as s:
        found = s.scalars(select(HelpEntry).where(HelpEntry.client_token == token)).first()
        if found is not None:
            return _result(s, found, created=False)
        if clean.procedure_code:
            catalog.find_procedure(s, clean.procedure_code)  # an unknown code is refused
        dossier: Dossier | None = None
        if clean.kind == HelpKind.ONLINE_FILING and clean.outcome == Outcome.DONE:
            dossier = _online_dossier(s, clean, actor, token)
        keep = clean.consent
        entry = HelpEntry(
            client_token=token,
            at=at,
            kind=clean.kind,
            outcome=clean.outcome,
            reason=reason_code,
            reason_text=reason_text,
            full_name=clean.full_name if keep else "",
            phone=clean.phone if keep else "",
            id_masked=mask_id(clean.id_number) if keep else "",
            id_hash=hashed,
            had_level2=clean.had_level2,
            procedure_code=clean.procedure_code,
            dossier_id=dossier.id if dossier else None,
            dossier_code=dossier.code if dossier and dossier.code else clean.dossier_code,
            consent=clean.consent,
            staff=actor,
            counter=_counter_number(s),
            minutes=clean.minutes,
            note=scrub(clean.note, clean.id_number),
            created_at=now.replace(microsecond=0),
        )
        s.add(entry)
        s.flush()
        audit.record(
            s,
            "assist.help",
            actor=actor,
            entity="help",
            entity_id=entry.id,
            detail={
                "kind": entry.kind,
                "outcome": entry.outcome,
                "at": at.strftime("%Y-%m-%dT%H:%M"),
                "id": entry.id_masked,
                "dossier": entry.dossier_code or None,
            },
        )
        return _result(s, entry, created=True)


def _result(session: Session, entry: HelpEntry, *, created: bool) -> HelpResult:
    repeats = 0
    if entry.id_hash:
        repeats = len(
            session.scalars(
                select(HelpEntry.id).where(HelpEntry.id_hash == entry.id_hash, HelpEntry.id < entry.id)
            ).all()
        )
    return HelpResult(
        entry.id, entry.at, entry.kind, entry.outcome, entry.id_masked, entry.dossier_code, created, repeats
    )


def help_dict(entry: HelpEntry) -> dict[str, Any]:
    """The ``assist list --json`` shape: masked ID only, never the full number, never the hash."""
    return {
        "id": entry.id,
        "at": entry.at.strftime("%Y-%m-%dT%H:%M"),
        "kind": entry.kind,
        "kind_label": HELP_KIND_VI.get(entry.kind, entry.kind),
        "outcome": entry.outcome,
        "outcome_label": OUTCOME_VI.get(entry.outcome, entry.outcome),
        "reason": entry.reason,
        "reason_label": entry.reason_text or NOT_DONE_REASONS.get(entry.reason, ""),
        "full_name": entry.full_name,
        "phone": entry.phone,
        "id_number": entry.id_masked,
        "had_level2": entry.had_level2,
        "procedure": entry.procedure_code,
        "dossier_code": entry.dossier_code,
        "consent": entry.consent,
        "staff": entry.staff,
        "counter": entry.counter,
        "minutes": entry.minutes,
        "note": entry.note,
    }


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00): inclusive dates as a half-open range of moments."""
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def list_helps(db: Database, start: date, end: date, *, kind: str | None = None) -> list[dict[str, Any]]:
    """The helps given from ``start`` to ``end`` (inclusive), oldest first."""
    low, high = day_bounds(start, end)
    with db.session() as session:
        stmt = select(HelpEntry).where(HelpEntry.at >= low, HelpEntry.at < high)
        if kind:
            stmt = stmt.where(HelpEntry.kind == kind)
        return [help_dict(e) for e in session.scalars(stmt.order_by(HelpEntry.at, HelpEntry.id))]


def _as_bool(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if value in (None, ""):
        return False
    if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes", "co", "có"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "0", "no", "khong", "không"):
        return False
    raise _bad(field, f"{field} must be true or false.", f"Trường {field} phải là true hoặc false.")


def input_from_json(obj: Any) -> HelpInput:
    """A HelpInput from one ``assist add`` object (the contract in README "Helping citizens online")."""
    if not isinstance(obj, dict):
        raise _bad("", "each entry must be a JSON object", "Mỗi mục phải là một đối tượng JSON.")
    citizen = obj.get("citizen") or {}
    if not isinstance(citizen, dict):
        raise _bad("citizen", "citizen must be an object", "Thông tin công dân không hợp lệ.")
    at_raw = obj.get("at")
    try:
        at = datetime.fromisoformat(str(at_raw)) if at_raw else None
    except ValueError:
        raise _bad(
            "at", f"at: {at_raw!r} is not YYYY-MM-DDTHH:MM", "Thời gian hỗ trợ không hợp lệ."
        ) from None
    level2 = obj.get("had_level2")
    minutes = obj.get("minutes")
    return HelpInput(
        kind=str(obj.get("kind") or ""),
        outcome=str(obj.get("outcome") or Outcome.DONE.value),
        at=at,
        full_name=str(citizen.get("full_name") or ""),
        id_number=str(citizen.get("id_number") or ""),
        phone=str(citizen.get("phone") or ""),
        had_level2=None if level2 is None else _as_bool(level2, "had_level2"),
        procedure_code=str(obj.get("procedure") or ""),
        dossier_code=str(obj.get("dossier_code") or ""),
        consent=_as_bool(obj.get("consent"), "consent"),
        reason=str(obj.get("reason") or ""),
        minutes=minutes if isinstance(minutes, int) or minutes is None else -1,
        note=str(obj.get("note") or ""),
        paid_online=_as_bool(obj.get("paid_online"), "paid_online"),
        client_token=str(obj["client_token"]) if obj.get("client_token") else None,
    )
