"""The write functions for webinars: registration, waiting list, attendance.

Like ``learning.services``, each function runs in one transaction, checks
who may do it and is safe to call twice. Registration and cancellation lock
the webinar's row first, so concurrent requests take seats one at a time and
the registered count never exceeds the capacity.

Attendance is recorded on the registration (``attended_at``) and credits the
webinar's JP once, through ``learning.ledger.credit_jp``. It comes from two
places: the learner's check-in code during the event, or the trainer's
attendance list. The trainer's list is the final word: unticking a learner
removes their attendance *and* the JP entry it credited (a shared check-in
code must not earn JP for someone who was not there).
"""

import datetime
import hashlib
import hmac
import logging
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import WebinarPage
from people.roles import is_admin_instansi
from people.scoping import people_visible_to

from .ledger import credit_jp
from .models import JPLedgerEntry, WebinarRegistration
from .services import LearningError

logger = logging.getLogger(__name__)

Status = WebinarRegistration.Status

# JP are dated by the day the webinar took place in WIB, whoever attends.
LEDGER_ZONE = zoneinfo.ZoneInfo("Asia/Jakarta")
# Wrong check-in codes a learner may enter per webinar before a pause, so
# the six digits cannot be guessed by trying them all.
CHECK_IN_MAX_FAILURES = 10
CHECK_IN_LOCKOUT_SECONDS = 15 * 60


class RegistrationRefused(LearningError):
    pass


class CheckInRefused(LearningError):
    pass


def check_in_grace():
    """How long after the end the check-in code still works."""
    return datetime.timedelta(
        minutes=getattr(settings, "LMS_WEBINAR_CHECK_IN_GRACE_MINUTES", 15)
    )


def _lock(webinar):
    """The webinar's row, locked until the transaction ends (PostgreSQL).

    Only the webinar table's row is locked (``of=("self",)``), not Wagtail's
    page row, so editors saving the page are not held up.
    """
    return WebinarPage.objects.select_for_update(of=("self",)).get(pk=webinar.pk)


def _registered_count(webinar):
    return WebinarRegistration.objects.filter(
        webinar=webinar, status=Status.REGISTERED
    ).count()


def _waiting_queue(webinar):
    """The waiting list in the order seats are offered: first come, first served."""
    return WebinarRegistration.objects.filter(
        webinar=webinar, status=Status.WAITLISTED
    ).order_by("registered_at", "pk")


def _fill_free_seats(webinar):
    """Move waiting learners up while seats are free; return those moved.

    Called with the webinar locked, after a cancellation or before a new
    registration (the capacity may have been raised since).
    """
    if webinar.capacity is None:
        free = None
    else:
        free = webinar.capacity - _registered_count(webinar)
        if free <= 0:
            return []
    queue = _waiting_queue(webinar)
    moving = list(queue if free is None else queue[:free])
    if moving:
        WebinarRegistration.objects.filter(pk__in=[r.pk for r in moving]).update(
            status=Status.REGISTERED
        )
        for registration in moving:
            registration.status = Status.REGISTERED
    return moving


def register_for_webinar(user, webinar, *, now=None):
    """Register a learner, or put them on the waiting list when it is full.

    Registering twice returns the same row. A cancelled registration comes
    back at the end of the queue: registered if a seat is free, waitlisted
    otherwise.
    """
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        webinar = _lock(webinar)
        existing = WebinarRegistration.objects.filter(
            user=user, webinar=webinar
        ).first()
        if existing is not None and existing.status != Status.CANCELLED:
            return existing
        if not webinar.live:
            raise RegistrationRefused(_("This webinar is not open for registration."))
        if webinar.end_at <= now:
            raise RegistrationRefused(
                _("This webinar has ended; registration is closed."), code="ended"
            )
        _fill_free_seats(webinar)
        full = (
            webinar.capacity is not None
            and _registered_count(webinar) >= webinar.capacity
        )
        status = Status.WAITLISTED if full else Status.REGISTERED
        if existing is not None:
            existing.status = status
            existing.registered_at = now
            existing.cancelled_at = None
            existing.save(update_fields=["status", "registered_at", "cancelled_at"])
            return existing
        try:
            with transaction.atomic():
                return WebinarRegistration.objects.create(
                    user=user, webinar=webinar, status=status, registered_at=now
                )
        except IntegrityError:
            # Only without row locks (SQLite): a parallel request was first.
            return WebinarRegistration.objects.get(user=user, webinar=webinar)


