"""Form FeeBox, generated from ui/fee_box.ui by tools/build_ui.py (uic 6.12.0): do not edit."""

# ruff: noqa
from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QSpinBox

class Ui_FeeBox(object):
    def setupUi(self, feeBox: QGroupBox) -> None:
        if not feeBox.objectName():
            feeBox.setObjectName(u"feeBox")
        self.form = QFormLayout(feeBox)
        self.form.setObjectName(u"form")
        self.feeRuleText = QLabel(feeBox)
        self.feeRuleText.setObjectName(u"feeRuleText")
        self.feeRuleText.setWordWrap(True)

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.feeRuleText)

        self.pagesLabel = QLabel(feeBox)
        self.pagesLabel.setObjectName(u"pagesLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.pagesLabel)

        self.feePages = QSpinBox(feeBox)
        self.feePages.setObjectName(u"feePages")
        self.feePages.setMinimum(1)
        self.feePages.setMaximum(10000)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.feePages)

        self.copiesLabel = QLabel(feeBox)
        self.copiesLabel.setObjectName(u"copiesLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.copiesLabel)

        self.feeCopies = QSpinBox(feeBox)
        self.feeCopies.setObjectName(u"feeCopies")
        self.feeCopies.setMinimum(1)
        self.feeCopies.setMaximum(10000)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.feeCopies)

        self.amountLabel = QLabel(feeBox)
        self.amountLabel.setObjectName(u"amountLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.amountLabel)

        self.feeAmount = QSpinBox(feeBox)
        self.feeAmount.setObjectName(u"feeAmount")
        self.feeAmount.setSuffix(u" \u0111")
        self.feeAmount.setGroupSeparatorShown(True)
        self.feeAmount.setSingleStep(1000)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.feeAmount)

        self.methodLabel = QLabel(feeBox)
        self.methodLabel.setObjectName(u"methodLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.methodLabel)

        self.feeMethod = QComboBox(feeBox)
        self.feeMethod.setObjectName(u"feeMethod")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.feeMethod)

#if QT_CONFIG(shortcut)
        self.pagesLabel.setBuddy(self.feePages)
        self.copiesLabel.setBuddy(self.feeCopies)
        self.amountLabel.setBuddy(self.feeAmount)
        self.methodLabel.setBuddy(self.feeMethod)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(feeBox)

        QMetaObject.connectSlotsByName(feeBox)
    # setupUi

    def retranslateUi(self, feeBox: QGroupBox) -> None:
        feeBox.setTitle(QCoreApplication.translate("FeeBox", u"Fee", None))
        self.pagesLabel.setText(QCoreApplication.translate("FeeBox", u"Pages per copy", None))
        self.copiesLabel.setText(QCoreApplication.translate("FeeBox", u"Copies", None))
        self.amountLabel.setText(QCoreApplication.translate("FeeBox", u"Amount", None))
        self.methodLabel.setText(QCoreApplication.translate("FeeBox", u"Payment", None))
    # retranslateUi
