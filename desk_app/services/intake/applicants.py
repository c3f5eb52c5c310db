"""Applicants (người nộp hồ sơ) and representatives (người được ủy quyền): cleaning and storing.

Validation is pure (no database): :func:`clean_applicant` returns a normalised copy of what was typed or
raises :class:`~desk_app.domain.errors.ValidationError` whose ``field`` is ``"<prefix>.<attribute>"``, e.g.
``"applicant.phone"`` or ``"representative.id_number"``, so a screen can put the message beside the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import ValidationError
from desk_app.domain.identity import check_id_number, mask_id, normalise_phone
from desk_app.domain.text import ascii_digits, clean_line, fold
from desk_app.store import audit
from desk_app.store.models import Applicant

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_OLD_ID = re.compile(r"^(?:[0-9]{9}|[0-9]{12})$")
_GENDERS = {"nam": "Nam", "male": "Nam", "m": "Nam", "nu": "Nữ", "female": "Nữ", "f": "Nữ"}


@dataclass(frozen=True)
class ApplicantInput:
    """A person as typed at the counter: the applicant (người nộp) or a representative (người được ủy quyền).

    ``id_number`` is the 12-digit personal ID (số định danh cá nhân / CCCD) or an old 9-digit CMND;
    ``old_id_number`` the old CMND when a 12-digit number is given too. ``gender`` is "Nam" or "Nữ"
    (also accepted: "nu", "male", "female", …). Every part but ``full_name`` may be empty.
    """

    full_name: str
    id_number: str = ""
    old_id_number: str = ""
    birth_date: date | None = None
    gender: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


def _error(prefix: str, attr: str, message: str, vi: str) -> ValidationError:
    return ValidationError(message, vi, field=f"{prefix}.{attr}")


def clean_gender(value: str, prefix: str = "applicant") -> str:
    """``"Nam"``, ``"Nữ"`` or ``""``; anything else is refused."""
    text = clean_line(value)
    if not text:
        return ""
    gender = _GENDERS.get(fold(text))
    if gender is None:
        raise _error(
            prefix, "gender", f"Gender must be Nam or Nữ, not {text!r}.", "Giới tính phải là Nam hoặc Nữ."
        )
    return gender


def clean_applicant(
    person: ApplicantInput, prefix: str = "applicant", *, today: date | None = None
) -> ApplicantInput:
    """Normalise and check one person; raise ValidationError naming the field.

    Text becomes NFC with single spaces; the ID number is checked against the birth date and gender
    (domain.identity.check_id_number); the phone is normalised to a leading 0; the email must look like one.
    """
    who = "người nộp hồ sơ" if prefix == "applicant" else "người được ủy quyền"
    name = clean_line(person.full_name)
    if not name:
        raise _error(
            prefix, "full_name", f"The {prefix}'s full name is required.", f"Cần nhập họ và tên {who}."
        )
    if len(name) > 200:
        raise _error(
            prefix, "full_name", "The full name is too long.", "Họ và tên quá dài (tối đa 200 ký tự)."
        )
    gender = clean_gender(person.gender, prefix)
    birth = person.birth_date
    if birth is not None and birth > (today or date.today()):
        raise _error(
            prefix, "birth_date", "The birth date is in the future.", "Ngày sinh không được ở tương lai."
        )
    id_number = clean_line(person.id_number)
    if id_number:
        try:
            id_number = check_id_number(id_number, birth, gender or None)
        except ValidationError as exc:
            raise _error(prefix, "id_number", exc.message, exc.vi) from None
    old_id = re.sub(r"[\s.\-]", "", ascii_digits(person.old_id_number))
    if old_id and not _OLD_ID.match(old_id):
        raise _error(
            prefix,
            "old_id_number",
            "The old ID (CMND) number has 9 or 12 digits.",
            "Số CMND cũ phải gồm 9 hoặc 12 chữ số.",
        )
    phone = clean_line(person.phone)
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValidationError as exc:
            raise _error(prefix, "phone", exc.message, exc.vi) from None
    email = clean_line(person.email)
    if email and not _EMAIL.match(email):
        raise _error(
            prefix,
            "email",
            f"{email!r} is not an email address.",
            "Địa chỉ email không hợp lệ (ví dụ: ten@gmail.com).",
        )
    address = clean_line(person.address)
    if len(address) > 400:
        raise _error(prefix, "address", "The address is too long.", "Địa chỉ quá dài (tối đa 400 ký tự).")
    return replace(
        person,
        full_name=name,
        id_number=id_number,
        old_id_number=old_id,
        gender=gender,
        address=address,
        phone=phone,
        email=email,
    )


def person_dict(person: ApplicantInput) -> dict[str, Any]:
    """A cleaned person as stored in ``Dossier.representative`` (JSON)."""
    return {
        "full_name": person.full_name,
        "id_number": person.id_number,
        "old_id_number": person.old_id_number,
        "birth_date": person.birth_date.isoformat() if person.birth_date else None,
        "gender": person.gender,
        "address": person.address,
        "phone": person.phone,
        "email": person.email,
    }


class NameChanged(ValidationError):
    """The ID number is stored under another name: the clerk must see both and confirm the change."""

    def __init__(self, stored: str, typed: str, id_number: str) -> None:
        super().__init__(
            f"The ID number {mask_id(id_number)} is stored under the name {stored!r}, not {typed!r}: check the "
            "name, or confirm the change (accept_name_change). Earlier dossiers keep the name they were "
            "received with.",
            f"Số định danh này đã lưu với họ tên “{stored}”, khác với “{typed}” vừa nhập. Hãy kiểm tra lại "
            "hoặc xác nhận đổi tên (các hồ sơ trước vẫn giữ tên cũ).",
            field="applicant.full_name",
        )
        self.stored, self.typed = stored, typed


def upsert_applicant(
    session: Session, person: ApplicantInput, *, accept_name_change: bool = False, actor: str = ""
) -> Applicant:
    """The applicant row for a cleaned person: the newest one with the same ID number (its details
    updated with what was typed now; empty inputs keep the stored value), or a new row.

    A different name is never written over the stored one: every dossier keeps the name it was received
    with. Without ``accept_name_change`` it raises NameChanged (both names, for the clerk); with it, a new
    applicant row carries the new name (the earlier dossiers keep the old row) and the change is audited.
    """
    row: Applicant | None = None
    if person.id_number:
        row = session.scalars(
            select(Applicant)
            .where(Applicant.id_number == person.id_number)
            .order_by(Applicant.id.desc())
            .limit(1)
        ).first()
    if row is not None and row.full_name != person.full_name:
        if not accept_name_change:
            raise NameChanged(row.full_name, person.full_name, person.id_number or "")
        previous = row
        row = Applicant(full_name=person.full_name, id_number=person.id_number)
        for attr in ("old_id_number", "birth_date", "gender", "address", "phone", "email"):
            setattr(row, attr, getattr(previous, attr))
        session.add(row)
        session.flush()
        audit.record(
            session,
            "applicant.name_change",
            actor=actor,
            entity="applicant",
            entity_id=row.id,
            detail={"id_number": mask_id(person.id_number or ""), "previous_applicant": previous.id},
        )
    if row is None:
        row = Applicant(full_name=person.full_name, id_number=person.id_number)
        session.add(row)
    row.full_name = person.full_name
    row.folded_name = fold(person.full_name)
    for attr in ("old_id_number", "birth_date", "gender", "address", "phone", "email"):
        value = getattr(person, attr)
        if value not in ("", None):
            setattr(row, attr, value)
        elif getattr(row, attr, None) is None and attr != "birth_date":
            setattr(row, attr, "")
    session.flush()
    return row
