"""Recording a slip's print when it is really printed or saved, never when its preview opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desk_app.services.lifecycle import slip_print

if TYPE_CHECKING:
    from desk_app.gui.context import GuiContext
    from desk_app.gui.pdf_preview import PdfPreviewDialog


def watch_slip_prints(ctx: GuiContext, dialog: PdfPreviewDialog, code: str) -> None:
    """Record the slip's print each time ``dialog`` sends it to a printer or saves it as a PDF."""

    def record(how: str) -> None:
        ctx.runner.run(
            lambda: slip_print.record_slip_print(ctx.db, code, ctx.user, how=how),
            on_success=lambda _n: ctx.dossiersChanged.emit(),
        )

    dialog.printed.connect(lambda _name: record("printer"))
    dialog.saved.connect(lambda _path: record("pdf"))
