"""The JP ledger: crediting activities once, and reading JP totals.

Every JP figure anywhere in the product is a sum over ``JPLedgerEntry``.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from .models import JPLedgerEntry


def credit_jp(
    user,
    *,
    source_type,
    source_id,
    title,
    path,
    form,
    jp,
    earned_on,
    evidence_url="",
    evidence_file=None,
    manual=False,
    note="",
    recorded_by=None,
):
    """Write one ledger entry for an activity, once: (entry, created).

    Crediting the same (user, source_type, source_id) again returns the
    existing entry unchanged, however often or however concurrently it runs.
    """
    existing = JPLedgerEntry.objects.filter(
        user=user, source_type=source_type, source_id=str(source_id)
    ).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            entry = JPLedgerEntry(
                user=user,
                source_type=source_type,
                source_id=str(source_id),
                title=title[:300],
                path=path,
                form=form,
                jp=Decimal(jp),
                earned_on=earned_on,
                evidence_url=evidence_url,
                manual=manual,
                note=note,
                recorded_by=recorded_by,
            )
            if evidence_file is not None:
                entry.evidence_file = evidence_file
            entry.full_clean(exclude=["evidence_file"])
            entry.save()
            return entry, True
    except IntegrityError:
        return (
            JPLedgerEntry.objects.get(
                user=user, source_type=source_type, source_id=str(source_id)
            ),
            False,
        )


def credit_course(enrolment, *, evidence_url=""):
    """Credit a completed course's JP (nonklasikal e-learning)."""
    course = enrolment.course
    if not course.jp_credit or course.jp_credit <= 0:
        return None, False
    return credit_jp(
        enrolment.user,
        source_type=JPLedgerEntry.Source.COURSE,
        source_id=enrolment.pk,
        title=course.title,
        path=JPLedgerEntry.Path.NONKLASIKAL,
        form=JPLedgerEntry.Form.ELEARNING,
        jp=course.jp_credit,
        earned_on=timezone.localdate(enrolment.completed_at),
        evidence_url=evidence_url,
    )


def minimum_jp(user):
    """The yearly minimum for this ASN: 20 JP for PNS, 24 for PPPK."""
    minimums = settings.LMS_JP_MINIMUM
    return minimums.get(user.employment_status or "PNS", minimums["PNS"])


def jp_summary(user, year=None):
    """JP of one calendar year: total, by path and by form, and the entries.

    Two queries whatever the learner's history: the entries of the year and
    the sums by path and form.
    """
    year = year or timezone.localdate().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    entries = JPLedgerEntry.objects.filter(
        user=user, earned_on__range=(start, end)
    ).order_by("-earned_on", "-pk")
    by_path = {choice: Decimal("0") for choice in JPLedgerEntry.Path.values}
    by_form = {}
    for row in entries.order_by().values("path", "form").annotate(total=Sum("jp")):
        by_path[row["path"]] += row["total"]
        by_form[row["form"]] = by_form.get(row["form"], Decimal("0")) + row["total"]
    total = sum(by_path.values(), Decimal("0"))
    minimum = minimum_jp(user)
    labels_path = dict(JPLedgerEntry.Path.choices)
    labels_form = dict(JPLedgerEntry.Form.choices)
    return {
        "year": year,
        "total": total,
        "minimum": minimum,
        "reached": total >= minimum,
        "percent": min(100, int(total * 100 / minimum)) if minimum else 100,
        "remaining": max(Decimal("0"), minimum - total),
        "by_path": [
            {"key": key, "label": labels_path[key], "jp": value}
            for key, value in by_path.items()
        ],
        "by_form": sorted(
            (
                {"key": key, "label": labels_form.get(key, key), "jp": value}
                for key, value in by_form.items()
            ),
            key=lambda row: -row["jp"],
        ),
        "entries": entries,
    }
