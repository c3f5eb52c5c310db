"""The legal forms of the one-stop counter as PDF bytes.

A pure library: plain dataclasses in (:mod:`desk_app.printing.data`), ``bytes`` out. No GUI,
database or service imports. Text is printed in Liberation Serif (Times New Roman metrics),
shipped in ``resources/fonts``.

Render functions:

- :func:`render_slip` — Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả (A4/A5, 2 copies);
- :func:`render_supplement` — Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ;
- :func:`render_refusal` — Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ;
- :func:`render_apology` — Mẫu 04 (2025 văn bản xin lỗi và đề nghị gia hạn / 2018 phiếu xin lỗi);
- :func:`render_stop_notice` — 2025 Mẫu 05 Thông báo dừng giải quyết hồ sơ;
- :func:`render_control_sheet` — Phiếu kiểm soát quá trình giải quyết hồ sơ;
- :func:`render_tracking_book` — Sổ theo dõi hồ sơ (A4 landscape).

The wording of each form set (v2018, v2025) is data: :func:`load_form_set` (``resources/forms``).
"""

from .control_sheet import render_control_sheet
from .data import (
    DOCUMENT_KIND_LABELS,
    STEP_RESULT_LABELS,
    ApologyData,
    BookRow,
    ControlSheetData,
    ControlStep,
    DocumentKind,
    DocumentLine,
    FormSet,
    PageSize,
    RefusalData,
    Signature,
    SlipData,
    StepResult,
    StopNoticeData,
    SupplementData,
    TrackingBookData,
    UnitHeader,
)
from .fonts import DEFAULT_FONT_DIR, FontError, FontSet, register_fonts
from .notices import render_apology, render_refusal, render_stop_notice, render_supplement
from .slip import render_slip
from .templates import FORM_SETS, FormTexts, load_form_set
from .tracking_book import render_tracking_book

__all__ = [
    "DEFAULT_FONT_DIR",
    "DOCUMENT_KIND_LABELS",
    "FORM_SETS",
    "STEP_RESULT_LABELS",
    "ApologyData",
    "BookRow",
    "ControlSheetData",
    "ControlStep",
    "DocumentKind",
    "DocumentLine",
    "FontError",
    "FontSet",
    "FormSet",
    "FormTexts",
    "PageSize",
    "RefusalData",
    "Signature",
    "SlipData",
    "StepResult",
    "StopNoticeData",
    "SupplementData",
    "TrackingBookData",
    "UnitHeader",
    "load_form_set",
    "register_fonts",
    "render_apology",
    "render_control_sheet",
    "render_refusal",
    "render_slip",
    "render_stop_notice",
    "render_supplement",
    "render_tracking_book",
]
