"""Made-up but realistic people, places and staff for the demo commune (dữ liệu mẫu).

Everything here is invented for demonstrations and benchmarks: the names follow the usual Vietnamese
frequencies (họ, tên đệm, tên), ID numbers follow TT 07/2016/TT-BCA (domain.md §6.2) and phone numbers
the mobile prefixes of §6.3, so they pass the app's own validation. No real person is described.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from desk_app.domain.text import fold

UNIT_NAME = "Ủy ban nhân dân xã Gio Sơn"
PROVINCE = "Quảng Trị"
# Illustrative agency code (domain.md §3.2 example): the province assigns the real one after the 2025 merger.
AGENCY_CODE = "001.05.12.H49"
COMMUNE = "xã Gio Sơn"
UNIT_ADDRESS = "Thôn Trúc Lâm, xã Gio Sơn, tỉnh Quảng Trị"

# fmt: off
# (family name, weight): national frequencies, nudged toward the central coast (Lê, Hoàng, Võ, Hồ).
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 31), ("Lê", 13), ("Trần", 10), ("Hoàng", 6), ("Phạm", 5), ("Võ", 5), ("Phan", 4.5),
    ("Hồ", 3.5), ("Đặng", 2.2), ("Bùi", 2), ("Đỗ", 1.5), ("Ngô", 1.4), ("Dương", 1.1), ("Huỳnh", 1.1),
    ("Đoàn", 1), ("Trương", 1), ("Văn", 0.8), ("Mai", 0.7), ("Cao", 0.6), ("Lương", 0.5), ("Thái", 0.5),
    ("Hà", 0.5), ("Tôn", 0.3), ("Lý", 0.3),
]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Ngọc", "Đình",
               "Anh", "Hoàng", "Tiến", "Quốc", "Bảo", "Gia"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Bảo", "Khánh", "Hoài", "Diệu",
                 "Phương", "Kim", "Mỹ", "Quỳnh"]
GIVEN_MALE = ["Hùng", "Dũng", "Nam", "Minh", "Tuấn", "Hải", "Long", "Phúc", "Thắng", "Sơn", "Quân", "Bình",
              "Cường", "Đức", "Hiếu", "Khoa", "Trung", "Toàn", "Vinh", "Thành", "Tài", "Lộc", "Hoàng", "Hưng",
              "Nghĩa", "Tâm", "Tú", "Việt", "Khánh", "Huy", "Phong", "Quang", "Lâm", "Kiên", "Đạt", "An",
              "Nhật", "Thịnh", "Trí", "Hậu"]
GIVEN_FEMALE = ["Hoa", "Lan", "Hương", "Mai", "Linh", "Trang", "Thảo", "Hằng", "Nga", "Hà", "Ngọc", "Yến",
                "Phương", "Thủy", "Nhung", "Huyền", "Oanh", "Vân", "Hạnh", "Loan", "Nhi", "Anh", "Vy", "Trâm",
                "Giang", "Xuân", "Liên", "Hiền", "Thơ", "Tuyết", "Quyên", "Dung", "Ly", "My", "Diễm", "Na"]

# Hamlets of the demo commune (thôn) and neighbouring communes whose people may file here too
# (since 01/7/2025 a commune centre receives regardless of administrative boundary within the province).
HAMLETS = ["Thôn Trúc Lâm", "Thôn Long Sơn", "Thôn Phú Ân", "Thôn Tân Minh", "Thôn Xuân Yên", "Thôn Gia Môn",
           "Thôn Bắc Phước", "Thôn Nam Phước", "Thôn Hảo Sơn", "Thôn Đông Thành", "Thôn Cẩm Phổ",
           "Thôn Linh An"]
OTHER_COMMUNES = ["xã Gio Linh", "xã Cửa Tùng", "xã Cam Lộ", "xã Vĩnh Linh", "phường Đông Hà",
                  "phường Quảng Trị", "xã Triệu Phong", "xã Hải Lăng"]

# Birth-registration province codes (TT 07/2016): mostly Quảng Trị, then neighbours and the big cities.
ID_PROVINCES: list[tuple[str, float]] = [
    ("045", 86), ("044", 4), ("046", 3), ("042", 1.5), ("048", 1.5), ("001", 1.5), ("079", 1.5), ("040", 1),
]
MOBILE_PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "081",
                   "082", "083", "084", "085", "088", "091", "094", "070", "076", "077", "078", "079", "089",
                   "090", "093", "052", "056", "058", "092", "059", "099"]

# One-stop officers at counter 1 (công chức Bộ phận Một cửa) and who handles each field (lĩnh vực).
CLERKS = ["Lê Thị Hoa", "Nguyễn Văn Hùng"]
SPECIALISTS: dict[str, str] = {
    "Hộ tịch": "Công chức Tư pháp - Hộ tịch Trần Thị Mai",
    "Chứng thực": "Công chức Tư pháp - Hộ tịch Phan Văn Lộc",
    "Cư trú": "Công an xã Gio Sơn, Thượng úy Hoàng Văn Nam",
    "Thành lập và hoạt động của hộ kinh doanh": "Công chức Tài chính - Kế hoạch Phạm Đức Thành",
    "Bảo trợ xã hội": "Công chức Văn hóa - Xã hội Đặng Thị Lan",
    "Giảm nghèo": "Công chức Văn hóa - Xã hội Đặng Thị Lan",
    "Đất đai": "Công chức Nông nghiệp và Môi trường Võ Văn Tâm",
}
DEFAULT_SPECIALIST = "Công chức Văn phòng - Thống kê Hồ Thị Thu"
LEADER = "Phó Chủ tịch UBND xã Nguyễn Văn Thành"
CHAIRMAN = "Chủ tịch UBND xã Lê Quang Vinh"

# How often each procedure comes to a rural commune's counter (relative weights; unknown codes: 0.2).
PROCEDURE_WEIGHTS: dict[str, float] = {
    "2.000815": 26, "2.000884": 10, "1.001193": 9, "1.004873": 7, "1.004194": 6, "1.004222": 5,
    "1.000894": 4, "2.000635": 4, "1.000656": 3, "2.000942": 2, "1.002755": 2, "1.004859": 1.5,
    "1.001612": 1.5, "1.001776": 1.5, "2.000720": 1, "1.003197": 1, "1.010038": 1, "1.003677": 1,
    "2.002622": 1, "1.011607": 0.8, "1.004884": 0.5, "1.012812": 0.5, "1.001699": 0.4, "1.001022": 0.4,
    "1.000689": 0.4, "2.001019": 0.3, "2.000908": 0.3, "1.010028": 0.5,
}
# Fees that the catalog leaves to the provincial council (kind "council"): illustrative demo amounts only.
COUNCIL_FEES: dict[str, int] = {
    "1.004873": 15000, "1.004859": 15000, "1.004884": 10000, "1.005461": 10000, "1.004746": 10000,
    "1.001022": 15000, "1.001612": 100000, "2.000720": 50000, "2.000575": 50000,
}
# Who the applicant usually is, by procedure: (min age, max age).
AGE_RANGES: dict[str, tuple[int, int]] = {
    "1.001193": (19, 42), "1.000894": (20, 38), "1.004873": (19, 45), "1.000689": (20, 40),
    "1.001776": (60, 90), "1.001699": (25, 70), "1.000656": (30, 70), "2.002622": (30, 70),
}

SUPPLEMENT_ITEMS: dict[str, list[str]] = {
    "Hộ tịch": ["Bản sao giấy chứng nhận kết hôn của cha, mẹ", "Văn bản ủy quyền có chứng thực",
                "Tờ khai ghi chưa đủ nơi cư trú của người được đăng ký", "Giấy tờ chứng minh nơi cư trú"],
    "Cư trú": ["Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "Ý kiến đồng ý của chủ hộ trên tờ khai CT01",
               "Văn bản đồng ý của chủ sở hữu chỗ ở"],
    "Thành lập và hoạt động của hộ kinh doanh": ["Biên bản họp thành viên hộ gia đình",
                                                 "Bản sao hợp đồng thuê địa điểm kinh doanh"],
    "Bảo trợ xã hội": ["Giấy xác nhận khuyết tật", "Tờ khai theo mẫu của Nghị định 20/2021/NĐ-CP"],
    "Đất đai": ["Sơ đồ thửa đất tranh chấp", "Giấy tờ về quyền sử dụng đất của các bên"],
}
DEFAULT_SUPPLEMENT_ITEMS = ["Tờ khai chưa ghi đầy đủ thông tin", "Bản sao giấy tờ tùy thân còn thời hạn"]
SUPPLEMENT_REASONS = ["Hồ sơ chưa đủ thành phần theo quy định", "Thông tin trên tờ khai không khớp với giấy tờ",
                      "Cần bổ sung giấy tờ để xác minh thông tin"]
REFUSE_REASONS = ["Yêu cầu không thuộc thẩm quyền giải quyết của UBND xã",
                  "Người yêu cầu không đủ điều kiện theo quy định",
                  "Giấy tờ xuất trình có dấu hiệu giả mạo, không đủ căn cứ giải quyết",
                  "Việc hộ tịch đã được đăng ký tại cơ quan khác"]
WITHDRAW_REASONS = ["Công dân có đơn xin rút hồ sơ để hoàn thiện lại", "Công dân không còn nhu cầu giải quyết",
                    "Công dân chuyển nộp hồ sơ tại nơi cư trú mới"]
STOP_LAPSED_REASON = "Quá thời hạn bổ sung hồ sơ mà công dân không bổ sung"
STOP_WITHDRAWN_REASON = "Dừng xử lý theo đơn xin rút hồ sơ của công dân"
EXTEND_REASONS = ["Cần xác minh thông tin tại cơ quan, đơn vị khác",
                  "Cần lấy ý kiến của cơ quan chuyên môn cấp tỉnh",
                  "Công chức phụ trách đi công tác, hồ sơ cần xác minh thực tế"]
PAYMENT_REASON = "Đề nghị thực hiện nghĩa vụ tài chính (nộp phí, lệ phí) trước khi trả kết quả"
RELATIONS = ["Vợ", "Chồng", "Con", "Bố", "Mẹ", "Anh", "Chị", "Em"]
# fmt: on


def weighted(rng: random.Random, pairs: list[tuple[str, float]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


@dataclass(frozen=True)
class Person:
    """A made-up person (người nộp hoặc người được ủy quyền)."""

    full_name: str
    gender: str
    birth_date: date
    id_number: str
    old_id_number: str
    address: str
    phone: str
    email: str

    @property
    def folded_name(self) -> str:
        return fold(self.full_name)

    def applicant_row(self, applicant_id: int) -> dict[str, Any]:
        """The ``applicants`` row of this person."""
        return {"id": applicant_id, **asdict(self), "folded_name": self.folded_name}

    def as_json(self) -> dict[str, Any]:
        """This person as ``Dossier.representative`` holds one (services.applicants.person_dict)."""
        return {**asdict(self), "birth_date": self.birth_date.isoformat()}


def make_name(rng: random.Random, gender: str) -> str:
    family = weighted(rng, FAMILY_NAMES)
    if gender == "Nam":
        return f"{family} {rng.choice(MIDDLE_MALE)} {rng.choice(GIVEN_MALE)}"
    return f"{family} {rng.choice(MIDDLE_FEMALE)} {rng.choice(GIVEN_FEMALE)}"


def make_id_number(rng: random.Random, birth: date, gender: str) -> str:
    """A 12-digit personal ID consistent with birth year and gender (TT 07/2016: PPP G YY RRRRRR)."""
    century_digit = (birth.year // 100 - 19) * 2 + (0 if gender == "Nam" else 1)
    return f"{weighted(rng, ID_PROVINCES)}{century_digit}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"


def make_phone(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10_000_000):07d}"


def make_address(rng: random.Random) -> str:
    if rng.random() < 0.9:
        return f"{rng.choice(HAMLETS)}, {COMMUNE}, tỉnh {PROVINCE}"
    return (
        f"Thôn {rng.choice(['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ'])} {rng.randint(1, 9)}, "
        f"{rng.choice(OTHER_COMMUNES)}, tỉnh {PROVINCE}"
    )


def make_person(
    rng: random.Random, on: date, ages: tuple[int, int] = (18, 80), *, email_chance: float = 0.1
) -> Person:
    """A person aged within ``ages`` on ``on``, with a valid ID number and mobile number."""
    gender = "Nam" if rng.random() < 0.48 else "Nữ"
    # Most people at the counter are of working age: a triangular spread leaning to the young end.
    age = rng.triangular(ages[0], ages[1], ages[0] + (ages[1] - ages[0]) * 0.25)
    birth = on - timedelta(days=int(age * 365.25) + 1)
    name = make_name(rng, gender)
    # People who had a 9-digit CMND before the chip card (mostly born before ~2000) still quote it.
    old = (
        f"{rng.choice(['19', '18'])}{rng.randrange(10_000_000):07d}"
        if birth.year < 1998 and rng.random() < 0.25
        else ""
    )
    email = ""
    if rng.random() < email_chance:
        email = f"{fold(name).replace(' ', '')}{rng.randint(1, 99)}@gmail.com"
    phone = make_phone(rng) if rng.random() < 0.95 else ""
    return Person(
        name, gender, birth, make_id_number(rng, birth, gender), old, make_address(rng), phone, email
    )
