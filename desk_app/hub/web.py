"""The staff dashboard and the public lookup page: server-rendered Jinja2 in Vietnamese, no JavaScript needed.

Staff sign in with an argon2-hashed password; the session cookie holds a random id whose hash and CSRF token
live in the database (any worker can serve any request). Every POST carries the CSRF token. The public
lookup shows no personal data and is rate-limited per client in the database.
"""

from __future__ import annotations

import secrets
import time
from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from desk_app.hub import security
from desk_app.hub.db import HubDatabase
from desk_app.hub.exports import KEYS
from desk_app.hub.models import DossierRecord, LookupHit, StaffAccount, Unit, WebSession
from desk_app.hub.reporting import (
    period_or_400,
    ratios,
    recent_months,
    reporting_rate,
    targets,
    totals_by_period,
    unit_breakdown,
)
from desk_app.hub.units import now
from desk_app.resources import package_path

templates = Jinja2Templates(directory=str(package_path("desk_app.hub", "templates")))

SESSION_COOKIE = "hub_session"
LOGIN_COOKIE = "hub_login_csrf"
SESSION_HOURS = 10
COLUMNS = KEYS  # the II.06a columns, in the form's order (desk_app.domain.indicators)
RATIO_LABELS = {"resolved.on_time_ratio": "Tỷ lệ đúng hạn", "received.online_ratio": "Tỷ lệ trực tuyến"}
STATUS_VI = {"on_time": "Đúng hạn", "late": "Muộn", "missing": "Chưa gửi", "open": "Chưa đến hạn"}


