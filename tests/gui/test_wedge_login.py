"""The barcode wedge and the sign-in dialog live together (the idle lock shows the dialog over the app)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


def test_sign_in_works_while_the_barcode_wedge_is_installed(qtbot: Any, gui_ctx: Any) -> None:
    """A typed password and Enter reach the sign-in form although the app-wide wedge watches every key."""
    from desk_app.gui import barcode_wedge
    from desk_app.gui.login import LoginDialog
    from desk_app.services.trust import auth

    auth.create_user(gui_ctx.db, "clerk", "Cán bộ clerk", "clerk", "clerk-pass-1", actor="setup")
    barcode_wedge.install(gui_ctx)
    dialog = LoginDialog(lambda: gui_ctx.db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.username, "clerk")
    qtbot.keyClicks(dialog.form.password, "clerk-pass-1")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.identity is not None, timeout=10000)
    assert dialog.identity.username == "clerk"
