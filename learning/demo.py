"""Demo learner records for `seed_demo`, written through the real services.

Leaves Siti (the demo learner) with a completed course and its certificate,
an attended webinar, ledger entries on both paths, a course in progress, an
assigned course with a deadline and an upcoming webinar, so that a first look
at 'Pembelajaran saya' shows every part of it. Safe to run again.
"""

import contextlib
import datetime
from decimal import Decimal

from django.utils import timezone

from courses.models import CoursePage, WebinarPage
from people.models import UnitKerja, User

from . import ledger, services, webinars
from .models import Assignment, JPLedgerEntry, ModuleProgress, QuizAttempt


def _right_answers(attempt):
    """The answer key of an attempt's snapshot, as a learner would submit it."""
    answers = {}
    for question in attempt.snapshot["questions"]:
        kind = question["type"]
        if kind == "single":
            answers[question["id"]] = next(
                o["id"] for o in question["options"] if o["correct"]
            )
        elif kind == "multiple":
            answers[question["id"]] = [
                o["id"] for o in question["options"] if o["correct"]
            ]
        elif kind == "true_false":
            answers[question["id"]] = question["answer"]
        else:
            answers[question["id"]] = question["accepted"][0]
    return answers


def _study(user, course, modules_to_finish, *, when):
    """Enrol and finish the first `modules_to_finish` modules (None: all)."""
    services.enrol(user, course, now=when)
    modules = list(course.live_modules().specific())
    if modules_to_finish is not None:
        modules = modules[:modules_to_finish]
    for module in modules:
        enrolment = services.enrolment_for(user, course)
        services.record_visit(user, module, enrolment, now=when)
        done = ModuleProgress.objects.filter(
            user=user, module=module, completed_at__isnull=False
        ).exists()
        if not done:
            if module.has_quiz:
                if not QuizAttempt.objects.filter(user=user, module=module).exists():
                    attempt, _ = services.start_attempt(user, module, now=when)
                    services.submit_attempt(
                        user, attempt.pk, _right_answers(attempt), now=when
                    )
            elif not (module.has_quiz and course.require_quiz_pass):
                services.complete_module(user, module, now=when)
        if not enrolment.completed_at:
            with contextlib.suppress(services.LearningError):
                services.give_feedback(
                    user,
                    module,
                    {
                        "rating_material": 5,
                        "rating_delivery": 4,
                        "rating_practical": 5,
                        "rating_overall": 5,
                    },
                    "Materinya jelas dan contohnya dekat dengan pekerjaan sehari-hari.",
                    now=when,
                )
        when += datetime.timedelta(minutes=25)


def seed_learning():
    """Create the demo learner records; existing ones are left alone."""
    siti = User.objects.get(username="siti")
    yohanes = User.objects.get(username="yohanes")
    admin_ntt = User.objects.get(username="adminntt")
    now = timezone.now()
    courses = {c.slug: c for c in CoursePage.objects.live()}

    completed = courses.get("integritas-dan-antikorupsi")
    if completed:
        _study(siti, completed, None, when=now - datetime.timedelta(days=20))
    in_progress = courses.get("literasi-digital-bagi-asn")
    if in_progress:
        _study(siti, in_progress, 1, when=now - datetime.timedelta(days=2))
        _study(yohanes, in_progress, 2, when=now - datetime.timedelta(days=5))

    mandatory = courses.get("pelayanan-publik-prima")
    reason = "Wajib bagi seluruh pegawai Dinas Kesehatan tahun ini"
    if (
        mandatory
        and not Assignment.objects.filter(course=mandatory, reason=reason).exists()
    ):
        dinkes = UnitKerja.objects.get(code="ntt-dinkes")
        services.assign(
            mandatory,
            User.objects.filter(dinkes.subtree_filter("unit_kerja")),
            assigned_by=admin_ntt,
            reason=reason,
            target=Assignment.Target.UNIT,
            unit_kerja=dinkes,
            deadline=timezone.localdate() + datetime.timedelta(days=21),
        )

    past = WebinarPage.objects.live().filter(end_at__lt=now).order_by("-start_at")
    upcoming = WebinarPage.objects.live().filter(start_at__gt=now).order_by("start_at")
    attended = past.first()
    if attended:
        before = attended.start_at - datetime.timedelta(days=3)
        webinars.register_for_webinar(siti, attended, now=before)
        trainer = attended.trainers.first() or User.objects.get(username="admin")
        webinars.mark_attendance(attended, [siti], by=trainer, now=attended.end_at)
    next_webinar = upcoming.first()
    if next_webinar:
        webinars.register_for_webinar(siti, next_webinar, now=now)

    ledger.credit_jp(
        siti,
        source_type=JPLedgerEntry.Source.MANUAL,
        source_id="demo-pelatihan-klasikal",
        title="Pelatihan Teknis Pelayanan Kesehatan Primer (tatap muka, Kupang)",
        path=JPLedgerEntry.Path.KLASIKAL,
        form=JPLedgerEntry.Form.PELATIHAN,
        jp=Decimal("8"),
        earned_on=timezone.localdate().replace(month=1, day=1)
        + datetime.timedelta(days=40),
        manual=True,
        note="Diselenggarakan Bapelkes Kupang; sertifikat diserahkan ke BKD.",
        recorded_by=admin_ntt,
    )
