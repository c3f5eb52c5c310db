"""The settings screen's use cases (cài đặt): read the unit and this PC's settings, save them in one go.

``save`` validates everything first, then writes the unit fields and the settings in one transaction with
one audit event naming what changed. A new agency code opens a new validity period (codes changed with the
2025 merger; dossiers keep the code they were received under).
"""

from __future__ import annotations

import re
from dataclasses import MISSING, asdict, dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk_app.domain.codes import check_agency_code, counter_range
from desk_app.domain.errors import NotFound, ValidationError
from desk_app.domain.registers import (
    DEFAULT_SUFFIXES,
    LETTER_FORMS,
    PLACEHOLDER_SIGNER,
    check_form_sets,
    check_numbering,
    check_suffix,
    parse_volume_rule,
)
from desk_app.domain.text import clean_line
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import AgencyCode, Counter, Unit

PAPER_SIZES = ("A4", "A5")
FONT_PERCENTS = (100, 115, 130)
_PHONE = re.compile(r"^[0-9+(). -]{0,20}$")
# Unit columns the screen edits, and the settings keys it edits.
UNIT_FIELDS = ("unit_name", "agency_code", "province", "address", "phone")
SETTING_KEYS = (
    "counter_number",
    "paper_size",
    "lookup_url",
    "hotline",
    "due_soon_working_days",
    "printer",
    "idle_lock_minutes",
    "backup_second_path",
    "font_percent",
)


@dataclass(frozen=True)
class SettingsForm:
    """What the settings page shows and saves."""

    unit_name: str
    agency_code: str
    province: str
    address: str
    phone: str
    counter_number: int
    paper_size: str
    lookup_url: str
    hotline: str
    due_soon_working_days: int
    printer: str
    idle_lock_minutes: int = 10  # the screen locks after this long without input (0: never)
    backup_second_path: str = ""  # a USB stick or network share that also receives the automatic backups
    font_percent: int = 100  # the window's text size (FONT_PERCENTS)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load(db: Database) -> SettingsForm:
    """The current values (settings defaults where nothing was saved)."""
    with db.session() as session:
        unit = session.scalars(select(Unit).limit(1)).first()
        if unit is None:
            raise NotFound("No unit is set up yet.", "Chưa khai báo đơn vị.")
        values = settings.get_all(session)
        return SettingsForm(
            unit_name=unit.name,
            agency_code=unit.agency_code,
            province=unit.province,
            address=unit.address,
            phone=unit.phone,
            counter_number=int(values["counter_number"]),
            paper_size=str(values["paper_size"]),
            lookup_url=str(values["lookup_url"]),
            hotline=str(values["hotline"]),
            due_soon_working_days=int(values["due_soon_working_days"]),
            printer=str(values["printer"]),
            idle_lock_minutes=int(values.get("idle_lock_minutes") or 0),
            backup_second_path=str(values.get("backup_second_path") or ""),
            font_percent=int(values.get("font_percent") or 100),
        )


def idle_lock_minutes(db: Database) -> float:
    """Minutes without input after which the screen locks (0: never)."""
    with db.session() as s:
        return float(settings.get(s, "idle_lock_minutes") or 0)


def validate(form: SettingsForm) -> SettingsForm:
    """The cleaned form, or a ValidationError naming the first bad field (with a Vietnamese message)."""
    name = clean_line(form.unit_name)
    if not name:
        raise ValidationError("The unit name is required.", "Cần nhập tên đơn vị.", field="unit_name")
    code = check_agency_code(form.agency_code)
    counter_range(int(form.counter_number))
    if form.paper_size not in PAPER_SIZES:
        raise ValidationError(
            "Paper size must be A4 or A5.", "Khổ giấy phải là A4 hoặc A5.", field="paper_size"
        )
    url = form.lookup_url.strip()
    if url and not re.match(r"^https?://\S+$", url):
        raise ValidationError(
            "The lookup address must start with http:// or https://.",
            "Địa chỉ tra cứu phải bắt đầu bằng http:// hoặc https://.",
            field="lookup_url",
        )
    if url and "{code}" not in url:
        raise ValidationError(
            "The lookup address must contain {code} where the dossier code goes.",
            "Địa chỉ tra cứu phải có {code} ở chỗ điền mã hồ sơ.",
            field="lookup_url",
        )
    for key, value in (("hotline", form.hotline), ("phone", form.phone)):
        if not _PHONE.match(value.strip()):
            raise ValidationError(
                f"{key}: only digits, spaces and + ( ) . - are allowed.",
                "Số điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . -",
                field=key,
            )
    days = int(form.due_soon_working_days)
    if not 0 <= days <= 30:
        raise ValidationError(
            "Warning days must be between 0 and 30.",
            "Số ngày cảnh báo phải từ 0 đến 30.",
            field="due_soon_working_days",
        )
    idle = int(form.idle_lock_minutes)
    if not 0 <= idle <= 240:
        raise ValidationError(
            "The idle lock must be between 0 (never) and 240 minutes.",
            "Thời gian tự khóa màn hình phải từ 0 (không khóa) đến 240 phút.",
            field="idle_lock_minutes",
        )
    if int(form.font_percent) not in FONT_PERCENTS:
        raise ValidationError(
            "The text size must be 100%, 115% or 130%.",
            "Cỡ chữ phải là 100%, 115% hoặc 130%.",
            field="font_percent",
        )
    second = form.backup_second_path.strip()
    if second and not Path(second).is_absolute():
        raise ValidationError(
            "The second backup place must be a full path (e.g. /media/usb/saoluu).",
            "Nơi sao lưu thứ hai phải là đường dẫn đầy đủ (ví dụ /media/usb/saoluu).",
            field="backup_second_path",
        )
    return replace(
        form,
        font_percent=int(form.font_percent),
        idle_lock_minutes=idle,
        backup_second_path=second,
        unit_name=name,
        agency_code=code,
        province=clean_line(form.province),
        address=clean_line(form.address),
        phone=form.phone.strip(),
        counter_number=int(form.counter_number),
        lookup_url=url,
        hotline=form.hotline.strip(),
        due_soon_working_days=days,
        printer=clean_line(form.printer),
    )


