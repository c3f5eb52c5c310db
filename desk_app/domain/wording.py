"""Words a clerk uses for stored values (từ ngữ hiển thị): payment methods, channels, ratings, audit sentences.

The database keeps short English codes ("cash", "postal", "satisfied", "dossier.forward"); the screen shows
Vietnamese. ``label`` maps one code of a kind, ``event_sentence`` turns one audit event of a dossier into a
sentence such as "Nguyễn Văn Hùng chuyển xử lý hồ sơ cho Công chức Tư pháp lúc 09:23 30/11/2026". Pure: no I/O.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.domain.states import STATE_LABEL_VI, State

PAYMENT_METHOD_VI = {
    "cash": "Tiền mặt",
    "online": "Thanh toán trực tuyến",
    "unpaid": "Chưa nộp",
    "exempt": "Miễn",
}
CHANNEL_VI = {"direct": "Trực tiếp", "postal": "Qua bưu chính", "online": "Trực tuyến (có hỗ trợ)"}
RETURN_VIA_VI = {"counter": "Tại Bộ phận Một cửa", "postal": "Qua bưu chính", "online": "Trực tuyến"}
RATING_VI = {"satisfied": "Hài lòng", "neutral": "Bình thường", "dissatisfied": "Không hài lòng"}
FORM_VI = {
    "slip": "Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)",
    "guidance": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
    "apology": "Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "stop": "Thông báo dừng giải quyết hồ sơ",
    "control": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "book": "Sổ theo dõi hồ sơ",
}
KINDS = {
    "payment": PAYMENT_METHOD_VI,
    "channel": CHANNEL_VI,
    "return_via": RETURN_VIA_VI,
    "rating": RATING_VI,
    "form": FORM_VI,
}

# What each audited action on a dossier says, after the person's name.
_VERBS = {
    "dossier.receive": "tiếp nhận hồ sơ",
    "dossier.guide": "hướng dẫn bổ sung (chưa tiếp nhận)",
    "dossier.refuse": "từ chối tiếp nhận hồ sơ",
    "dossier.forward": "chuyển xử lý hồ sơ",
    "dossier.request-supplement": "yêu cầu bổ sung hồ sơ",
    "dossier.supplement-received": "nhận hồ sơ bổ sung",
    "dossier.request-payment": "yêu cầu thực hiện nghĩa vụ tài chính",
    "dossier.payment-received": "ghi nhận đã thực hiện nghĩa vụ tài chính",
    "dossier.extend": "xin lỗi, gia hạn hồ sơ",
    "dossier.withdraw": "ghi nhận công dân xin rút hồ sơ",
    "dossier.stop": "dừng xử lý hồ sơ",
    "dossier.result-ready": "ghi nhận có kết quả",
    "dossier.return": "trả kết quả",
    "print": "in",
    "print-failed": "in không thành công (lần in không được tính)",
    "preview": "xem trước",
    "page.attach": "gắn trang số hóa",
    "page.remove": "gỡ trang số hóa",
    "result.attach": "gắn kết quả điện tử",
    "result.remove": "gỡ kết quả điện tử",
    "document.reuse": "dùng lại giấy tờ đã số hóa",
    "inbox.route": "nhận bản quét từ thư mục",
    "inbox.process": "nhận bản quét từ thư mục",
    "privacy.export": "xuất dữ liệu cá nhân",
}


def label(kind: str, code: str | None) -> str:
    """The Vietnamese word for ``code`` of ``kind`` (payment, channel, return_via, rating, form); "" for none."""
    if not code:
        return ""
    return KINDS.get(kind, {}).get(code, code)


def state_vi(state: str | None) -> str:
    try:
        return STATE_LABEL_VI[State(state or "")]
    except ValueError:
        return state or ""


def when(text: str | None) -> str:
    """An ISO moment as ``HH:mm dd/MM/yyyy``; "" for none; the text itself when it is not a moment."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return str(text)
    return moment.strftime("%H:%M %d/%m/%Y")


def event_sentence(action: str, who: str, detail: dict[str, Any], at: str) -> str:
    """One audit event as a sentence: who did what, to whom, why, and when (``at`` an ISO moment)."""
    who = who.strip() or "Hệ thống"
    verb = _VERBS.get(action)
    if verb is None:
        verb = "thao tác " + action.replace("dossier.", "").replace("-", " ").replace(".", " ")
    parts = [f"{who} {verb}"]
    if action in ("print", "preview", "print-failed"):
        form = label("form", str(detail.get("form") or ""))
        if form:
            parts.append(form)
        if detail.get("reprint"):
            parts.append("(bản in lại)")
    to_whom = str(detail.get("to_whom") or "").strip()
    if to_whom:
        parts.append(f"cho {to_whom}")
    if action == "dossier.return" and isinstance(detail.get("receiver"), dict):
        name = str(detail["receiver"].get("name") or "").strip()
        if name:
            parts.append(f"cho {name}")
    reason = str(detail.get("reason") or "").strip() if action != "print-failed" else ""
    if reason:
        parts.append(f"vì {reason}" if action != "dossier.extend" else f"({reason})")
    new_due = detail.get("new_due") or detail.get("extended_due_at")
    if action == "dossier.extend" and new_due:
        parts.append(f"đến {when(str(new_due))}")
    rating = label("rating", str(detail.get("rating") or ""))
    if rating:
        parts.append(f"– công dân đánh giá: {rating}")
    moment = when(str(detail.get("at") or at))
    sentence = " ".join(parts)
    return f"{sentence} lúc {moment}" if moment else sentence
