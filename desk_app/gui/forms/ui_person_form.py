"""Form PersonForm, generated from ui/person_form.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

class Ui_PersonForm(object):
    def setupUi(self, personForm: QGroupBox) -> None:
        if not personForm.objectName():
            personForm.setObjectName(u"personForm")
        self.outer = QVBoxLayout(personForm)
        self.outer.setObjectName(u"outer")
        self.body = QWidget(personForm)
        self.body.setObjectName(u"body")
        self.form = QFormLayout(self.body)
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.fullNameLabel = QLabel(self.body)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.full_name = QLineEdit(self.body)
        self.full_name.setObjectName(u"full_name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.full_name)

        self.idNumberLabel = QLabel(self.body)
        self.idNumberLabel.setObjectName(u"idNumberLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.idNumberLabel)

        self.id_number = QLineEdit(self.body)
        self.id_number.setObjectName(u"id_number")
        self.id_number.setMaxLength(14)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.id_number)

        self.idMessage = QLabel(self.body)
        self.idMessage.setObjectName(u"idMessage")
        self.idMessage.setStyleSheet(u"color: #b00020;")
        self.idMessage.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.idMessage)

        self.oldIdNumberLabel = QLabel(self.body)
        self.oldIdNumberLabel.setObjectName(u"oldIdNumberLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.oldIdNumberLabel)

        self.old_id_number = QLineEdit(self.body)
        self.old_id_number.setObjectName(u"old_id_number")
        self.old_id_number.setMaxLength(12)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.old_id_number)

        self.birthDateLabel = QLabel(self.body)
        self.birthDateLabel.setObjectName(u"birthDateLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.birthDateLabel)

        self.birth_date = QLineEdit(self.body)
        self.birth_date.setObjectName(u"birth_date")
        self.birth_date.setInputMask(u"00/00/0000;_")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.birth_date)

        self.genderLabel = QLabel(self.body)
        self.genderLabel.setObjectName(u"genderLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.genderLabel)

        self.gender = QComboBox(self.body)
        self.gender.setObjectName(u"gender")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.gender)

        self.addressLabel = QLabel(self.body)
        self.addressLabel.setObjectName(u"addressLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.addressLabel)

        self.address = QLineEdit(self.body)
        self.address.setObjectName(u"address")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.address)

        self.phoneLabel = QLabel(self.body)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phone = QLineEdit(self.body)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(20)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phone)

        self.emailLabel = QLabel(self.body)
        self.emailLabel.setObjectName(u"emailLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(self.body)
        self.email.setObjectName(u"email")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.email)


        self.outer.addWidget(self.body)

#if QT_CONFIG(shortcut)
        self.fullNameLabel.setBuddy(self.full_name)
        self.idNumberLabel.setBuddy(self.id_number)
        self.oldIdNumberLabel.setBuddy(self.old_id_number)
        self.birthDateLabel.setBuddy(self.birth_date)
        self.genderLabel.setBuddy(self.gender)
        self.addressLabel.setBuddy(self.address)
        self.phoneLabel.setBuddy(self.phone)
        self.emailLabel.setBuddy(self.email)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(personForm)

        QMetaObject.connectSlotsByName(personForm)
    # setupUi

    def retranslateUi(self, personForm: QGroupBox) -> None:
        self.fullNameLabel.setText(QCoreApplication.translate("PersonForm", u"Full name", None))
        self.idNumberLabel.setText(QCoreApplication.translate("PersonForm", u"ID number", None))
        self.id_number.setPlaceholderText(QCoreApplication.translate("PersonForm", u"12 digits (or old 9-digit ID)", None))
        self.oldIdNumberLabel.setText(QCoreApplication.translate("PersonForm", u"Old ID (CMND)", None))
        self.birthDateLabel.setText(QCoreApplication.translate("PersonForm", u"Date of birth", None))
        self.birth_date.setPlaceholderText(QCoreApplication.translate("PersonForm", u"dd/mm/yyyy", None))
        self.genderLabel.setText(QCoreApplication.translate("PersonForm", u"Gender", None))
        self.addressLabel.setText(QCoreApplication.translate("PersonForm", u"Address", None))
        self.phoneLabel.setText(QCoreApplication.translate("PersonForm", u"Phone", None))
        self.emailLabel.setText(QCoreApplication.translate("PersonForm", u"Email", None))
        pass
    # retranslateUi
