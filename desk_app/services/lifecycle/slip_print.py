"""Opening a slip's preview is not a print (xem trước không phải là in).

``slip_preview`` renders the intake slip (Mẫu 01) of a dossier without recording anything; the mark it carries
("BẢN IN LẠI", the reprint number) follows the prints recorded so far, so only a second real print is
stamped as a reprint. ``record_slip_print`` appends the ``print`` audit event once the preview was really sent
to a printer or saved as a PDF. The window now records through services.lifecycle.print_jobs (the print
recorded first, then exactly the recorded PDF printed; see services.lifecycle.prints for a failed printer);
``record_slip_print`` stays for callers that print the preview's own bytes.
"""

from __future__ import annotations

from desk_app.services.lifecycle import prints
from desk_app.store.db import Database

SLIP = "slip"


def slip_preview(db: Database, code: str, *, paper: str | None = None) -> bytes:
    """PDF of the slip of ``code`` as its next real print would be (nothing is recorded)."""
    return prints.render_preview(db, code, SLIP, prints._build_slip, paper=paper)


def record_slip_print(db: Database, code: str, actor: str = "", *, how: str = "printer") -> int:
    """Record one real print (or PDF save) of the slip of ``code``; the reprint number (0 = first)."""
    with db.transaction() as session:
        dossier = prints.find_dossier(session, code)
        return prints.record_print(session, dossier, SLIP, actor, detail={"output": how})
