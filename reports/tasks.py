"""Reminder e-mails for overdue assignments, as a background task.

Queued by ``manage.py send_overdue_reminders`` (cron, daily) and run by the
task worker. Each learner gets one e-mail listing every overdue course, at
most once every ``LMS_OVERDUE_REMINDER_DAYS`` days (default 7) per course.
"""

import datetime
import logging
from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks import task

from learning.models import Enrolment

from .models import ReminderLog

logger = logging.getLogger(__name__)


def reminder_interval():
    return datetime.timedelta(days=getattr(settings, "LMS_OVERDUE_REMINDER_DAYS", 7))


def overdue_enrolments(now=None):
    """Uncompleted assigned enrolments past their deadline whose learner has
    not been reminded about them within the interval."""
    now = now or timezone.now()
    recently = ReminderLog.objects.filter(
        enrolment=OuterRef("pk"), sent_at__gt=now - reminder_interval()
    )
    return (
        Enrolment.objects.filter(
            assignment__isnull=False,
            completed_at__isnull=True,
            deadline__lt=timezone.localdate(now),
            user__is_active=True,
        )
        .exclude(user__email="")
        .exclude(Exists(recently))
        .select_related("user", "assignment", "course")
        .only(
            "deadline",
            "user__email",
            "user__full_name",
            "user__username",
            "assignment__reason",
            "course__title",
        )
        .order_by("user_id", "deadline", "pk")
    )


def reminder_message(user, enrolments):
    """(subject, body) of one learner's reminder, in Indonesian."""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": user.get_short_name(),
            "courses": [
                {
                    "title": enrolment.course.title,
                    "deadline": date_format(enrolment.deadline, "j F Y"),
                    "reason": enrolment.assignment.reason,
                }
                for enrolment in enrolments
            ],
            "dashboard_url": base_url + "/belajar/",
        }
        subject = render_to_string("reports/overdue_reminder_subject.txt", context)
        body = render_to_string("reports/overdue_reminder_email.txt", context)
    return " ".join(subject.split()), body


@task()
def send_overdue_reminders():
    """E-mail each learner with overdue, uncompleted assigned courses.

    A learner's enrolments are logged as reminded only once their e-mail has
    gone out, so a failed address is tried again next run; one failing
    address never stops the others.
    """
    now = timezone.now()
    sent = failed = 0
    rows = overdue_enrolments(now).iterator(chunk_size=500)
    for _user_id, group in groupby(rows, key=lambda enrolment: enrolment.user_id):
        enrolments = list(group)
        user = enrolments[0].user
        try:
            subject, body = reminder_message(user, enrolments)
            send_mail(subject, body, None, [user.email])
        except Exception:
            logger.exception("Overdue reminder to user %s failed.", user.pk)
            failed += 1
            continue
        ReminderLog.objects.bulk_create(
            [ReminderLog(enrolment=enrolment, sent_at=now) for enrolment in enrolments]
        )
        sent += 1
    if sent or failed:
        logger.info("Overdue reminders: %s sent, %s failed.", sent, failed)
    return {"sent": sent, "failed": failed}
