"""Issuing dossier codes (mã hồ sơ, TT 01/2018/TT-VPCP Điều 19) and counter-side form numbers.

A code is ``<agency code>-<YYMMDD>-<XXXX>``. Each counter (quầy) owns a disjoint block of the day's
sequence (``domain.codes.counter_range``: counter 1 → 0001–0999, counter 2 → 1001–1999, …), so PCs that
work offline never issue the same code. The last number issued per (agency code, day, counter) lives in
the ``code_sequences`` table and is bumped inside the caller's write transaction; writer transactions
begin IMMEDIATE, so two processes on one database take turns.

Guidance (Mẫu 02) and refusal (Mẫu 03) slips given at the counter carry a number, not a dossier code:
``HD-YYMMDD-XXXX`` and ``TC-YYMMDD-XXXX``, from the same table and the same counter blocks.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.codes import check_agency_code, counter_range, format_code, parse_code
from desk_app.domain.errors import UserError, ValidationError
from desk_app.store.models import AgencyCode, CodeSequence, Dossier, Unit

GUIDANCE_PREFIX = "HD"
REFUSAL_PREFIX = "TC"


def agency_code_at(session: Session, unit: Unit, day: date) -> str:
    """The unit's agency code valid on ``day`` (codes changed with the 2025 merger).

    A day before the first recorded period takes the earliest period's code; with no history at all the
    unit's current code.
    """
    periods = list(
        session.scalars(
            select(AgencyCode).where(AgencyCode.unit_id == unit.id).order_by(AgencyCode.valid_from)
        )
    )
    for period in reversed(periods):
        if period.valid_from <= day and (period.valid_to is None or day < period.valid_to):
            return period.code
    if periods and day < periods[0].valid_from:
        return periods[0].code
    return unit.agency_code


def _code_taken(session: Session, code: str) -> bool:
    return session.scalar(select(Dossier.id).where(Dossier.code == code).limit(1)) is not None


def _next_seq(session: Session, key: str, day: date, counter: int, check_taken: bool = False) -> int:
    first, last = counter_range(counter)
    row = session.get(CodeSequence, (key, day, counter))
    seq = first if row is None else max(row.last + 1, first)
    # One indexed lookup per candidate (a LIKE on the prefix would scan the whole table).
    while check_taken and seq <= last and _code_taken(session, format_code(key, day, seq)):
        seq += 1
    if seq > last:
        raise UserError(
            f"Counter {counter} has issued all {last - first + 1} numbers of its block for {day:%d/%m/%Y}; "
            "receive at another counter or change this PC's counter number.",
            f"Quầy {counter} đã dùng hết {last - first + 1} số trong khối của ngày {day:%d/%m/%Y}. "
            "Hãy tiếp nhận ở quầy khác hoặc nhờ quản trị đổi số quầy của máy này.",
        )
    if row is None:
        session.add(CodeSequence(agency_code=key, day=day, counter=counter, last=seq))
    else:
        row.last = seq
    return seq


def issue_code(session: Session, agency: str, day: date, counter: int) -> str:
    """The next dossier code of ``counter`` for ``day``; UserError when the counter's block is used up.

    Codes already stored (backlog entries typed in, a database restored from an older backup) are skipped.
    """
    seq = _next_seq(session, agency, day, counter, check_taken=True)
    return format_code(agency, day, seq)


def issue_number(session: Session, prefix: str, day: date, counter: int) -> str:
    """A guidance (``HD``) or refusal (``TC``) slip number: ``HD-260213-0001``."""
    seq = _next_seq(session, prefix, day, counter)
    return f"{prefix}-{day:%y%m%d}-{seq:04d}"


def claim_existing_code(session: Session, text: str, day: date, agency: str, counter: int) -> str:
    """Check a code typed from a paper backlog slip and reserve it.

    The code must have the right shape, a valid agency code, the date ``day`` (the dossier's received_at)
    and must not be stored yet. When it lies in this counter's block of ``agency`` on that day the
    sequence is moved above it, so the codes issued later that day never repeat it.
    """
    parsed = parse_code(text)
    try:
        check_agency_code(parsed.agency)
    except ValidationError as exc:
        raise ValidationError(exc.message, exc.vi, field="code") from None
    code = str(parsed)
    if parsed.seq == 0:
        raise ValidationError(
            f"{code}: the sequence number starts at 0001.",
            "Số thứ tự trong mã hồ sơ bắt đầu từ 0001.",
            field="code",
        )
    if parsed.day != day:
        raise ValidationError(
            f"The code {code} is dated {parsed.day:%d/%m/%Y} but the dossier was received on {day:%d/%m/%Y}.",
            f"Mã hồ sơ {code} mang ngày {parsed.day:%d/%m/%Y}, khác ngày nhận hồ sơ {day:%d/%m/%Y}. "
            "Kiểm tra lại mã hoặc ngày nhận.",
            field="code",
        )
    if _code_taken(session, code):
        raise ValidationError(
            f"The dossier code {code} is already in the database.",
            f"Mã hồ sơ {code} đã có trong dữ liệu: hồ sơ này đã được nhập trước đó.",
            field="code",
        )
    first, last = counter_range(counter)
    if parsed.agency == agency and first <= parsed.seq <= last:
        row = session.get(CodeSequence, (agency, day, counter))
        if row is None:
            session.add(CodeSequence(agency_code=agency, day=day, counter=counter, last=parsed.seq))
        elif row.last < parsed.seq:
            row.last = parsed.seq
    return code
