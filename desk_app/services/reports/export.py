"""Writing a computed report to a file: JSON, XLSX or PDF, each written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from desk_app.domain.errors import ValidationError
from desk_app.fsutil import write_atomic
from desk_app.services.reports.report import Report

FORMATS = ("json", "xlsx", "pdf")


def render(report: Report, fmt: str, *, prepared_by: str = "") -> bytes:
    """The bytes of ``report`` in ``fmt`` (json, xlsx or pdf)."""
    data = report.to_dict()
    if fmt == "json":
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "xlsx":
        from desk_app.printing.report_xlsx import render_report_xlsx

        return render_report_xlsx(data)
    if fmt == "pdf":
        from desk_app.printing.report_pdf import render_report_pdf

        return render_report_pdf(data, prepared_by=prepared_by)
    raise ValidationError(
        f"Unknown format {fmt!r}: json, xlsx or pdf.", "Định dạng tệp không hợp lệ.", field="format"
    )


def write(report: Report, path: Path, fmt: str, *, prepared_by: str = "") -> Path:
    """Write ``report`` to ``path`` atomically (temp file, fsync, rename); return the path."""
    return write_atomic(path, render(report, fmt, prepared_by=prepared_by))
