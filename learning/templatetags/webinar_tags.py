"""The learner's part of a webinar page: registration, join link, check-in.

Authored webinar pages (``courses``) never read registrations themselves;
their template calls ``{% webinar_panel page %}``. The panel costs a fixed
number of queries: the viewer's registration (with its JP entry) and one
count over the webinar's registrations, plus two for staff (their roles and
whether they train this webinar).
"""

import datetime

from django import template
from django.db.models import CharField, Count, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from courses.timezones import viewer_zone
from learning import webinars
from learning.models import JPLedgerEntry, WebinarRegistration

register = template.Library()

Status = WebinarRegistration.Status


def _registration(user, webinar):
    """The viewer's registration with the JP its attendance credited."""
    credited = JPLedgerEntry.objects.filter(
        user=OuterRef("user"),
        source_type=JPLedgerEntry.Source.WEBINAR,
        source_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).values("jp")[:1]
    return (
        WebinarRegistration.objects.filter(user=user, webinar=webinar)
        .annotate(jp_credited=Subquery(credited))
        .first()
    )


def _counts(webinar, registration):
    """Registered seats, and the learners waiting ahead of ``registration``."""
    counts = {"registered": Count("pk", filter=Q(status=Status.REGISTERED))}
    if registration is not None and registration.status == Status.WAITLISTED:
        earlier = Q(registered_at__lt=registration.registered_at) | Q(
            registered_at=registration.registered_at, pk__lt=registration.pk
        )
        counts["ahead"] = Count("pk", filter=Q(status=Status.WAITLISTED) & earlier)
    return WebinarRegistration.objects.filter(webinar=webinar).aggregate(**counts)


@register.inclusion_tag("learning/includes/webinar_panel.html", takes_context=True)
def webinar_panel(context, webinar, now=None):
    """Register, cancel, join, check in, or see the outcome of a webinar."""
    request = context.get("request")
    user = request.user
    now = now or timezone.now()
    registration = None
    if user.is_authenticated:
        registration = _registration(user, webinar)
    status = registration.status if registration else None
    counts = {}
    if webinar.capacity is not None or status == Status.WAITLISTED:
        counts = _counts(webinar, registration)
    seats_left = None
    if webinar.capacity is not None:
        seats_left = max(0, webinar.capacity - counts["registered"])
    registered = status == Status.REGISTERED
    opens_at = webinar.start_at - datetime.timedelta(minutes=webinar.join_opens_minutes)
    may_mark = user.is_authenticated and user.is_staff
    may_mark = may_mark and webinars.may_mark_attendance(user, webinar)
    return {
        "request": request,
        "user": user,
        "webinar": webinar,
        "registration": registration,
        "status": status,
        "registered": registered,
        "waitlisted": status == Status.WAITLISTED,
        "position": counts.get("ahead", 0) + 1,
        "seats_left": seats_left,
        "full": seats_left == 0,
        "upcoming": now < webinar.start_at,
        "ended": webinar.end_at <= now,
        "join_url": webinars.join_link(webinar, registered, now),
        "join_opens_at": opens_at,
        "check_in_open": registered and webinars.check_in_open(webinar, now),
        "viewer_zone": viewer_zone(request),
        "may_mark_attendance": may_mark,
        "csrf_token": context.get("csrf_token"),
    }