def fmt_dt(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else "chưa có"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%".replace(".", ",")


class _LoginNeeded(Exception):
    pass


def _db(request: Request) -> HubDatabase:
    db: HubDatabase = request.app.state.db
    return db


def _staff(request: Request) -> tuple[str, str]:
    """(username, csrf token) of the signed-in staff member, or _LoginNeeded."""
    sid = request.cookies.get(SESSION_COOKIE)
    if not sid:
        raise _LoginNeeded()
    with _db(request).session() as s:
        row = s.get(WebSession, security.digest(sid))
        if row is None or row.expires_at < now():
            raise _LoginNeeded()
        staff = s.get(StaffAccount, row.staff_id)
        if staff is None:
            raise _LoginNeeded()
        return staff.username, row.csrf


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("staff", None)
    return templates.TemplateResponse(
        request,
        name,
        {
            "fmt_dt": fmt_dt,
            "pct": pct,
            "columns": COLUMNS,
            "ratio_codes": list(RATIO_LABELS),
            "ratio_labels": RATIO_LABELS,
            "status_vi": STATUS_VI,
            **context,
        },
        status_code=status,
    )


def _trend_svg(totals: list[dict[str, Any]]) -> str:
    """A light inline SVG line chart: received and resolved per period."""
    w, h, pad = 720, 220, 36
    series = [
        ("Tiếp nhận", "#8b1a1a", [t["figures"].get("received", {}).get("total", 0) for t in totals]),
        ("Đã giải quyết", "#1a5e8b", [t["figures"].get("resolved", {}).get("total", 0) for t in totals]),
    ]
    top = max([1, *[v for _n, _c, vals in series for v in vals]])
    n = max(1, len(totals) - 1)

    def xy(i: int, v: int) -> str:
        return f"{pad + i * (w - 2 * pad) / n:.1f},{h - pad - v * (h - 2 * pad) / top:.1f}"

    parts = [
        f'<svg id="trend" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" role="img" '
        f'aria-label="Biểu đồ xu hướng" style="background:#fff;border:1px solid #ccc">',
        f'<text x="4" y="{pad - 8}" font-size="11">{top}</text>',
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#999"/>',
    ]
    for i, t in enumerate(totals):
        x = pad + i * (w - 2 * pad) / n
        parts.append(
            f'<text x="{x:.1f}" y="{h - pad + 14}" font-size="10" text-anchor="middle">{t["period"].code}</text>'
        )
    for k, (name, color, vals) in enumerate(series):
        points = " ".join(xy(i, v) for i, v in enumerate(vals))
        parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"/>')
        parts.append(f'<text x="{w - 150}" y="{16 + 14 * k}" font-size="12" fill="{color}">■ {name}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _with_ratios(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**t, "ratios": ratios(t["figures"])} for t in items]


def install(app: FastAPI) -> None:
    @app.exception_handler(_LoginNeeded)
    async def _to_login(_request: Request, _exc: _LoginNeeded) -> Response:
        return RedirectResponse("/dang-nhap", status_code=303)

    @app.get("/", include_in_schema=False)
    def root() -> Response:
        return RedirectResponse("/bang-dieu-khien", status_code=303)

    @app.get("/dang-nhap", include_in_schema=False)
    def login_form(request: Request) -> Response:
        token = secrets.token_urlsafe(24)
        resp = _page(request, "login.html", login_csrf=token, error=None)
        resp.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request))
        return resp

    @app.post("/dang-nhap", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form()
        username, password = str(form.get("username", ""))[:80], str(form.get("password", ""))[:200]
        cookie = request.cookies.get(LOGIN_COOKIE, "")
        if not cookie or not secrets.compare_digest(cookie, str(form.get("csrf", ""))):
            return _page(
                request, "error.html", 403, message="Phiên đăng nhập không hợp lệ: hãy tải lại trang."
            )
        client = "login:" + security.digest(request.client.host if request.client else "?")
        outcome = await run_in_threadpool(_sign_in, _db(request), username, password, client)
        if outcome is None or outcome == "limited":
            token = secrets.token_urlsafe(24)
            message = (
                "Đăng nhập sai quá nhiều lần: hãy chờ một phút rồi thử lại."
                if outcome == "limited"
                else "Sai tên đăng nhập hoặc mật khẩu."
            )
            resp = _page(request, "login.html", 429 if outcome else 401, login_csrf=token, error=message)
            resp.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request))
            return resp
        sid = outcome
        done = RedirectResponse("/bang-dieu-khien", status_code=303)
        done.set_cookie(
            SESSION_COOKIE,
            sid,
            httponly=True,
            samesite="lax",
            secure=_secure(request),
            max_age=SESSION_HOURS * 3600,
        )
        done.delete_cookie(LOGIN_COOKIE)
        return done

    @app.post("/dang-xuat", include_in_schema=False)
    async def logout(request: Request) -> Response:
        _user, csrf = await run_in_threadpool(_staff, request)
        form = await request.form()
        if not secrets.compare_digest(csrf, str(form.get("csrf", ""))):
            return _page(request, "error.html", 403, message="Yêu cầu không hợp lệ (thiếu mã chống giả mạo).")
        sid = request.cookies.get(SESSION_COOKIE, "")
        await run_in_threadpool(_sign_out, _db(request), sid)
        resp = RedirectResponse("/dang-nhap", status_code=303)
        resp.delete_cookie(SESSION_COOKIE)
        return resp

    @app.get("/bang-dieu-khien", include_in_schema=False)
    def dashboard(request: Request, thang: int = 6, trang: int = 1, loc: str = "") -> Response:
        user, csrf = _staff(request)
        months = thang if thang in (3, 6, 12, 24) else 6
        problems = loc == "van-de"
        cfg = request.app.state.config
        today = now().date()
        periods = recent_months(today, months)
        with _db(request).session() as s:
            rate = reporting_rate(s, periods, today, cfg.due_working_days, page=trang, problems_only=problems)
            totals = _with_ratios(totals_by_period(s, recent_months(today, max(months, 12))))
            goal = targets(s)
        return _page(
            request,
            "dashboard.html",
            staff=user,
            csrf=csrf,
            rate=rate,
            months=months,
            problems=problems,
            totals=totals,
            targets=goal,
            chart=_trend_svg(totals),
            due_days=cfg.due_working_days,
        )

    @app.get("/don-vi/{code}", include_in_schema=False)
    def unit_page(request: Request, code: str, ky: str | None = None) -> Response:
        user, csrf = _staff(request)
        today = now().date()
        periods = recent_months(today, 12)
        with _db(request).session() as s:
            unit = s.scalar(select(Unit).where(Unit.code == code))
            if unit is None:
                return _page(
                    request, "error.html", 404, staff=user, csrf=csrf, message=f"Không có đơn vị {code}."
                )
            detail = unit_breakdown(s, code, ky or periods[-1].code)
            history = _with_ratios(_unit_history(s, unit.id, periods))
            info = {
                "code": unit.code,
                "name": unit.name,
                "last_sync": unit.last_sync,
                "revoked": bool(unit.revoked_at),
            }
        return _page(request, "unit.html", staff=user, csrf=csrf, unit=info, detail=detail, history=history)

    @app.get("/xuat/{period}.{fmt}", include_in_schema=False)
    def export(request: Request, period: str, fmt: str) -> Response:
        _staff(request)
        from desk_app.hub.exports import render_pdf, render_xlsx
        from desk_app.hub.reporting import report

        code = period_or_400(period).code
        with _db(request).session() as s:
            data = report(s, code)
        if fmt == "xlsx":
            body = render_xlsx(data)
            media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        elif fmt == "pdf":
            body, media = render_pdf(data), "application/pdf"
        else:
            return Response("unknown format", status_code=404)
        name = f"bao-cao-II06a-{code}.{fmt}"
        return Response(
            body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )

    @app.get("/tra-cuu", include_in_schema=False)
    def lookup(request: Request, ma: str = "") -> Response:
        code = ma.strip().upper()[:64]
        if not code:
            return _page(request, "lookup.html", code="", record=None, limited=False)
        cfg = request.app.state.config
        client = security.digest(request.client.host if request.client else "?")
        try:
            with _db(request).transaction() as s:
                allowed = _allow(s, client, cfg.lookups_per_minute)
        except IntegrityError:  # two first hits in the same minute raced: let this one through
            allowed = True
        if not allowed:
            return _page(request, "lookup.html", 429, code=code, record=None, limited=True)
        with _db(request).session() as s:
            record = s.scalar(
                select(DossierRecord)
                .where(DossierRecord.code == code)
                .order_by(DossierRecord.updated_at.desc())
            )
            return _page(
                request, "lookup.html", 200 if record else 404, code=code, record=record, limited=False
            )


