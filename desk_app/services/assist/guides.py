"""Guide sheets and the public listing, filled from the catalog the counter uses and the settings.

The texts of the general guides are data (``resources/data/assist_guides.json``); the QR addresses are the
setting ``guide_urls`` (per province); procedure sheets and the listing come from the current catalog, with
its date and a short version (a digest of the current procedure versions) printed on every page.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import UserError, ValidationError
from desk_app.domain.fees import format_vnd, quote
from desk_app.printing.guides import FeedbackNotice, GuideSheet, Listing, ListingEntry, QrLink
from desk_app.resources import load_json
from desk_app.services.intake.quote import processing_text
from desk_app.services.setup import catalog
from desk_app.store import settings
from desk_app.store.db import Database
from desk_app.store.models import Procedure, Unit

GUIDE_KINDS = ("vneid", "portal", "payment", "lookup", "procedure")
URL_KEYS = ("vneid", "portal", "payment", "lookup", "procedure", "feedback")
QR_CAPTIONS = {
    "vneid": "Tải ứng dụng VNeID",
    "portal": "Cổng Dịch vụ công quốc gia",
    "payment": "Thanh toán trực tuyến",
    "lookup": "Tra cứu hồ sơ",
    "procedure": "Thủ tục trên Cổng DVC",
    "feedback": "Gửi phản ánh, kiến nghị",
}
ONLINE_TEXT = {"full": "Toàn trình", "partial": "Một phần", "": "Không"}
DEFAULT_WHERE = "Trung tâm Phục vụ hành chính công xã"


def guide_urls(session: Session) -> dict[str, str]:
    """The QR addresses: the defaults with this installation's setting laid over them."""
    merged = dict(settings.DEFAULTS["guide_urls"])
    stored = settings.get(session, "guide_urls")
    if isinstance(stored, dict):
        merged.update({k: str(v) for k, v in stored.items() if k in URL_KEYS and v})
    return merged


def set_guide_urls(db: Database, changes: dict[str, str], actor: str = "") -> dict[str, str]:
    """Change some QR addresses (keys of URL_KEYS; http(s) addresses), audited."""
    from desk_app.store import audit

    for key, url in changes.items():
        if key not in URL_KEYS:
            raise ValidationError(
                f"unknown address {key!r}: use {', '.join(URL_KEYS)}", "Tên địa chỉ không hợp lệ."
            )
        if not (url.startswith("https://") or url.startswith("http://")) or len(url) > 300 or " " in url:
            raise ValidationError(f"{url!r} is not a web address.", "Địa chỉ web không hợp lệ.", field=key)
    with db.transaction() as s:
        current = guide_urls(s)
        current.update(changes)
        settings.put(s, "guide_urls", current)
        audit.record(
            s, "settings.guide_urls", actor=actor, entity="settings", entity_id="guide_urls", detail=changes
        )
        return current


def _unit(session: Session) -> Unit:
    unit = session.scalars(select(Unit).limit(1)).first()
    if unit is None:
        raise UserError("No unit is set up yet: run `desk-app init` first.", "Chưa khai báo đơn vị.")
    return unit


def _contact(session: Session, unit: Unit) -> str:
    phone = str(settings.get(session, "hotline") or "") or unit.phone
    parts = [f"Quầy một cửa: {unit.name}"]
    if unit.address:
        parts.append(unit.address)
    if phone:
        parts.append(f"Điện thoại: {phone}")
    return " · ".join(parts)


def _fee_lines(proc: Procedure) -> tuple[str, str]:
    """(fee as published, online fee where it differs or "")."""
    rule = proc.fee_rule or {}
    direct = quote(rule)
    online = quote(rule, online=True)
    text = proc.fee_text or direct.text
    online_text = ""
    if online.amount is not None and direct.amount is not None and online.amount != direct.amount:
        online_text = format_vnd(online.amount) if online.amount else "Miễn phí"
    return text, online_text


def _where(proc: Procedure, unit: Unit) -> str:
    if proc.online_only:
        return "Cổng Dịch vụ công (trực tuyến)"
    return unit.office_name or DEFAULT_WHERE


