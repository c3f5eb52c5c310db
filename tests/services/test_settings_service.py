"""Settings saved from the settings page: the lock and second-backup settings of the trust work."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.services.setup import settings as settings_service
from desk_app.store import settings


def test_idle_lock_and_second_backup_round_trip(unit_db: object) -> None:
    form = settings_service.load(unit_db)  # type: ignore[arg-type]
    assert form.idle_lock_minutes == 10 and form.backup_second_path == ""
    saved = settings_service.save(
        unit_db,  # type: ignore[arg-type]
        replace(form, idle_lock_minutes=3, backup_second_path=" /media/usb/saoluu "),
        actor="admin",
    )
    assert saved.backup_second_path == "/media/usb/saoluu"
    with unit_db.session() as s:  # type: ignore[attr-defined]
        assert settings.get(s, "idle_lock_minutes") == 3
        assert settings.get(s, "backup_second_path") == "/media/usb/saoluu"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"idle_lock_minutes": 999}, "idle_lock_minutes"),
        ({"backup_second_path": "usb"}, "backup_second_path"),
    ],
)
def test_bad_values_are_refused_in_vietnamese(unit_db: object, change: dict[str, object], field: str) -> None:
    form = settings_service.load(unit_db)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as err:
        settings_service.save(unit_db, replace(form, **change))  # type: ignore[arg-type]
    assert err.value.field == field and err.value.vi != err.value.message


def test_form_from_an_older_dict_keeps_defaults() -> None:
    values = {
        "unit_name": "UBND xã Gio Sơn",
        "agency_code": "001.05.12.H49",
        "province": "",
        "address": "",
        "phone": "",
        "counter_number": 1,
        "paper_size": "A5",
        "lookup_url": "",
        "hotline": "",
        "due_soon_working_days": 2,
        "printer": "",
    }
    assert settings_service.form_from(values).idle_lock_minutes == 10
