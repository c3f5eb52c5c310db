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
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from desk_app.hub import audit, security
from desk_app.hub import targets as hub_targets
from desk_app.hub.db import HubDatabase
from desk_app.hub.errors import HubError
from desk_app.hub.exports import KEYS
from desk_app.hub.models import (
    ClosedPeriod,
    DossierRecord,
    LookupHit,
    PeriodArrival,
    StaffAccount,
    Unit,
    WebSession,
)
from desk_app.hub.reporting import (
    period_or_400,
    ratios,
    recent_months,
    reporting_rate,
    totals_by_period,
    unit_breakdown,
)
from desk_app.hub.units import close_period, now, open_period
from desk_app.resources import package_path

templates = Jinja2Templates(directory=str(package_path("desk_app.hub", "templates")))

SESSION_COOKIE = "hub_session"
LOGIN_COOKIE = "hub_login_csrf"
SESSION_HOURS = 10
COLUMNS = KEYS  # the II.06a columns, in the form's order (desk_app.domain.indicators)
RATIO_LABELS = {code: label for code, (label, _definition) in hub_targets.RATIOS.items()}
STATUS_VI = {"on_time": "Đúng hạn", "late": "Muộn", "missing": "Chưa gửi", "open": "Chưa đến hạn"}


def fmt_dt(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else "chưa có"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f}%".replace(".", ",")


class _LoginNeeded(Exception):
    pass


class _CsrfRefused(Exception):
    pass


CSRF_REFUSED_VI = "Yêu cầu không hợp lệ (thiếu mã chống giả mạo): hãy tải lại trang rồi thử lại."


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
    return [
        {**t, "ratios": ratios(t["figures"]), "year": hub_targets.target_year(t["period"])} for t in items
    ]


def _closed(session: Session, codes: list[str]) -> dict[str, ClosedPeriod]:
    return {c.period: c for c in session.scalars(select(ClosedPeriod).where(ClosedPeriod.period.in_(codes)))}


async def _staff_post(request: Request) -> tuple[str, str, Any]:
    """(username, csrf token, form) of a signed-in staff member's POST whose CSRF token matches; else _LoginNeeded or
    _CsrfRefused. Every signed-in staff member may act (staff accounts have no roles)."""
    user, csrf = await run_in_threadpool(_staff, request)
    form = await request.form()
    if not secrets.compare_digest(csrf, str(form.get("csrf", ""))):
        raise _CsrfRefused()
    return user, csrf, form


def install(app: FastAPI) -> None:
    @app.exception_handler(_LoginNeeded)
    async def _to_login(_request: Request, _exc: _LoginNeeded) -> Response:
        return RedirectResponse("/dang-nhap", status_code=303)

    @app.exception_handler(_CsrfRefused)
    async def _csrf_refused(request: Request, _exc: _CsrfRefused) -> Response:
        return _page(request, "error.html", 403, message=CSRF_REFUSED_VI)

    _install_admin(app)

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
        # The digest of "login:<address>": 64 characters like the lookup's keys (hub_lookup_hit.client is
        # String(64); "login:" + a digest was 70 and PostgreSQL refused every sign-in with a 500).
        client = security.digest("login:" + (request.client.host if request.client else "?"))
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
            return _page(request, "error.html", 403, message=CSRF_REFUSED_VI)
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
            by_year = {y: hub_targets.targets_for(s, y) for y in {t["year"] for t in totals}}
            for t in totals:
                t["targets"] = by_year[t["year"]]
            closed = _closed(s, [t["period"].code for t in totals])
            year = totals[-1]["year"] if totals else today.year
            goal = by_year.get(year) or hub_targets.targets_for(s, year)
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
            target_year=year,
            closed=closed,
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
                return _staff_error(request, user, csrf, 404, f"Không có đơn vị {code}.")
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


# -- staff actions: closing and reopening periods, yearly targets ------------------------------------------