LOGIN_TRIES_PER_MINUTE = 10


def _sign_in(db: HubDatabase, username: str, password: str, client: str) -> str | None:
    """A new session id; None for a wrong name or password; "limited" after too many tries from one client.

    Runs on a worker thread (argon2 takes a tenth of a second: the event loop keeps serving meanwhile)."""
    try:
        with db.transaction() as s:
            allowed = _allow(s, client, LOGIN_TRIES_PER_MINUTE)
    except IntegrityError:
        allowed = True
    if not allowed:
        return "limited"
    with db.transaction() as s:
        staff = s.scalar(select(StaffAccount).where(StaffAccount.username == username))
        if staff is None or not security.password_ok(staff.password_hash, password):
            return None
        sid = security.random_id()
        s.execute(delete(WebSession).where(WebSession.expires_at < now()))
        s.add(
            WebSession(
                id_hash=security.digest(sid),
                staff_id=staff.id,
                csrf=secrets.token_urlsafe(24),
                expires_at=now() + timedelta(hours=SESSION_HOURS),
            )
        )
        return sid


def _sign_out(db: HubDatabase, sid: str) -> None:
    with db.transaction() as s:
        s.execute(delete(WebSession).where(WebSession.id_hash == security.digest(sid)))


def _secure(request: Request) -> bool:
    return bool(request.app.state.config.secure_cookies) or request.url.scheme == "https"


def _allow(session: Session, client: str, per_minute: int) -> bool:
    minute = int(time.time() // 60)
    hit = session.get(LookupHit, (client, minute))
    if hit is None:
        session.execute(delete(LookupHit).where(LookupHit.minute < minute - 5))
        session.add(LookupHit(client=client, minute=minute, hits=1))
        return True
    hit.hits += 1
    return hit.hits <= per_minute


def _unit_history(session: Session, unit_id: int, periods: list[Any]) -> list[dict[str, Any]]:
    from desk_app.hub.models import DataValue
    from desk_app.hub.reporting import nest

    codes = [p.code for p in periods]
    flat: dict[str, dict[str, int]] = {c: {} for c in codes}
    for period, indicator, value in session.execute(
        select(DataValue.period, DataValue.indicator, DataValue.value).where(
            DataValue.unit_id == unit_id, DataValue.period.in_(codes), DataValue.breakdown == ""
        )
    ):
        flat[period][indicator] = value
    return [{"period": p, "figures": nest(flat[p.code])} for p in periods]
