"""Views of the year's programme: thin glue — fetch through ``access``, parse, call one
write function, respond. Domain errors come back as a Vietnamese message, nothing changed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lamtheobac.core.dates import today
from lamtheobac.core.downloads import file_download
from lamtheobac.core.errors import DomainError
from lamtheobac.core.models import StoredFile
from lamtheobac.documents.models import Document
from lamtheobac.programme import access, dashboard, outputs, queries
from lamtheobac.programme.actions import records, sessions, themes
from lamtheobac.programme.forms import (
    SCOPE_KINDS,
    ActivityForm,
    FileForm,
    NewThemeForm,
    SessionForm,
    StandardForm,
    ThemeForm,
)
from lamtheobac.programme.models import (
    QUARTERS,
    ROMAN,
    Activity,
    EthicsStandard,
    ThematicSession,
    Theme,
)
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, policy_for

PAGE_SIZE = 50


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _serve(stored: StoredFile) -> FileResponse:
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )


@require_GET
def theme_list(request: HttpRequest) -> HttpResponse:
    """Programmes the user issues, follows or lives under."""
    policy = policy_for(request)
    mine = Theme.objects.filter(policy.unit_filter(Action.MANAGE, "committee"))
    scopes = {g.unit.path for g in policy.grants}
    visible = Theme.objects.published().select_related("scope", "committee")
    under = [t for t in visible if any(p.startswith(t.scope.path) for p in scopes)]
    themes_ = {t.pk: t for t in [*mine.select_related("scope", "committee"), *under]}
    return render(
        request,
        "programme/theme_list.html",
        {
            "themes": sorted(themes_.values(), key=lambda t: (-t.year, t.scope.path)),
            "can_create": policy.can_manage_any,
            "followed": {
                t.pk for t in themes_.values() if policy.can(Action.READ_REPORTS, t.committee)
            },
        },
    )


def _committee_for(request: HttpRequest, scope: Unit) -> Unit:
    """The unit of the user's MANAGE grant covering ``scope`` (the issuing committee)."""
    policy = policy_for(request)
    for grant in policy.grants:
        if scope.is_within(grant.unit) and policy.can(Action.MANAGE, grant.unit):
            return grant.unit
    raise PermissionDenied("Bạn không có quyền ban hành chương trình cho đơn vị này.")


