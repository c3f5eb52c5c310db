"""The applicant (người nộp hồ sơ) and the representative (người được ủy quyền) inputs.

The ID number is checked while it is typed (:func:`desk_app.domain.identity.check_id_number` against the
birth date and gender: province code, gender/century digit, birth year); the Vietnamese reason shows under
the field. The phone is normalised (``+84 912 345 678`` → ``0912345678``) when the field is left.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGroupBox, QWidget

from desk_app.domain.errors import ValidationError
from desk_app.domain.identity import CardPayload, check_id_number, normalise_phone
from desk_app.domain.text import clean_line, fold
from desk_app.gui import uiload
from desk_app.gui.forms.ui_person_form import Ui_PersonForm
from desk_app.gui.intake.ime import display_name
from desk_app.services.intake.applicants import ApplicantInput

GENDERS = ("", "Nam", "Nữ")  # the stored values themselves, so the items are filled here, not in the form
DATE_MASK = "00/00/0000;_"  # the birth date's input mask in ui/person_form.ui
_EMPTY_DATE = "//"


def parse_ddmmyyyy(text: str) -> date | None:
    """``"02/05/1990"`` → date; None when nothing was typed; ValueError for a half-typed or impossible date."""
    if text.replace("/", "").replace("_", "").strip() == "":
        return None
    parts = text.split("/")
    if len(parts) != 3 or not all(p.strip().isdigit() for p in parts) or len(parts[2].strip()) != 4:
        raise ValueError(text)
    return date(int(parts[2]), int(parts[1]), int(parts[0]))


class PersonForm(QGroupBox):
    """Name, ID number, date of birth, gender, address, phone, email of one person (ui/person_form.ui).

    ``prefix`` ("applicant" or "representative") is the first part of the service's
    ``ValidationError.field`` names, so :meth:`widget_for` finds the input of an error.
    ``compact`` (the representative) leaves out the old ID number and the email.
    """

    def __init__(
        self, title: str, prefix: str, parent: QWidget | None = None, *, compact: bool = False
    ) -> None:
        super().__init__(title, parent)
        self.prefix = prefix
        self.compact = compact
        self.setObjectName(f"{prefix}Form")
        self.ui = ui = uiload.setup(self, Ui_PersonForm)
        self.body = ui.body
        self.full_name = ui.full_name
        self.id_number = ui.id_number
        self.id_message = ui.idMessage
        self.id_message.setObjectName(f"{prefix}IdMessage")
        self.id_message.hide()
        self.old_id_number = ui.old_id_number
        self.birth_date = ui.birth_date
        self.gender = ui.gender
        for g in GENDERS:
            self.gender.addItem(g)
        self.address = ui.address
        # A Vietnamese address is long: its own full-width line under its label.
        position: Any = ui.form.getWidgetPosition(self.address)
        row = int(position[0])
        if row >= 0:
            taken = ui.form.takeRow(row)
            label = taken.labelItem.widget() if taken.labelItem is not None else None
            if label is not None:
                ui.form.insertRow(row, label)
                row += 1
            ui.form.insertRow(row, self.address)
        self.phone = ui.phone
        self.email = ui.email
        if compact:
            ui.form.setRowVisible(self.old_id_number, False)
            ui.form.setRowVisible(self.email, False)
        for name in (
            "full_name",
            "id_number",
            "old_id_number",
            "birth_date",
            "gender",
            "address",
            "phone",
            "email",
        ):
            getattr(self, name).setObjectName(f"{prefix}_{name}")
        self.id_number.textChanged.connect(self.check_id)
        self.id_number.editingFinished.connect(self.check_id)
        self.birth_date.textChanged.connect(self.check_id)
        self.gender.currentIndexChanged.connect(self.check_id)
        self.phone.editingFinished.connect(self.tidy_phone)

    # -- inputs in tab order ----------------------------------------------------------------------
    def inputs(self) -> list[QWidget]:
        widgets: list[QWidget] = [self.full_name, self.id_number]
        if not self.compact:
            widgets.append(self.old_id_number)
        widgets += [self.birth_date, self.gender, self.address, self.phone]
        if not self.compact:
            widgets.append(self.email)
        return widgets

    def widget_for(self, attr: str) -> QWidget:
        return getattr(self, attr, self.full_name)

    # -- live checks ------------------------------------------------------------------------------
    def check_id(self) -> str:
        """Check the ID number against the birth date and gender; the message shown ("" when fine)."""
        digits = "".join(ch for ch in self.id_number.text() if ch.isdigit())
        message = ""
        if digits and (len(digits) >= 12 or self._id_done()):
            try:
                born = parse_ddmmyyyy(self.birth_date.text())
            except ValueError:
                born = None
            try:
                check_id_number(self.id_number.text(), born, self.gender.currentText() or None)
            except ValidationError as exc:
                message = exc.vi
        self.id_message.setText(message)
        self.id_message.setVisible(bool(message))
        return message

    def _id_done(self) -> bool:
        return not self.id_number.hasFocus()

    def tidy_phone(self) -> None:
        """Normalise the phone when the clerk leaves the field (a wrong number is left as typed)."""
        text = self.phone.text().strip()
        if not text:
            return
        with contextlib.suppress(ValidationError):  # a wrong number stays as typed; the service says why
            self.phone.setText(normalise_phone(text))

    def gender_key(self, event: QKeyEvent) -> bool:
        """Keys on the gender box: N → Nam, U (as in "nu") or F → Nữ, Delete → blank. True when used."""
        letter = fold(event.text())
        index = {"n": 1, "m": 1, "u": 2, "f": 2, "1": 1, "2": 2}.get(letter)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            index = 0
        if index is None:
            return letter in ("a",)  # the rest of "nam": no effect
        self.gender.setCurrentIndex(index)
        return True

    # -- values -----------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(
            w.text().strip() for w in (self.full_name, self.id_number, self.address, self.phone, self.email)
        ) and self.birth_date.text() in ("", _EMPTY_DATE)

    def to_input(self) -> ApplicantInput:
        """What was typed, for the service (which cleans and validates it). ValidationError for a bad date."""
        try:
            born = parse_ddmmyyyy(self.birth_date.text())
        except ValueError:
            raise ValidationError(
                "The date of birth is not a date (dd/mm/yyyy).",
                "Ngày sinh không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 02/05/1990.",
                field=f"{self.prefix}.birth_date",
            ) from None
        return ApplicantInput(
            full_name=clean_line(self.full_name.text()),
            id_number=self.id_number.text().strip(),
            old_id_number=self.old_id_number.text().strip(),
            birth_date=born,
            gender=self.gender.currentText(),
            address=clean_line(self.address.text()),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
        )

    def fill_from_card(self, card: CardPayload) -> None:
        """Put a card's fields in; the phone, email and everything else stay as typed."""
        self.full_name.setText(display_name(card.full_name))
        self.id_number.setText(card.id_number)
        if card.old_id_number:
            self.old_id_number.setText(card.old_id_number)
        self.birth_date.setText(card.birth_date.strftime("%d/%m/%Y"))
        self.gender.setCurrentIndex(GENDERS.index(card.gender) if card.gender in GENDERS else 0)
        if card.address:
            self.address.setText(card.address)
        self.check_id()

    def clear(self) -> None:
        for w in (
            self.full_name,
            self.id_number,
            self.old_id_number,
            self.birth_date,
            self.address,
            self.phone,
            self.email,
        ):
            w.clear()
        self.gender.setCurrentIndex(0)
        self.id_message.clear()
        self.id_message.hide()