def cancel_registration(user, webinar, *, now=None):
    """Give up a seat (or a place on the waiting list) before the start.

    A freed seat goes to the first learner waiting, in the same transaction.
    Returns the cancelled registration, or None when there was none.
    """
    now = now or timezone.now()
    with transaction.atomic():
        webinar = _lock(webinar)
        registration = WebinarRegistration.objects.filter(
            user=user, webinar=webinar
        ).first()
        if registration is None or registration.status == Status.CANCELLED:
            return registration
        if webinar.start_at <= now:
            raise LearningError(
                _("The webinar has started; registrations can no longer be cancelled.")
            )
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        _fill_free_seats(webinar)
        return registration


# Attendance ------------------------------------------------------------------


def is_assigned_trainer(user, webinar):
    """Whether ``user`` is one of the webinar's trainers (one query)."""
    return WebinarPage.objects.filter(pk=webinar.pk, trainers=user).exists()


def may_mark_attendance(user, webinar):
    """Trainers of the webinar, superusers and administrators of an instansi."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or is_admin_instansi(user):
        return True
    return is_assigned_trainer(user, webinar)


def attendance_list(user, webinar):
    """The registrations ``user`` may mark: all for the webinar's trainers and
    superusers, the people of their own instansi for an administrator."""
    registrations = WebinarRegistration.objects.filter(
        webinar=webinar, status=Status.REGISTERED
    )
    if user.is_superuser or is_assigned_trainer(user, webinar):
        return registrations
    if is_admin_instansi(user):
        return registrations.filter(user__in=people_visible_to(user))
    return registrations.none()


def earned_on(webinar):
    """The ledger date of a webinar: the day it started, in WIB."""
    return timezone.localdate(webinar.start_at, LEDGER_ZONE)


def credit_attendance(registration, webinar):
    """Credit the webinar's JP for one attended registration, once."""
    if not webinar.jp_credit or webinar.jp_credit <= 0:
        return None, False
    return credit_jp(
        registration.user,
        source_type=JPLedgerEntry.Source.WEBINAR,
        source_id=registration.pk,
        title=webinar.title,
        path=JPLedgerEntry.Path.NONKLASIKAL,
        form=JPLedgerEntry.Form.WEBINAR,
        jp=webinar.jp_credit,
        earned_on=earned_on(webinar),
        evidence_url=webinar.url or "",
    )


def _uncredit(registrations):
    """Remove the JP entries that attendance at these registrations credited."""
    pairs = Q(pk__in=[])
    for registration in registrations:
        pairs |= Q(user_id=registration.user_id, source_id=str(registration.pk))
    return (
        JPLedgerEntry.objects.filter(source_type=JPLedgerEntry.Source.WEBINAR)
        .filter(pairs)
        .delete()[0]
    )


