"""A preview is not a print: every form the window previews is recorded only when really printed or saved.

:func:`preview_job` renders a :class:`~desk_app.services.lifecycle.print_jobs.PrintJob` in the background
(nothing written) and opens it in a :class:`~desk_app.gui.pdf_preview.PdfPreviewDialog` whose
:class:`~desk_app.gui.pdf_preview.PrintRecorder` records the real print (number, final PDF and audit event in
one transaction) once the clerk has chosen the printer or the file. :func:`job_recorder` builds that recorder
for a preview rendered elsewhere (the intake page renders its form right after the save).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desk_app.services.lifecycle import print_jobs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desk_app.gui.context import GuiContext
    from desk_app.gui.pdf_preview import PdfPreviewDialog, PrintRecorder
    from desk_app.services.lifecycle.prints import Recorded


def job_recorder(
    ctx: GuiContext, job: print_jobs.PrintJob, done: Callable[[Recorded], None] | None = None
) -> PrintRecorder:
    """The recorder of ``job``'s real prints, as the signed-in user; ``done`` after each one came out."""
    from desk_app.gui.pdf_preview import PrintRecorder

    db, user = ctx.db, ctx.user

    def finished(recorded: Recorded) -> None:
        ctx.dossiersChanged.emit()
        if done is not None:
            done(recorded)

    return PrintRecorder(
        record=lambda how: print_jobs.record(db, job, user, how),
        failed=lambda recorded, reason: print_jobs.failed(db, recorded, user, reason),
        done=finished,
    )


def preview_job(
    ctx: GuiContext,
    parent: QWidget,
    job: print_jobs.PrintJob,
    title: str,
    file_name: str,
    shown: Callable[[PdfPreviewDialog], None],
    *,
    done: Callable[[Recorded], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Render ``job``'s preview in the background, then open it (``shown(dialog)``); nothing is recorded
    until the clerk prints it or saves it as PDF."""

    def show(pdf: bytes) -> None:
        from desk_app.gui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(
            ctx, pdf, title, parent, file_name=file_name, recorder=job_recorder(ctx, job, done)
        )
        shown(dialog)
        dialog.open()

    ctx.runner.run(print_jobs.preview, ctx.db, job, on_success=show, on_error=on_error, parent=parent)