PERIOD_ACTIONS = {"khoa": "close", "mo-lai": "open"}
DONE_VI = {
    "khoa": "Đã khóa số liệu kỳ này: các lần gửi số liệu của kỳ này sẽ bị từ chối.",
    "mo-lai": "Đã mở lại kỳ: các xã gửi số liệu điều chỉnh được như bình thường.",
    "da-khoa": "Kỳ này đã được khóa từ trước.",
    "chua-khoa": "Kỳ này đang mở (chưa bị khóa).",
}


def _period_state(session: Session, code: str) -> dict[str, Any]:
    row = session.get(ClosedPeriod, code)
    reported = session.scalar(select(func.count(PeriodArrival.id)).where(PeriodArrival.period == code))
    return {
        "closed": row is not None,
        "closed_by": row.closed_by if row else None,
        "closed_at": row.closed_at if row else None,
        "reported": int(reported or 0),
    }


def _staff_error(request: Request, user: str, csrf: str, status: int, message: str) -> HTMLResponse:
    """The error page for a signed-in staff member (the menu stays)."""
    return _page(request, "error.html", status, staff=user, csrf=csrf, message=message)


def _bad_period(request: Request, user: str, csrf: str, code: str, hint: str = "") -> HTMLResponse:
    return _staff_error(request, user, csrf, 400, f"Mã kỳ “{code[:40]}” không hợp lệ{hint}.")


def _period_page(request: Request, user: str, csrf: str, code: str, **extra: Any) -> Response:
    try:
        period = period_or_400(code)
    except HubError:
        return _bad_period(request, user, csrf, code)
    if period.code != code:
        return RedirectResponse(f"/ky-bao-cao/{period.code}", status_code=303)
    with _db(request).session() as s:
        state = _period_state(s, code)
        events = audit.history(s, [code])
        units = s.scalar(select(func.count(Unit.id)))
    return _page(
        request,
        extra.pop("template", "period.html"),
        extra.pop("status", 200),
        staff=user,
        csrf=csrf,
        period=period,
        state=state,
        events=events,
        units=int(units or 0),
        closable=period.kind == "month",
        action_vi=audit.ACTION_VI,
        **extra,
    )