def save(db: Database, form: SettingsForm, actor: str = "") -> SettingsForm:
    """Validate and save everything in one transaction; the saved values."""
    form = validate(form)
    with db.transaction() as session:
        unit = session.scalars(select(Unit).limit(1)).first()
        if unit is None:
            raise NotFound("No unit is set up yet.", "Chưa khai báo đơn vị.")
        before = {
            "unit_name": unit.name,
            "agency_code": unit.agency_code,
            "province": unit.province,
            "address": unit.address,
            "phone": unit.phone,
        }
        before.update({k: settings.get(session, k) for k in SETTING_KEYS})
        if unit.agency_code != form.agency_code:
            for period in unit.agency_codes:
                if period.valid_to is None:
                    period.valid_to = date.today()
            session.add(
                AgencyCode(unit_id=unit.id, code=form.agency_code, valid_from=date.today(), note="settings")
            )
        unit.name, unit.agency_code, unit.province = form.unit_name, form.agency_code, form.province
        unit.address, unit.phone = form.address, form.phone
        exists = session.scalars(
            select(Counter).where(Counter.unit_id == unit.id, Counter.number == form.counter_number)
        ).first()
        if exists is None:
            session.add(
                Counter(unit_id=unit.id, number=form.counter_number, name=f"Quầy {form.counter_number}")
            )
        _put_and_audit(session, SETTING_KEYS, before, form.to_dict(), "settings.save", unit.id, actor)
    return form


def _put_and_audit(
    session: Any,
    keys: tuple[str, ...],
    before: dict[str, Any],
    after: dict[str, Any],
    event: str,
    unit_id: int,
    actor: str,
) -> None:
    """Store the settings ``keys`` of ``after`` and record one audit event naming what changed."""
    for key in keys:
        settings.put(session, key, after[key])
    changed = {k: after[k] for k in after if before.get(k) != after[k]}
    audit.record(
        session, event, actor=actor, entity="settings", entity_id=str(unit_id), detail={"changed": changed}
    )


def form_from(values: dict[str, Any]) -> SettingsForm:
    """A form from a plain dict (missing keys are an error)."""
    return SettingsForm(
        **{
            f.name: values[f.name]
            if f.name in values or f.default is MISSING
            else values.get(f.name, f.default)
            for f in fields(SettingsForm)
        }
    )


# -- Forms: header, form sets, register, letter numbers, signers (issue 15) ---------------------------------

#: Letters whose signature block is a setting (a refusal at the counter is signed by the officer).
SIGNED_FORMS = ("refusal", "apology", "stop")
FORM_SETTING_KEYS = (
    "form_sets",
    "register_volume",
    "register_numbering",
    "number_suffixes",
    "form_signers",
    "lookup_caption",
)


@dataclass(frozen=True)
class FormSettings:
    """What the printed forms take from the unit's set-up (separate from :class:`SettingsForm`, whose screen
    does not show it): the left header block (governing body, the unit's office by its current name, the
    place on the date line), the form sets with their effective dates, the register's volume rule, the
    letters' number suffixes, the signature blocks and the QR caption."""

    governing_body: str
    office_name: str
    place_name: str
    form_sets: list[dict[str, str]]
    register_volume: str
    register_numbering: str
    number_suffixes: dict[str, str]
    form_signers: dict[str, dict[str, str]]
    lookup_caption: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_forms(db: Database) -> FormSettings:
    """The current form settings (defaults where nothing was saved)."""
    with db.session() as session:
        unit = session.scalars(select(Unit).limit(1)).first()
        if unit is None:
            raise NotFound("No unit is set up yet.", "Chưa khai báo đơn vị.")
        values = settings.get_all(session)
        signers = {form: dict((values["form_signers"] or {}).get(form) or {}) for form in SIGNED_FORMS}
        return FormSettings(
            governing_body=unit.governing_body,
            office_name=unit.office_name,
            place_name=unit.place_name,
            form_sets=list(values["form_sets"]),
            register_volume=str(values["register_volume"]),
            register_numbering=str(values["register_numbering"]),
            number_suffixes={**DEFAULT_SUFFIXES, **dict(values["number_suffixes"] or {})},
            form_signers={
                f: {k: str(s.get(k, "")) for k in ("capacity", "title", "name")} for f, s in signers.items()
            },
            lookup_caption=str(values.get("lookup_caption") or ""),
        )


