"""Setting up a unit (the commune) on this PC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desk_app.domain.codes import check_agency_code, counter_range
from desk_app.domain.errors import NotFound, ValidationError
from desk_app.domain.text import clean_line
from desk_app.services.setup.calendar import seed_overrides
from desk_app.store import audit, settings
from desk_app.store.db import Database
from desk_app.store.models import AgencyCode, Counter, Unit


@dataclass(frozen=True)
class UnitInfo:
    id: int
    agency_code: str
    name: str
    province: str
    address: str
    governing_body: str
    office_name: str
    place_name: str
    counter: int


def init_unit(
    db: Database,
    agency_code: str,
    unit_name: str,
    *,
    province: str = "",
    address: str = "",
    counter: int = 1,
    governing_body: str = "",
    place_name: str = "",
    actor: str = "",
) -> UnitInfo:
    """Create the unit, or update it (a new agency code opens a new validity period)."""
    code = check_agency_code(agency_code)
    name = clean_line(unit_name)
    if not name:
        raise ValidationError("The unit name is required.", "Cần nhập tên đơn vị.", field="unit_name")
    counter_range(counter)
    province = clean_line(province)
    now = datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        unit = session.scalars(select(Unit).limit(1)).first()
        if unit is None:
            unit = Unit(agency_code=code, name=name, created_at=now)
            session.add(unit)
            session.flush()
            session.add(AgencyCode(unit_id=unit.id, code=code, valid_from=date.today()))
            seed_overrides(session)
        elif unit.agency_code != code:
            for period in unit.agency_codes:
                if period.valid_to is None:
                    period.valid_to = date.today()
            session.add(AgencyCode(unit_id=unit.id, code=code, valid_from=date.today()))
        unit.agency_code, unit.name = code, name
        unit.province = province or unit.province
        unit.address = clean_line(address) or unit.address
        short = name
        for prefix in ("Ủy ban nhân dân ", "UBND "):
            if short.lower().startswith(prefix.lower()):
                short = short[len(prefix) :]
        unit.governing_body = clean_line(governing_body) or unit.governing_body or _governing_body(province)
        unit.office_name = unit.office_name or f"Trung tâm Phục vụ hành chính công {short}"
        place = clean_line(place_name) or unit.place_name
        if not place:
            words = short.split()
            place = (
                " ".join(words[1:])
                if len(words) > 1 and words[0].lower() in ("xã", "phường", "đặc")
                else short
            )
        unit.place_name = place
        if (
            session.scalars(
                select(Counter).where(Counter.unit_id == unit.id, Counter.number == counter)
            ).first()
            is None
        ):
            session.add(Counter(unit_id=unit.id, number=counter, name=f"Quầy {counter}"))
        settings.put(session, "counter_number", counter)
        audit.record(
            session,
            "unit.init",
            actor=actor,
            entity="unit",
            entity_id=code,
            detail={"name": name, "province": province, "counter": counter},
        )
        session.flush()
        return _info(unit, counter)


# Centrally-run cities (thành phố trực thuộc trung ương) after the 2025 reorganisation.
_CITIES = {"hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế"}


def _governing_body(province: str) -> str:
    """ "Quảng Trị" → "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"; a name already saying tỉnh/thành phố is kept."""
    if not province:
        return ""
    lowered = province.lower()
    if lowered.startswith(("tỉnh ", "thành phố ")):
        return f"ỦY BAN NHÂN DÂN {province.upper()}"
    if lowered.startswith("tp"):
        return f"ỦY BAN NHÂN DÂN THÀNH PHỐ {province[3:].strip(' .').upper()}"
    if lowered in _CITIES:
        return f"ỦY BAN NHÂN DÂN THÀNH PHỐ {province.upper()}"
    return f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}"


def _info(unit: Unit, counter: int) -> UnitInfo:
    return UnitInfo(
        unit.id,
        unit.agency_code,
        unit.name,
        unit.province,
        unit.address,
        unit.governing_body,
        unit.office_name,
        unit.place_name,
        counter,
    )


def get_unit(db: Database) -> UnitInfo:
    with db.session() as session:
        unit = session.scalars(select(Unit).limit(1)).first()
        if unit is None:
            raise NotFound(
                "No unit is set up yet: run `desk-app init --agency-code CODE --unit-name NAME` or `desk-app demo`.",
                "Chưa khai báo đơn vị. Hãy chạy khởi tạo đơn vị hoặc dữ liệu mẫu.",
            )
        return _info(unit, int(settings.get(session, "counter_number")))


def first_start(
    db: Database,
    agency_code: str,
    unit_name: str,
    *,
    province: str = "",
    counter: int = 1,
    actor: str = "setup",
) -> UnitInfo:
    """The first start of a PC: create the unit and, when the catalog is empty, load the shipped one."""
    from desk_app.services.setup import catalog

    unit = init_unit(db, agency_code, unit_name, province=province, counter=counter, actor=actor)
    if not catalog.list_procedures(db):
        catalog.import_seed(db)
    return unit
