"""Roles and what each may do (vai trò, quyền). Pure: no I/O.

A clerk (cán bộ một cửa) receives, moves, returns and scans dossiers and logs portal help; a leader
(lãnh đạo) also signs apology/extension letters and builds reports; an admin (quản trị) also manages
settings, accounts, the procedure catalog, the calendar, backups and personal-data requests.
Post-office staff at the counter (nhân viên bưu điện, BCCI scheme) receive dossiers, collect fees, print slips
and manifests, prepare and record postal shipments and returns; they cannot move a dossier inside the office
(forward, refuse after intake …), extend, manage accounts or change settings.
"""

from __future__ import annotations

from enum import StrEnum

from desk_app.domain.errors import UserError


class Role(StrEnum):
    """A staff role (vai trò)."""

    CLERK = "clerk"
    LEADER = "leader"
    ADMIN = "admin"
    POSTAL = "postal"


ROLE_LABEL_VI: dict[Role, str] = {
    Role.CLERK: "Cán bộ một cửa",
    Role.LEADER: "Lãnh đạo",
    Role.ADMIN: "Quản trị",
    Role.POSTAL: "Nhân viên bưu điện",
}

CLERK_PERMISSIONS = frozenset({"view", "intake", "move", "return", "scan", "helplog", "postal"})
POSTAL_PERMISSIONS = frozenset({"view", "intake", "return", "postal"})
LEADER_PERMISSIONS = CLERK_PERMISSIONS | {"extend", "report"}
# "privacy" (export what is held about a person, apply the retention rule) is an admin duty too.
ADMIN_PERMISSIONS = LEADER_PERMISSIONS | {"settings", "users", "catalog", "calendar", "backup", "privacy"}

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.CLERK: CLERK_PERMISSIONS,
    Role.LEADER: LEADER_PERMISSIONS,
    Role.ADMIN: ADMIN_PERMISSIONS,
    Role.POSTAL: POSTAL_PERMISSIONS,
}

ALL_PERMISSIONS = ADMIN_PERMISSIONS

PERMISSION_LABEL_VI: dict[str, str] = {
    "view": "xem hồ sơ",
    "intake": "tiếp nhận hồ sơ",
    "move": "chuyển xử lý hồ sơ",
    "return": "trả kết quả",
    "scan": "số hóa",
    "helplog": "ghi sổ hỗ trợ",
    "extend": "xin lỗi, gia hạn",
    "report": "lập báo cáo",
    "settings": "thay đổi cài đặt",
    "users": "quản lý tài khoản",
    "catalog": "cập nhật danh mục thủ tục",
    "calendar": "sửa lịch làm việc",
    "backup": "sao lưu, khôi phục",
    "privacy": "xử lý dữ liệu cá nhân",
    "postal": "gửi, nhận hồ sơ qua bưu chính",
}


def parse_role(value: str) -> Role:
    """The Role named by ``value``; a UserError for anything else."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise UserError(
            f"Unknown role {value[:40]!r}: use clerk, leader, admin or postal.",
            "Vai trò không hợp lệ: chọn cán bộ một cửa, lãnh đạo, quản trị hoặc nhân viên bưu điện.",
        ) from None


def can(role: str | Role, permission: str) -> bool:
    """True when ``role`` holds ``permission``. Unknown roles and permissions hold nothing."""
    try:
        return permission in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def check(role: str | Role, permission: str, username: str = "") -> None:
    """Raise a UserError naming the permission when ``role`` lacks it."""
    if not can(role, permission):
        who = f"{username} ({role})" if username else str(role)
        raise UserError(
            f"permission denied: {who} may not {permission}",
            f"Tài khoản không có quyền {PERMISSION_LABEL_VI.get(permission, permission)}.",
        )
