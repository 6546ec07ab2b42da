"""What 'Pembelajaran saya' shows, read at a fixed number of queries."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from courses.models import ModulePage

from .ledger import jp_summary
from .models import Certificate, Enrolment, ModuleProgress, WebinarRegistration


@dataclass
class CourseCard:
    enrolment: Enrolment
    done: int = 0
    total: int = 0
    next_module: ModulePage | None = None

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def overdue(self):
        deadline = self.enrolment.deadline
        return bool(deadline and deadline < timezone.localdate())


def _course_cards(user, enrolments):
    """Progress of each open enrolment: two queries for all courses together."""
    cards = {e.course_id: CourseCard(enrolment=e) for e in enrolments}
    if not cards:
        return []
    paths = {e.course.path: e.course_id for e in enrolments}
    depth = enrolments[0].course.depth + 1
    modules = list(
        ModulePage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=path) for path in paths)), depth=depth)
        .defer_streamfields()
        .order_by("path")
    )
    done = set(
        ModuleProgress.objects.filter(
            user=user, completed_at__isnull=False, module_id__in=[m.pk for m in modules]
        ).values_list("module_id", flat=True)
    )
    by_course = {}
    for module in modules:
        by_course.setdefault(paths[module.path[: -module.steplen]], []).append(module)
    for course_id, course_modules in by_course.items():
        card = cards[course_id]
        required = [m for m in course_modules if m.is_required] or course_modules
        card.total = len(required)
        card.done = sum(1 for m in required if m.pk in done)
        card.next_module = next(
            (m for m in required if m.pk not in done),
            next((m for m in course_modules if m.pk not in done), None),
        )
    return list(cards.values())


def dashboard_data(user, *, now=None):
    """Everything the learner's dashboard shows.

    Queries: open enrolments, their modules, completed progress, completed
    enrolments count, upcoming webinars, certificates, the JP entries of the
    year and their sums: eight, whatever the learner's history.
    """
    now = now or timezone.now()
    open_enrolments = list(
        Enrolment.objects.filter(user=user, completed_at__isnull=True)
        .select_related("course", "assignment")
        .order_by("-enrolled_at")
    )
    cards = _course_cards(user, open_enrolments)
    assigned = sorted(
        (c for c in cards if c.enrolment.assignment_id or c.enrolment.deadline),
        key=lambda c: (
            not c.overdue,
            c.enrolment.deadline is None,
            c.enrolment.deadline or now.date(),
        ),
    )
    own = [c for c in cards if c not in assigned]
    webinars = list(
        WebinarRegistration.objects.filter(
            user=user,
            status__in=[
                WebinarRegistration.Status.REGISTERED,
                WebinarRegistration.Status.WAITLISTED,
            ],
            webinar__end_at__gt=now,
        )
        .select_related("webinar")
        .order_by("webinar__start_at")
    )
    certificates = list(Certificate.objects.filter(user=user).order_by("-issued_at"))
    return {
        "assigned": assigned,
        "in_progress": own,
        "completed_count": Enrolment.objects.filter(
            user=user, completed_at__isnull=False
        ).count(),
        "webinars": webinars,
        "certificates": certificates,
        "jp": jp_summary(user),
    }