def mark_attendance(webinar, users_present, *, by, now=None):
    """Record who attended from the trainer's checklist.

    ``users_present`` holds the ticked users (or their ids). Registered
    learners ticked now are marked present and credited; those within the
    marker's list who are unticked lose their attendance and its JP entry.
    Learners not registered (waiting, cancelled) are ignored. Returns
    ``{"marked": [user ids], "unmarked": [user ids]}``.
    """
    now = now or timezone.now()
    if not may_mark_attendance(by, webinar):
        raise PermissionDenied
    present = {getattr(item, "pk", item) for item in users_present}
    present = {int(pk) for pk in present if str(pk).isdigit()}
    with transaction.atomic():
        webinar = _lock(webinar)
        if now < webinar.start_at:
            raise LearningError(
                _("Attendance can be recorded once the webinar has started.")
            )
        registrations = list(
            attendance_list(by, webinar)
            .select_for_update(of=("self",))
            .select_related("user")
        )
        to_mark = [
            r for r in registrations if r.user_id in present and r.attended_at is None
        ]
        to_unmark = [
            r
            for r in registrations
            if r.user_id not in present and r.attended_at is not None
        ]
        if to_mark:
            WebinarRegistration.objects.filter(pk__in=[r.pk for r in to_mark]).update(
                attended_at=now,
                attendance_source=WebinarRegistration.AttendanceSource.TRAINER,
                attendance_marked_by=by,
            )
        if to_unmark:
            WebinarRegistration.objects.filter(pk__in=[r.pk for r in to_unmark]).update(
                attended_at=None, attendance_source="", attendance_marked_by=by
            )
            _uncredit(to_unmark)
        # Everyone ticked is credited, also those who checked in themselves
        # before a credit could be written (credit_jp changes nothing twice).
        for registration in registrations:
            if registration.user_id in present:
                credit_attendance(registration, webinar)
        result = {
            "marked": sorted(r.user_id for r in to_mark),
            "unmarked": sorted(r.user_id for r in to_unmark),
        }
        if to_mark or to_unmark:
            log(
                instance=webinar,
                action="lms.webinar.attendance",
                user=by,
                data=result,
            )
        return result


# Check-in --------------------------------------------------------------------


def check_in_code(webinar):
    """The six-digit code shown during the event. Derived, never stored."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"webinar-checkin:{webinar.pk}".encode(),
        hashlib.sha256,
    ).hexdigest()
    return f"{int(digest, 16) % 1_000_000:06d}"


def check_in_open(webinar, now=None):
    """Whether the check-in code works now: from the start until shortly after
    the end."""
    now = now or timezone.now()
    return webinar.start_at <= now <= webinar.end_at + check_in_grace()


def _failures_key(user, webinar):
    return f"lms:webinar-checkin-failures:{webinar.pk}:{user.pk}"


def check_in(user, webinar, code, *, now=None):
    """A registered learner confirms attendance with the code of the event.

    Refused (nothing written) outside the check-in window, for a learner who
    is not registered, or with a wrong code. Succeeding twice changes nothing.
    """
    now = now or timezone.now()
    if not check_in_open(webinar, now):
        if now < webinar.start_at:
            message = _("Check-in opens when the webinar starts.")
        else:
            message = _("Check-in for this webinar has closed.")
        raise CheckInRefused(message, code="closed")
    key = _failures_key(user, webinar)
    if cache.get(key, 0) >= CHECK_IN_MAX_FAILURES:
        raise CheckInRefused(
            _("Too many wrong codes. Try again in a few minutes."), code="locked"
        )
    with transaction.atomic():
        registration = (
            WebinarRegistration.objects.select_for_update()
            .filter(user=user, webinar=webinar, status=Status.REGISTERED)
            .first()
        )
        if registration is None:
            raise CheckInRefused(
                _("Only registered participants can check in."),
                code="not_registered",
            )
        given = "".join(str(code or "").split())
        if not hmac.compare_digest(given, check_in_code(webinar)):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, CHECK_IN_LOCKOUT_SECONDS)
            raise CheckInRefused(
                _("That code is not right. Check the code shown in the webinar."),
                code="wrong_code",
            )
        if registration.attended_at is None:
            registration.attended_at = now
            registration.attendance_source = (
                WebinarRegistration.AttendanceSource.CHECK_IN
            )
            registration.save(update_fields=["attended_at", "attendance_source"])
        credit_attendance(registration, webinar)
        return registration


# Reads -----------------------------------------------------------------------


def join_link_for(user, webinar, now=None):
    """The join URL for a registered learner while it is open, else ''."""
    if not getattr(user, "is_authenticated", False):
        return ""
    registered = WebinarRegistration.objects.filter(
        user=user, webinar=webinar, status=Status.REGISTERED
    ).exists()
    return join_link(webinar, registered, now)


def join_link(webinar, registered, now=None):
    """The join URL when ``registered`` and the link is open, else ''."""
    if registered and webinar.join_link_open(now):
        return webinar.join_url
    return ""
