"""What each reported figure means (chỉ tiêu báo cáo): code, Vietnamese name, how it is counted, unit.

Data, not code: the report services count exactly what these definitions say, and the GUI (tooltips),
the PDF/XLSX notes and the JSON carry the same text. Sources: ``../shared/domain.md`` §5.1 (Biểu
II.06a/VPCP/KSTT), §5.3 (QĐ 766/QĐ-TTg formulas), §13.1; the counter's own report follows the plans' list.
Score bands ("full score at ≥ x") are those the 766 description gives; 📘 a province may set others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["dossiers", "ratio", "times"]


@dataclass(frozen=True)
class Indicator:
    """One figure of a report: ``code`` is its JSON key (dotted for the II.06a groups)."""

    code: str
    name_vi: str
    definition_vi: str
    unit: Unit = "dossiers"
    numerator: str = ""  # for ratios: the codes of the counts divided
    denominator: str = ""
    full_score_at: float | None = None  # QĐ 766 score band: full points at or above this ratio
    higher_is_better: bool = True

    @property
    def unit_vi(self) -> str:
        return {"dossiers": "hồ sơ", "ratio": "%", "times": "lượt"}[self.unit]


_IN = "tiếp nhận trong kỳ (ngày tiếp nhận từ ngày đầu đến hết ngày cuối kỳ; không tính hồ sơ chỉ hướng dẫn)"
_OPEN_AT_END = (
    "chưa có kết quả, chưa dừng, chưa từ chối tại thời điểm cuối kỳ (hoặc hiện tại nếu kỳ chưa kết thúc)"
)
_DUE = (
    "so theo ngày với ngày hẹn trả ban đầu cộng thời gian chờ bổ sung (gia hạn không làm hồ sơ thành đúng hạn; "
    "yêu cầu bổ sung quá 01 lần tính là quá hạn)"
)

II06A: tuple[Indicator, ...] = (
    Indicator("received.total", "Tiếp nhận: Tổng số", "Cột 3 = cột 4 + cột 5 + cột 6 = cột 7 + cột 11."),
    Indicator("received.online", "Trong kỳ: Trực tuyến", f"Hồ sơ {_IN}, nộp trực tuyến."),
    Indicator(
        "received.direct_postal",
        "Trong kỳ: Trực tiếp, dịch vụ bưu chính",
        f"Hồ sơ {_IN}, nộp trực tiếp hoặc qua dịch vụ bưu chính công ích.",
    ),
    Indicator(
        "received.carried_over",
        "Từ kỳ trước chuyển sang",
        "Hồ sơ tiếp nhận trước ngày đầu kỳ và còn đang giải quyết tại ngày đầu kỳ.",
    ),
    Indicator(
        "resolved.total",
        "Đã giải quyết: Tổng số",
        "Hồ sơ có kết quả, dừng xử lý (kể cả rút) hoặc từ chối trong kỳ; cột 7 = cột 8 + cột 9 + cột 10.",
    ),
    Indicator("resolved.early", "Trước hạn", f"Kết thúc xử lý trước ngày hẹn trả; {_DUE}."),
    Indicator(
        "resolved.on_time",
        "Đúng hạn",
        f"Kết thúc xử lý đúng ngày hẹn trả (hoặc thủ tục không có hạn); {_DUE}.",
    ),
    Indicator("resolved.late", "Quá hạn", f"Kết thúc xử lý sau thời điểm hẹn trả; {_DUE}."),
    Indicator(
        "in_progress.total", "Đang giải quyết: Tổng số", f"Hồ sơ {_OPEN_AT_END}; cột 11 = cột 12 + cột 13."
    ),
    Indicator("in_progress.on_time", "Trong hạn", f"Hồ sơ đang giải quyết chưa quá hạn tại cuối kỳ; {_DUE}."),
    Indicator("in_progress.overdue", "Quá hạn", f"Hồ sơ đang giải quyết đã quá hạn tại cuối kỳ; {_DUE}."),
)

COUNTER: tuple[Indicator, ...] = (
    Indicator("received_total", "Hồ sơ phát sinh (tiếp nhận)", f"Hồ sơ {_IN}."),
    Indicator("received_online", "Tiếp nhận trực tuyến", f"Hồ sơ {_IN}, kênh trực tuyến."),
    Indicator("received_direct", "Tiếp nhận trực tiếp", f"Hồ sơ {_IN}, nộp trực tiếp tại quầy."),
    Indicator("received_postal", "Tiếp nhận qua bưu chính", f"Hồ sơ {_IN}, qua dịch vụ bưu chính công ích."),
    Indicator("returned_total", "Đã trả kết quả", "Hồ sơ trả kết quả trong kỳ (mọi hình thức)."),
    Indicator(
        "returned_online", "Trả kết quả trực tuyến", "Hồ sơ trả kết quả trong kỳ bằng hình thức trực tuyến."
    ),
    Indicator(
        "returned_postal", "Trả kết quả qua bưu chính", "Hồ sơ trả kết quả trong kỳ qua dịch vụ bưu chính."
    ),
    Indicator(
        "overdue",
        "Hồ sơ quá hạn",
        "Hồ sơ giải quyết quá hạn trong kỳ cộng hồ sơ đang giải quyết đã quá hạn tại cuối kỳ (Biểu II.06a cột 10 + cột 13).",
    ),
    Indicator(
        "supplemented",
        "Hồ sơ yêu cầu bổ sung",
        "Hồ sơ (đã tiếp nhận) có ít nhất một yêu cầu bổ sung trong kỳ; mỗi hồ sơ tính một lần.",
    ),
    Indicator(
        "guided",
        "Hướng dẫn, chưa tiếp nhận",
        "Lượt hướng dẫn hoàn thiện hồ sơ (Mẫu 02) trong kỳ, không tiếp nhận.",
    ),
    Indicator("refused", "Từ chối", "Hồ sơ từ chối tiếp nhận hoặc từ chối giải quyết trong kỳ (Mẫu 03)."),
    Indicator("withdrawn", "Công dân rút hồ sơ", "Hồ sơ dừng xử lý trong kỳ theo đề nghị rút của công dân."),
    Indicator("digitized_intake", "Số hóa khi tiếp nhận", f"Hồ sơ {_IN} có thành phần hồ sơ đã số hóa."),
    Indicator(
        "results_issued",
        "Hồ sơ có kết quả",
        "Hồ sơ có kết quả giải quyết trong kỳ (không tính dừng, từ chối).",
    ),
    Indicator(
        "digitized_result",
        "Số hóa kết quả (kết quả điện tử)",
        "Hồ sơ có kết quả trong kỳ kèm bản điện tử của kết quả.",
    ),
    Indicator(
        "full_online_eligible",
        "Hồ sơ của TTHC trực tuyến toàn trình",
        f"Hồ sơ {_IN} thuộc TTHC cung cấp trực tuyến toàn trình.",
    ),
    Indicator(
        "full_online",
        "Hồ sơ trực tuyến toàn trình",
        f"Hồ sơ {_IN}, nộp trực tuyến, thuộc TTHC trực tuyến toàn trình.",
    ),
    Indicator("fee_bearing", "Hồ sơ có phí, lệ phí", f"Hồ sơ {_IN} phải nộp phí, lệ phí (số tiền > 0)."),
    Indicator("paid_online", "Thanh toán trực tuyến", f"Hồ sơ {_IN} có phí, lệ phí, đã nộp trực tuyến."),
    Indicator("rated", "Hồ sơ được đánh giá", "Hồ sơ trả kết quả trong kỳ có đánh giá mức độ hài lòng."),
    Indicator("satisfied", "Hài lòng", "Hồ sơ trả kết quả trong kỳ được đánh giá hài lòng."),
    Indicator("dissatisfied", "Không hài lòng", "Hồ sơ trả kết quả trong kỳ được đánh giá không hài lòng."),
    Indicator("certification_total", "Hồ sơ chứng thực", f"Hồ sơ {_IN} thuộc lĩnh vực Chứng thực."),
    Indicator(
        "certification_electronic",
        "Bản sao chứng thực điện tử",
        f"Hồ sơ {_IN} thuộc lĩnh vực Chứng thực có kết quả điện tử (bản sao chứng thực điện tử).",
    ),
    Indicator(
        "reused",
        "Hồ sơ tái sử dụng dữ liệu",
        f"Hồ sơ {_IN} có ít nhất một thành phần tái sử dụng dữ liệu đã số hóa.",
    ),
    Indicator(
        "help_given",
        "Hỗ trợ tạo tài khoản, nộp trực tuyến",
        "Lượt hỗ trợ người dân về tài khoản DVCQG/VNeID ghi trong sổ hỗ trợ; “không có dữ liệu” khi chưa ghi sổ.",
        unit="times",
    ),
)

COUNTER_RATIOS: tuple[Indicator, ...] = (
    Indicator(
        "full_online_share",
        "Tỷ lệ hồ sơ trực tuyến toàn trình",
        "Hồ sơ trực tuyến toàn trình ÷ hồ sơ của TTHC trực tuyến toàn trình tiếp nhận trong kỳ.",
        "ratio",
        "full_online",
        "full_online_eligible",
    ),
    Indicator(
        "online_payment_share",
        "Tỷ lệ thanh toán trực tuyến",
        "Hồ sơ nộp phí, lệ phí trực tuyến ÷ hồ sơ có phí, lệ phí tiếp nhận trong kỳ (QĐ 766 chỉ số 3.6).",
        "ratio",
        "paid_online",
        "fee_bearing",
    ),
    Indicator(
        "satisfaction_share",
        "Tỷ lệ đánh giá hài lòng",
        "Hồ sơ được đánh giá hài lòng ÷ hồ sơ được đánh giá (trả kết quả trong kỳ).",
        "ratio",
        "satisfied",
        "rated",
    ),
    Indicator(
        "e_certified_share",
        "Tỷ lệ bản sao chứng thực điện tử",
        "Hồ sơ chứng thực có kết quả điện tử ÷ hồ sơ chứng thực tiếp nhận trong kỳ.",
        "ratio",
        "certification_electronic",
        "certification_total",
    ),
    Indicator(
        "digitized_intake_share",
        "Tỷ lệ số hóa khi tiếp nhận",
        "Hồ sơ có thành phần đã số hóa ÷ hồ sơ tiếp nhận trong kỳ.",
        "ratio",
        "digitized_intake",
        "received_total",
    ),
)

QUALITY: tuple[Indicator, ...] = (
    Indicator(
        "on_time_rate",
        "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (766: 2.1)",
        "(Giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn) ÷ tổng số hồ sơ tiếp nhận và "
        "từ kỳ trước chuyển sang (Biểu II.06a (cột 8 + 9 + 12) ÷ cột 3).",
        "ratio",
        "on_time_count",
        "received.total",
    ),
    Indicator(
        "digitization_rate",
        "Tỷ lệ số hóa hồ sơ (766: 4.2)",
        "Hồ sơ có kết quả trong kỳ, vừa có thành phần hồ sơ số hóa vừa có kết quả điện tử ÷ hồ sơ có kết quả trong kỳ.",
        "ratio",
        "fully_digitized",
        "results_issued",
        full_score_at=0.8,
    ),
    Indicator(
        "e_result_rate",
        "Tỷ lệ cấp kết quả điện tử (766: 4.1)",
        "Hồ sơ có kết quả trong kỳ kèm bản điện tử ÷ hồ sơ có kết quả trong kỳ.",
        "ratio",
        "digitized_result",
        "results_issued",
    ),
    Indicator(
        "reuse_rate",
        "Tỷ lệ tái sử dụng dữ liệu số hóa (766: 4.3)",
        "Hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần tái sử dụng ÷ hồ sơ tiếp nhận trong kỳ.",
        "ratio",
        "reused",
        "received_total",
        full_score_at=0.8,
    ),
    Indicator(
        "online_share",
        "Tỷ lệ hồ sơ trực tuyến (766: 3.3)",
        "Hồ sơ tiếp nhận trực tuyến ÷ hồ sơ tiếp nhận trong kỳ.",
        "ratio",
        "received_online",
        "received_total",
        full_score_at=0.5,
    ),
    Indicator(
        "online_payment_share",
        "Tỷ lệ thanh toán trực tuyến (766: 3.6)",
        "Hồ sơ nộp phí, lệ phí trực tuyến ÷ hồ sơ có phí, lệ phí tiếp nhận trong kỳ.",
        "ratio",
        "paid_online",
        "fee_bearing",
    ),
    Indicator(
        "satisfaction",
        "Mức độ hài lòng (766: 5.4)",
        "100% − tỷ lệ hồ sơ quá hạn (Biểu II.06a (cột 10 + 13) ÷ cột 3) − tỷ lệ hồ sơ bị đánh giá không hài lòng "
        "(÷ hồ sơ trả kết quả trong kỳ); không nhỏ hơn 0.",
        "ratio",
        full_score_at=0.9,
    ),
)

# Ratios a province sets yearly targets for (chỉ tiêu giao); the keys of `desk-app targets set`.
TARGETABLE: tuple[str, ...] = tuple(
    dict.fromkeys(i.code for i in COUNTER_RATIOS + QUALITY if i.unit == "ratio")
)

# Fields whose dossiers are certification dossiers (chứng thực), as the catalog names them.
CERTIFICATION_FIELDS: tuple[str, ...] = ("Chứng thực",)

BY_CODE: dict[str, Indicator] = {i.code: i for i in II06A + COUNTER + COUNTER_RATIOS + QUALITY}

BREAKDOWN_LABEL_VI: dict[str, str] = {
    "unit": "Đơn vị",
    "field": "Lĩnh vực",
    "procedure": "Thủ tục hành chính",
    "officer": "Cán bộ xử lý",
}

KIND_LABEL_VI: dict[str, str] = {
    "ii06a": "Biểu II.06a/VPCP/KSTT: Tình hình, kết quả giải quyết TTHC",
    "counter": "Báo cáo hoạt động của Bộ phận Một cửa",
    "quality": "Chỉ số chất lượng phục vụ (QĐ 766/QĐ-TTg)",
    "weekly": "Báo cáo tuần cho lãnh đạo",
}


def indicator(code: str) -> Indicator:
    return BY_CODE[code]