@require_http_methods(["GET", "POST"])
def theme_create(request: HttpRequest) -> HttpResponse:
    """A new programme, prefilled from an imported plan (``?document=<pk>``) when given."""
    policy = policy_for(request)
    if not policy.can_manage_any:
        raise PermissionDenied("Chỉ cán bộ Ban Tuyên giáo cấp trên tạo chương trình năm.")
    scopes = policy.units(Action.MANAGE).filter(kind__in=SCOPE_KINDS)
    document = None
    initial: dict[str, object] = {
        "year": today().year,
        "pledge_deadline": dt.date(today().year, 3, 31),
    }
    topics: dict[int, tuple[str, str]] = {}
    doc_pk = request.GET.get("document") or request.POST.get("document")
    if doc_pk and str(doc_pk).isdigit():
        document = get_object_or_404(Document, pk=int(doc_pk))
        policy.require(Action.MANAGE, document.owner)
        prefill = themes.prefill_from_document(document)
        topics = prefill.topics
        initial.update({"title": prefill.title, "term_title": prefill.term_title})
        if prefill.year:
            initial.update({"year": prefill.year, "pledge_deadline": dt.date(prefill.year, 3, 31)})
    form = NewThemeForm(request.POST or None, initial=initial, topics=topics, scopes=scopes)
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        try:
            theme = themes.create_theme(
                committee=_committee_for(request, scope),
                scope=scope,
                year=form.cleaned_data["year"],
                by=request.user,
                settings=form.settings(),
                topics=form.topics(),
                source_document=document,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã tạo chương trình năm (bản nháp).")
            return redirect("programme:theme_edit", theme.pk)
    plans = (
        []
        if document
        else Document.objects.filter(policy.unit_filter(Action.MANAGE, "owner"), kind="KH")
        .exclude(text="")
        .order_by("-date", "-pk")[:20]
    )
    return render(
        request,
        "programme/theme_form.html",
        {"form": form, "document": document, "theme": None, "plans": plans},
    )


@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.theme_to_manage(request, pk)
    current = {q: (t.title, t.guidance) for q, t in queries.topics_of(theme).items()}
    form = ThemeForm(request.POST or None, instance=theme, topics=current)
    if request.method == "POST" and form.is_valid():
        try:
            themes.update_theme(
                Theme.objects.get(pk=pk),
                by=request.user,
                version=_version(request),
                settings=form.settings(),
                topics=form.topics(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã lưu chương trình năm.")
            return redirect("programme:theme_edit", pk)
    return render(
        request,
        "programme/theme_form.html",
        {
            "form": form,
            "theme": theme,
            "topics": queries.topics_of(theme),
            "file_form": FileForm(),
        },
    )


@require_POST
def theme_publish(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.theme_to_manage(request, pk)
    try:
        themes.publish_theme(theme, by=request.user, version=_version(request))
        messages.success(request, "Đã ban hành chương trình năm.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("programme:theme_edit", pk)


@require_POST
def topic_file_add(request: HttpRequest, pk: int, quarter: int) -> HttpResponse:
    theme = access.theme_to_manage(request, pk)
    topic = theme.topics.filter(quarter=quarter).first()
    if topic is None:
        raise Http404("Chưa có chủ điểm quý này.")
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            themes.add_topic_file(topic, upload=form.cleaned_data["file"], by=request.user)
            messages.success(request, "Đã đính kèm tài liệu.")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Chưa chọn tệp.")
    return redirect("programme:theme_edit", pk)


@require_GET
def topic_file(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(access.topic_file(request, pk))


@require_GET
def theme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.theme_to_read(request, pk)
    policy = policy_for(request)
    return render(
        request,
        "programme/theme_detail.html",
        {
            "theme": theme,
            "topics": theme.topics.prefetch_related("files"),
            "can_manage": policy.can(Action.MANAGE, theme.committee),
            "can_follow": policy.can(Action.READ_REPORTS, theme.committee),
        },
    )


# --- the committee's year page ----------------------------------------------------------


def _filter(request: HttpRequest) -> dashboard.RowFilter:
    try:
        return dashboard.RowFilter(request.GET.get("loc", "all"))
    except ValueError:
        return dashboard.RowFilter.ALL


@require_GET
def year(request: HttpRequest, pk: int) -> HttpResponse:
    """Counts per grassroots organisation and rolled up, with charts, filters and exports."""
    theme = access.theme_to_follow(request, pk)
    page = dashboard.year_page(theme)
    row_filter = _filter(request)
    rows = [r for r in page.rows if r.matches(row_filter)]
    paginator = Paginator(rows, PAGE_SIZE)
    shown = paginator.get_page(request.GET.get("trang"))
    lines = [
        (shown.start_index() + i, row.unit, _cells(row)) for i, row in enumerate(shown.object_list)
    ]
    return render(
        request,
        "programme/year.html",
        {
            "theme": theme,
            "page": page,
            "rows": shown,
            "lines": lines,
            "paginator": paginator,
            "filters": list(dashboard.RowFilter),
            "row_filter": row_filter,
            "quarters": [(q, ROMAN[q]) for q in QUARTERS],
            "quarter_bars": [
                (ROMAN[q], held, cells, round(100 * held / cells) if cells else 0)
                for q, held, cells in page.quarter_bars
            ],
            "org_bars": [
                (r.unit.name, r.pledges.submitted, r.members, round(100 * (r.plan_rate or 0)))
                for r in shown
            ][:25],
        },
    )


def _cells(row: dashboard.YearRow) -> list[tuple[str, bool]]:
    """The numeric cells of one row as (text, flagged) — built here so the page renders fast."""
    p, e, s = row.pledges, row.exemplars, row.sessions
    cells = [(str(v), False) for v in (s.members, p.submitted, p.accepted, p.assessed, p.leaders)]
    for q in QUARTERS:
        c = s.quarters[q]
        cells.append((f"{c.held}/{c.cells}", c.overdue > 0))
    cells.append((f"{e.exemplars_registered}/{e.exemplars_approved}", False))
    cells.append((f"{e.models_registered}/{e.models_approved}", False))
    return cells


@require_GET
def year_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.theme_to_follow(request, pk)
    page = dashboard.year_page(theme)
    return file_download(outputs.year_workbook(page), f"ket-qua-lam-theo-{theme.year}.xlsx")


@require_GET
def year_docx(request: HttpRequest, pk: int) -> HttpResponse:
    theme = access.theme_to_follow(request, pk)
    page = dashboard.year_page(theme)
    return file_download(outputs.year_section(page), f"ket-qua-lam-theo-{theme.year}.docx")


# --- sessions -----------------------------------------------------------------------------


@require_GET
def sessions_of_unit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Each cell under a unit × quarter: held / not yet / overdue, links to record."""
    theme = access.theme_to_read(request, pk)
    unit = access.unit_to_follow(request, theme, unit_pk)
    rows = queries.cell_sessions(theme, unit)
    policy = policy_for(request)
    return render(
        request,
        "programme/sessions.html",
        {
            "theme": theme,
            "unit": unit,
            "rows": [(r, [(q, r.sessions[q], r.statuses[q]) for q in QUARTERS]) for r in rows],
            "quarters": [(q, ROMAN[q]) for q in QUARTERS],
            "can_record": policy.can(Action.REPORT, unit),
            "topics": queries.topics_of(theme),
        },
    )


@require_GET
def quarter_report(request: HttpRequest, pk: int, unit_pk: int, quarter: int) -> HttpResponse:
    theme = access.theme_to_read(request, pk)
    unit = access.unit_to_follow(request, theme, unit_pk)
    if quarter not in QUARTERS:
        raise Http404("Không có quý này.")
    rows = queries.cell_sessions(theme, unit)
    data = outputs.quarterly_report(theme, unit, quarter, rows)
    return file_download(data, f"bao-cao-sinh-hoat-quy-{quarter}-{theme.year}-{unit.pk}.docx")


@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int, cell_pk: int, quarter: int) -> HttpResponse:
    """The quick table: date, topic, presenter, points, conclusions, attendance per member."""
    theme = access.theme_to_read(request, pk)
    cell = access.cell_to_record(request, theme, cell_pk)
    if quarter not in QUARTERS:
        raise Http404("Không có quý này.")
    session = ThematicSession.objects.filter(theme=theme, cell=cell, quarter=quarter).first()
    people = sessions.attendance_people(session, cell)
    current = {a.person_id: a.presence for a in session.attendance.all()} if session else {}
    topic = theme.topics.filter(quarter=quarter).first()
    initial = {
        "version": session.version if session else 0,
        "topic": session.topic if session else (topic.title if topic else ""),
    }
    if session:
        initial.update(
            held_on=session.held_on,
            presenter=session.presenter,
            main_points=session.main_points,
            conclusions=session.conclusions,
        )
    form = SessionForm(request.POST or None, initial=initial, people=people, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            saved = sessions.save_session(
                theme=theme,
                cell=cell,
                quarter=quarter,
                by=request.user,
                version=form.cleaned_data["version"],
                held_on=form.cleaned_data["held_on"],
                texts=form.texts(),
                attendance=form.attendance(),
                record_it="record" in request.POST,
            )
            upload = request.FILES.get("minutes")
            if upload is not None:
                sessions.add_session_file(saved, upload=upload, by=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                "Đã ghi nhận buổi sinh hoạt." if saved.state == "recorded" else "Đã lưu nháp.",
            )
            return redirect("programme:session_detail", saved.pk)
    return render(
        request,
        "programme/session_form.html",
        {
            "theme": theme,
            "cell": cell,
            "quarter": quarter,
            "roman": ROMAN[quarter],
            "session": session,
            "form": form,
            "topic": topic,
        },
    )


@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.session_to_read(request, pk)
    policy = policy_for(request)
    return render(
        request,
        "programme/session_detail.html",
        {
            "session": session,
            "roman": ROMAN[session.quarter],
            "attendance": session.attendance.select_related("person").order_by("person__sort_key"),
            "files": session.files.present(),
            "can_record": policy.can(Action.REPORT, session.cell),
            "file_form": FileForm(),
        },
    )


@require_POST
def session_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.session_to_read(request, pk)
    policy_for(request).require(Action.REPORT, session.cell)
    try:
        sessions.reopen_session(session, by=request.user, version=_version(request))
        messages.success(request, "Đã mở lại để sửa.")
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("programme:session_detail", pk)
    return redirect("programme:session_edit", session.theme_id, session.cell_id, session.quarter)


@require_POST
def session_file_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.session_to_read(request, pk)
    policy_for(request).require(Action.REPORT, session.cell)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            sessions.add_session_file(session, upload=form.cleaned_data["file"], by=request.user)
            messages.success(request, "Đã đính kèm biên bản.")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Chưa chọn tệp.")
    return redirect("programme:session_detail", pk)


@require_GET
def session_file(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(access.session_file(request, pk))


# --- standards and activities -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def unit_records(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """A unit's standards of conduct and programme activities; its staff add to them."""
    unit = access.unit_to_read(request, unit_pk)
    policy = policy_for(request)
    can_record = policy.can(Action.REPORT, unit)
    standard_form = StandardForm(prefix="s")
    activity_form = ActivityForm(prefix="a")
    if request.method == "POST":
        unit = access.unit_to_record(request, unit_pk)
        try:
            if "add_standard" in request.POST:
                standard_form = StandardForm(request.POST, prefix="s")
                if standard_form.is_valid():
                    records.add_standard(unit=unit, by=request.user, **standard_form.cleaned_data)
                    messages.success(request, "Đã ghi nhận chuẩn mực.")
                    return redirect("programme:unit_records", unit.pk)
            else:
                activity_form = ActivityForm(request.POST, request.FILES, prefix="a")
                if activity_form.is_valid():
                    data = dict(activity_form.cleaned_data)
                    upload = data.pop("file")
                    records.add_activity(
                        unit=unit, by=request.user, uploads=[upload] if upload else [], **data
                    )
                    messages.success(request, "Đã ghi nhận hoạt động.")
                    return redirect("programme:unit_records", unit.pk)
        except DomainError as exc:
            messages.error(request, exc.message)
    year_start = dt.date(today().year, 1, 1)
    return render(
        request,
        "programme/records.html",
        {
            "unit": unit,
            "standards": EthicsStandard.objects.filter(unit=unit),
            "activities": Activity.objects.filter(unit=unit).prefetch_related("files"),
            "can_record": can_record,
            "standard_form": standard_form,
            "activity_form": activity_form,
            "prefill": queries.review_prefill(unit, since=year_start, until=today()),
        },
    )


@require_GET
def activity_file(request: HttpRequest, pk: int) -> FileResponse:
    return _serve(access.activity_file(request, pk))
