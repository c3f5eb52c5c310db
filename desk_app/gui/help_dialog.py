"""F1: the user guide (hướng dẫn sử dụng) shipped with the app, in a window the clerk can keep open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desk_app.resources import resource_path

if TYPE_CHECKING:
    from desk_app.gui.context import GuiContext

GUIDE = ("help", "huong-dan.html")


def read_guide() -> str:
    """Worker: the guide's HTML."""
    return resource_path(*GUIDE).read_text(encoding="utf-8")


class HelpDialog(QDialog):
    """The guide (loaded off the GUI thread) and, below it, the version and where the data is."""

    def __init__(self, ctx: GuiContext, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)  # nothing in the guide leaves the app
        self.about = QLabel(about)
        self.about.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.about)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 760, 640
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 80)
        self.resize(width, height)
        ctx.runner.run(read_guide, on_success=self.browser.setHtml, parent=self)