def validate_forms(form: FormSettings) -> FormSettings:
    """The cleaned form settings, or a ValidationError naming the first bad field."""
    signers: dict[str, dict[str, str]] = {}
    for name, entry in form.form_signers.items():
        if name not in SIGNED_FORMS:
            raise ValidationError(
                f"No signature block for {name!r} (one of: {', '.join(SIGNED_FORMS)}).",
                "Mẫu này không có khối chữ ký để cài đặt.",
                field="form_signers",
            )
        title = clean_line(str(entry.get("title", ""))).upper()
        if title == PLACEHOLDER_SIGNER:
            raise ValidationError(
                "THỦ TRƯỞNG CƠ QUAN is the template's placeholder: give the real title (e.g. CHỦ TỊCH).",
                "“THỦ TRƯỞNG CƠ QUAN” chỉ là chỗ trống trong mẫu: hãy ghi chức vụ thật (ví dụ CHỦ TỊCH).",
                field="form_signers",
            )
        signers[name] = {
            "capacity": clean_line(str(entry.get("capacity", ""))).upper(),
            "title": title,
            "name": clean_line(str(entry.get("name", ""))),
        }
    rule = parse_volume_rule(form.register_volume)
    return replace(
        form,
        governing_body=clean_line(form.governing_body),
        office_name=clean_line(form.office_name),
        place_name=clean_line(form.place_name),
        form_sets=check_form_sets(form.form_sets),
        register_volume=str(rule),
        register_numbering=check_numbering(form.register_numbering),
        number_suffixes={
            f: check_suffix(f, form.number_suffixes.get(f) or DEFAULT_SUFFIXES[f]) for f in LETTER_FORMS
        },
        form_signers=signers,
        lookup_caption=clean_line(form.lookup_caption),
    )


def save_forms(db: Database, form: FormSettings, actor: str = "") -> FormSettings:
    """Validate and save the form settings in one transaction with one audit event naming what changed.

    Changing the form sets changes the set of dossiers that did not keep one at intake only; numbers already
    given (register, letters) never change."""
    form = validate_forms(form)
    with db.transaction() as session:
        unit = session.scalars(select(Unit).limit(1)).first()
        if unit is None:
            raise NotFound("No unit is set up yet.", "Chưa khai báo đơn vị.")
        before: dict[str, Any] = {
            "governing_body": unit.governing_body,
            "office_name": unit.office_name,
            "place_name": unit.place_name,
        }
        before.update({k: settings.get(session, k) for k in FORM_SETTING_KEYS})
        unit.governing_body, unit.office_name, unit.place_name = (
            form.governing_body,
            form.office_name,
            form.place_name,
        )
        _put_and_audit(session, FORM_SETTING_KEYS, before, form.to_dict(), "settings.forms", unit.id, actor)
    return form


def forms_from(current: FormSettings, values: dict[str, Any]) -> FormSettings:
    """``current`` with the keys of ``values`` replaced (the CLI's and the dialog's partial edits)."""
    known = {f.name for f in fields(FormSettings)}
    unknown = set(values) - known
    if unknown:
        raise ValidationError(
            f"Unknown form setting(s): {', '.join(sorted(unknown))}.",
            "Có mục cài đặt mẫu biểu không hợp lệ.",
            field=sorted(unknown)[0],
        )
    return replace(current, **values)


MAX_OFFICIALS = 200


def officials(db: Database) -> list[str]:
    """The officials and departments a dossier may be forwarded to (kept by an admin), in their order."""
    with db.session() as session:
        return [str(v) for v in settings.get(session, "officials") or []]


def save_officials(db: Database, names: list[str], actor: str = "") -> list[str]:
    """Replace the list (blank lines and repeats dropped, order kept); one transaction with its audit event."""
    cleaned: list[str] = []
    for name in names:
        line = clean_line(name)
        if line and line not in cleaned:
            cleaned.append(line)
    if len(cleaned) > MAX_OFFICIALS:
        raise ValidationError(
            f"At most {MAX_OFFICIALS} names.", f"Danh sách tối đa {MAX_OFFICIALS} tên.", field="officials"
        )
    with db.transaction() as session:
        settings.put(session, "officials", cleaned)
        audit.record(
            session, "settings.officials", actor=actor, entity="settings", detail={"count": len(cleaned)}
        )
    return cleaned
