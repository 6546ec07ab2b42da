"""Background tasks (django-tasks): e-mails never wait in a learner's request.

In production the tasks are queued in the database and run by
``manage.py db_worker``; in development and tests they run at once.
"""

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks import task

from courses.timezones import DEFAULT_ZONE, zone_label

from .models import WebinarRegistration

logger = logging.getLogger(__name__)


def reminder_window():
    """How far ahead of the start the reminder goes out."""
    return datetime.timedelta(hours=getattr(settings, "LMS_WEBINAR_REMINDER_HOURS", 24))


def _absolute(url):
    """A page URL as an address that works from an e-mail (BASE_URL based)."""
    if not url or url.startswith(("http://", "https://")):
        return url or ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _zone(user):
    name = user.time_zone or DEFAULT_ZONE
    try:
        return zoneinfo.ZoneInfo(name), zone_label(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_ZONE), zone_label(DEFAULT_ZONE)


def reminder_message(registration):
    """(subject, body) of the reminder, in Indonesian, in the learner's zone."""
    user, webinar = registration.user, registration.webinar
    zone, label = _zone(user)
    start = webinar.start_at.astimezone(zone)
    end = webinar.end_at.astimezone(zone)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": user.get_short_name(),
            "title": webinar.title,
            "date": date_format(start, "l, j F Y"),
            "start": start.strftime("%H.%M"),
            "end": end.strftime("%H.%M"),
            "zone": label,
            "platform": webinar.get_platform_display(),
            "url": _absolute(webinar.url),
            "join_opens_minutes": webinar.join_opens_minutes,
        }
        subject = render_to_string(
            "learning/webinar_reminder_subject.txt", context
        ).strip()
        body = render_to_string("learning/webinar_reminder_email.txt", context)
    return " ".join(subject.split()), body


@task()
def send_webinar_reminders():
    """E-mail registered learners of webinars starting soon, once each.

    Each registration is claimed (``reminder_sent_at`` set) before its e-mail
    is sent, so two workers never send the same reminder; a failed e-mail
    releases the claim and is tried again on the next run. One failing
    address never stops the others.
    """
    now = timezone.now()
    due = (
        WebinarRegistration.objects.filter(
            status=WebinarRegistration.Status.REGISTERED,
            reminder_sent_at__isnull=True,
            webinar__live=True,
            webinar__start_at__gt=now,
            webinar__start_at__lte=now + reminder_window(),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "webinar")
        .order_by("webinar__start_at", "pk")
    )
    sent = failed = 0
    for registration in due:
        claimed = WebinarRegistration.objects.filter(
            pk=registration.pk, reminder_sent_at__isnull=True
        ).update(reminder_sent_at=now)
        if not claimed:
            continue
        try:
            subject, body = reminder_message(registration)
            send_mail(subject, body, None, [registration.user.email])
        except Exception:
            logger.exception(
                "Webinar reminder to user %s for webinar %s failed.",
                registration.user_id,
                registration.webinar_id,
            )
            WebinarRegistration.objects.filter(pk=registration.pk).update(
                reminder_sent_at=None
            )
            failed += 1
        else:
            sent += 1
    if sent or failed:
        logger.info("Webinar reminders: %s sent, %s failed.", sent, failed)
    return {"sent": sent, "failed": failed}