def guide_sheet(
    db: Database, kind: str, procedure: str | None = None, *, printed_at: datetime | None = None
) -> GuideSheet:
    """The data of one guide sheet: a general guide (vneid, portal, payment, lookup) or a procedure's."""
    if kind not in GUIDE_KINDS:
        raise ValidationError(
            f"kind must be one of {', '.join(GUIDE_KINDS)}", "Loại phiếu hướng dẫn không hợp lệ."
        )
    texts: dict[str, Any] = load_json("data", "assist_guides.json")
    with db.session() as s:
        unit = _unit(s)
        urls = guide_urls(s)
        contact = _contact(s, unit)
        if kind != "procedure":
            data = texts[kind]
            url = urls[kind]
            return GuideSheet(
                unit_name=unit.name,
                title=data["title"],
                intro=data.get("intro", ""),
                steps=tuple(data.get("steps", ())),
                warning=data.get("warning", ""),
                links=(QrLink(url, QR_CAPTIONS[kind]),),
                contact=contact,
                printed_at=printed_at,
            )
        if not procedure:
            raise ValidationError(
                "A procedure sheet needs --procedure CODE.", "Cần chọn thủ tục.", field="procedure"
            )
        proc = catalog.find_procedure(s, procedure)
        words = texts["procedure"]
        if proc.online_only:
            online = words["online_only"]
        else:
            online = words.get(f"online_{proc.online_level or 'none'}", words["online_none"])
        fee, online_fee = _fee_lines(proc)
        facts: list[tuple[str, str]] = [
            ("Mã thủ tục", proc.code),
            ("Lĩnh vực", proc.field or "–"),
            ("Nộp trực tuyến", online),
            ("Thời hạn giải quyết", processing_text(proc)),
            ("Phí, lệ phí", fee),
        ]
        if online_fee:
            facts.append(("Phí, lệ phí khi nộp trực tuyến", online_fee))
        facts.append(("Nơi nộp hồ sơ", _where(proc, unit)))
        if proc.legal_basis:
            facts.append(("Căn cứ pháp lý", proc.legal_basis))
        links = [QrLink(urls["procedure"].replace("{code}", proc.code), QR_CAPTIONS["procedure"])]
        if proc.online_level or proc.online_only:
            links.append(QrLink(urls["portal"], QR_CAPTIONS["portal"]))
        return GuideSheet(
            unit_name=unit.name,
            title=f"HƯỚNG DẪN THỦ TỤC: {proc.name.upper()}",
            intro=words.get("intro", ""),
            facts=tuple(facts),
            documents=tuple(str(d.get("name", "")) for d in proc.documents or ()),
            links=tuple(links),
            contact=contact,
            printed_at=printed_at,
        )


def catalog_stamp(procs: list[Procedure]) -> tuple[date, str]:
    """The catalog's date (latest effective_from) and a short version digest of the current versions."""
    if not procs:
        return date.today(), "0"
    latest = max(p.effective_from for p in procs)
    digest = hashlib.sha256(
        ";".join(f"{p.code}@{p.version}" for p in sorted(procs, key=lambda p: p.code)).encode()
    ).hexdigest()[:8]
    return latest, digest


def feedback_notice(session: Session, unit: Unit | None = None) -> FeedbackNotice:
    unit = unit or _unit(session)
    contact = settings.get(session, "feedback_contact") or {}
    urls = guide_urls(session)
    return FeedbackNotice(
        receiver=unit.name,
        address=str(contact.get("address") or unit.address or ""),
        phone=str(contact.get("phone") or settings.get(session, "hotline") or unit.phone or ""),
        email=str(contact.get("email") or ""),
        portal=urls.get("feedback", ""),
    )


def listing(db: Database, *, printed_at: datetime | None = None) -> Listing:
    """The public listing of the current catalog (every current procedure, grouped by field)."""
    with db.session() as s:
        unit = _unit(s)
        procs = catalog.current_procedures(s)
        when, version = catalog_stamp(procs)
        entries = []
        for p in procs:
            fee, online_fee = _fee_lines(p)
            entries.append(
                ListingEntry(
                    code=p.code,
                    name=p.name,
                    field=p.field,
                    documents=tuple(str(d.get("name", "")) for d in p.documents or ()),
                    time_text=processing_text(p),
                    fee_text=f"{fee} (trực tuyến: {online_fee})" if online_fee else fee,
                    legal_basis=p.legal_basis,
                    where=_where(p, unit),
                    online_text="Chỉ trực tuyến"
                    if p.online_only
                    else ONLINE_TEXT.get(p.online_level, p.online_level),
                    online_only=bool(p.online_only),
                )
            )
        return Listing(
            unit_name=unit.name,
            catalog_date=when,
            catalog_version=version,
            entries=tuple(entries),
            feedback=feedback_notice(s, unit),
            printed_at=printed_at,
        )