def _install_admin(app: FastAPI) -> None:
    @app.get("/ky-bao-cao", include_in_schema=False)
    def periods_page(request: Request, ky: str = "") -> Response:
        user, csrf = _staff(request)
        if ky.strip():
            try:
                code = period_or_400(ky.strip()).code
            except HubError:
                return _bad_period(request, user, csrf, ky.strip(), " (ví dụ 2026-09 cho tháng 9/2026)")
            return RedirectResponse(f"/ky-bao-cao/{code}", status_code=303)
        periods = list(reversed(recent_months(now().date(), 12)))
        with _db(request).session() as s:
            closed = {c.period: c for c in s.scalars(select(ClosedPeriod))}
            reported = dict(
                s.execute(
                    select(PeriodArrival.period, func.count(PeriodArrival.id))
                    .where(PeriodArrival.period.in_([p.code for p in periods]))
                    .group_by(PeriodArrival.period)
                ).all()
            )
            units = int(s.scalar(select(func.count(Unit.id))) or 0)
        shown = {p.code for p in periods}
        others = [period_or_400(c) for c in sorted(closed, reverse=True) if c not in shown]
        return _page(
            request,
            "periods.html",
            staff=user,
            csrf=csrf,
            periods=periods,
            others=others,
            closed=closed,
            reported=reported,
            units=units,
        )

    @app.get("/ky-bao-cao/{code}", include_in_schema=False)
    def period_page(request: Request, code: str, da: str = "") -> Response:
        user, csrf = _staff(request)
        return _period_page(request, user, csrf, code, done=DONE_VI.get(da))

    @app.get("/ky-bao-cao/{code}/{action}", include_in_schema=False)
    def period_confirm(request: Request, code: str, action: str) -> Response:
        """The confirmation step (a page with a POST form: the GET itself changes nothing)."""
        user, csrf = _staff(request)
        if action not in PERIOD_ACTIONS:
            return _staff_error(request, user, csrf, 404, "Không có trang này.")
        return _period_page(request, user, csrf, code, template="period_confirm.html", action=action)

    @app.post("/ky-bao-cao/{code}/{action}", include_in_schema=False)
    async def period_act(request: Request, code: str, action: str) -> Response:
        user, csrf, _form = await _staff_post(request)
        if action not in PERIOD_ACTIONS:
            return _staff_error(request, user, csrf, 404, "Không có trang này.")
        try:
            period = period_or_400(code)
        except HubError:
            return _bad_period(request, user, csrf, code)
        if period.kind != "month" or period.code != code:
            return _staff_error(request, user, csrf, 400, "Chỉ khóa hoặc mở lại được từng tháng báo cáo.")
        changed = await run_in_threadpool(_period_change, _db(request), code, PERIOD_ACTIONS[action], user)
        outcome = action if changed else ("da-khoa" if action == "khoa" else "chua-khoa")
        return RedirectResponse(f"/ky-bao-cao/{code}?da={outcome}", status_code=303)

    @app.get("/chi-tieu", include_in_schema=False)
    def targets_page(request: Request, nam: str = "", luu: str = "") -> Response:
        user, csrf = _staff(request)
        year = _year_or_default(nam)
        saved = None
        if luu.isdigit():
            saved = f"Đã lưu {luu} thay đổi." if int(luu) else "Không có thay đổi nào."
        return _targets_page(request, user, csrf, year, saved=saved)

    @app.post("/chi-tieu", include_in_schema=False)
    async def targets_save(request: Request) -> Response:
        user, csrf, form = await _staff_post(request)
        typed = {code: str(form.get(code, ""))[:40] for code in hub_targets.RATIOS}
        errors: dict[str, str] = {}
        year_text = str(form.get("nam", "")).strip()
        year = 0
        try:
            year = hub_targets.check_year(int(year_text))
        except ValueError:
            errors["nam"] = "Năm phải là một số, ví dụ 2026."
        except hub_targets.BadTarget as exc:
            errors["nam"] = exc.vi
        values: dict[str, float | None] = {}
        for code, text in typed.items():
            try:
                values[code] = hub_targets.parse_percent(text)
            except hub_targets.BadTarget as exc:
                errors[code] = exc.vi
        if errors:
            return await run_in_threadpool(
                _targets_page,
                request,
                user,
                csrf,
                year or now().year,
                status=400,
                errors=errors,
                typed=typed,
            )
        changed = await run_in_threadpool(_targets_change, _db(request), year, values, user)
        return RedirectResponse(f"/chi-tieu?nam={year}&luu={changed}", status_code=303)


def _period_change(db: HubDatabase, code: str, action: str, user: str) -> bool:
    with db.transaction() as s:
        if action == "close":
            return close_period(s, code, by=user)
        return open_period(s, code, by=user)


def _targets_change(db: HubDatabase, year: int, values: dict[str, float | None], user: str) -> int:
    with db.transaction() as s:
        return sum(hub_targets.set_target(s, year, code, ratio, user) for code, ratio in values.items())


def _year_or_default(text: str) -> int:
    try:
        return hub_targets.check_year(int(text))
    except (ValueError, HubError):
        return now().year


def _targets_page(
    request: Request,
    user: str,
    csrf: str,
    year: int,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    saved: str | None = None,
) -> Response:
    with _db(request).session() as s:
        rows = hub_targets.year_targets(s, year)
        events = audit.history(s, [f"{year}:{code}" for code in hub_targets.RATIOS])
    shown = typed or {t.indicator: hub_targets.percent_text(t.ratio) for t in rows}
    return _page(
        request,
        "targets.html",
        status,
        staff=user,
        csrf=csrf,
        year=year,
        rows=rows,
        shown=shown,
        errors=errors or {},
        saved=saved,
        events=events,
        action_vi=audit.ACTION_VI,
    )
