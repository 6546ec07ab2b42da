"""Learner and trainer actions on a webinar under /belajar/webinar/.

Thin views: find the webinar, call ``learning.webinars`` and answer with a
redirect to the webinar page and a message in the viewer's language.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import WebinarPage
from courses.timezones import viewer_zone

from . import webinars
from .models import WebinarRegistration
from .services import LearningError

PANEL = "#webinar-panel"


def _live_webinar(webinar_id):
    return get_object_or_404(WebinarPage.objects.live(), pk=webinar_id)


@login_required
@require_POST
def register(request, webinar_id):
    """'Daftar': take a seat, or a place on the waiting list when it is full."""
    webinar = _live_webinar(webinar_id)
    try:
        registration = webinars.register_for_webinar(request.user, webinar)
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(webinar.url + PANEL)
    if registration.status == WebinarRegistration.Status.REGISTERED:
        messages.success(
            request,
            _("You are registered for %(webinar)s.") % {"webinar": webinar.title},
        )
    else:
        messages.info(
            request,
            _(
                "The webinar is full. You are on the waiting list and will move up "
                "when a seat becomes free."
            ),
        )
    return redirect(webinar.url + PANEL)


@login_required
@require_POST
def cancel(request, webinar_id):
    """'Batal': give the seat back before the start."""
    webinar = _live_webinar(webinar_id)
    try:
        registration = webinars.cancel_registration(request.user, webinar)
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(webinar.url + PANEL)
    if registration is not None:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(webinar.url + PANEL)


@login_required
@require_POST
def check_in(request, webinar_id):
    """'Hadir': the learner enters the code shown during the event."""
    webinar = _live_webinar(webinar_id)
    try:
        webinars.check_in(request.user, webinar, request.POST.get("code", ""))
    except LearningError as error:
        messages.error(request, error.message)
        return redirect(webinar.url + PANEL)
    messages.success(
        request, _("Your attendance is recorded. Thank you for taking part!")
    )
    return redirect(webinar.url + PANEL)


@login_required
def attendance(request, webinar_id):
    """'Kehadiran': the trainer's checklist of registered learners.

    Trainers of the webinar and superusers see every registered learner; an
    administrator of an instansi sees the people of their own instansi.
    """
    webinar = get_object_or_404(WebinarPage, pk=webinar_id)
    if not webinars.may_mark_attendance(request.user, webinar):
        raise PermissionDenied
    now = timezone.now()
    if request.method == "POST":
        try:
            result = webinars.mark_attendance(
                webinar, request.POST.getlist("present"), by=request.user, now=now
            )
        except LearningError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Attendance saved: %(marked)d marked present, %(unmarked)d removed.")
                % {
                    "marked": len(result["marked"]),
                    "unmarked": len(result["unmarked"]),
                },
            )
        return redirect("learning:webinars:attendance", webinar_id=webinar.pk)
    registrations = list(
        webinars.attendance_list(request.user, webinar)
        .select_related("user", "user__unit_kerja")
        .order_by("user__full_name", "user__username")
    )
    return TemplateResponse(
        request,
        "learning/webinar_attendance.html",
        {
            "webinar": webinar,
            "registrations": registrations,
            "attended_count": sum(1 for r in registrations if r.attended_at),
            "started": webinar.start_at <= now,
            "check_in_open": webinars.check_in_open(webinar, now),
            "check_in_code": webinars.check_in_code(webinar),
            "viewer_zone": viewer_zone(request),
        },
    )
