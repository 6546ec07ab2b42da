"""What the benchmarks measure in a bench database: who, and which pages.

Needs Django set up against a database filled by ``manage.py bench_data``.
The learner is chosen by a fixed rule (the longest history), so runs at the
same scale measure the same person.
"""

from django.db.models import Count, Subquery
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail import hooks
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, ModulePage
from learning.models import Enrolment, ModuleProgress, QuizAttempt
from people.models import User

ASN_USERNAMES = r"^bench[0-9]"
ADMIN_USERNAME = "bench-admin"
BARE_PAGE_SLUG = "bench-halaman-polos"


def bench_learner():
    """The bench ASN with the longest history (most module-progress rows, ties:
    lowest id) among those in the fullest state: an open, assigned enrolment
    in a course whose quiz they have taken. Every scale then measures pages
    in the same state, so query counts compare like with like."""
    learners = ModuleProgress.objects.filter(user__username__regex=ASN_USERNAMES)
    in_state = QuizAttempt.objects.filter(
        enrolment__completed_at__isnull=True, enrolment__assignment__isnull=False
    ).values("user_id")
    for candidates in (learners.filter(user_id__in=Subquery(in_state)), learners):
        row = (
            candidates.values("user_id")
            .annotate(rows=Count("id"))
            .order_by("-rows", "user_id")
            .first()
        )
        if row is not None:
            return User.objects.get(pk=row["user_id"])
    raise LookupError("No bench learner: run manage.py bench_data first.")


def learner_history(user):
    """How much history the learner brings (shown next to the query counts)."""
    return {
        "enrolments": Enrolment.objects.filter(user=user).count(),
        "open_enrolments": Enrolment.objects.filter(
            user=user, completed_at__isnull=True
        ).count(),
        "progress_rows": ModuleProgress.objects.filter(user=user).count(),
        "quiz_attempts": QuizAttempt.objects.filter(user=user).count(),
    }


def learner_course_and_module(user):
    """An open course of the learner (one with a quiz if any) and a module of
    it the learner has started (the quiz module when reached)."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .order_by("completed_at", "-enrolled_at")
        .select_related("course")
    )
    if not enrolments:
        raise LookupError(f"{user} has no enrolment.")
    started = dict(
        ModuleProgress.objects.filter(user=user)
        .order_by("started_at")
        .values_list("module_id", "started_at")
    )
    attempted = set(
        QuizAttempt.objects.filter(user=user).values_list("module_id", flat=True)
    )
    best = None
    for enrolment in enrolments:
        modules = list(
            ModulePage.objects.live().child_of(enrolment.course).order_by("path")
        )
        reached = [m for m in modules if m.pk in started]
        has_quiz = any(m.pk in attempted for m in modules)
        score = (
            enrolment.completed_at is None,
            has_quiz,
            enrolment.assignment_id is not None,
            len(reached),
        )
        if best is None or score > best[0]:
            module = next(
                (m for m in modules if m.pk in attempted),
                reached[-1] if reached else modules[0],
            )
            best = (score, enrolment.course, module)
    return best[1], best[2]


def admin_user():
    return User.objects.get(username=ADMIN_USERNAME)


def catalogue():
    return CourseIndexPage.objects.live().first()


def bare_page():
    return Page.objects.get(slug=BARE_PAGE_SLUG)


def learner_pages(learner):
    """(name, url, who) for each learner-facing page measured."""
    course, module = learner_course_and_module(learner)
    return [
        ("home", "/", None),
        ("bare page (reference)", bare_page().url, None),
        ("catalogue", catalogue().url, None),
        ("course page", CoursePage.objects.get(pk=course.pk).url, learner),
        ("module page", module.url, learner),
        ("dashboard", "/belajar/", learner),
    ]


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _is_report(pattern):
    """A parameterless admin report page (not its results-only fragment)."""
    view_class = getattr(pattern.callback, "view_class", None)
    initkwargs = getattr(pattern.callback, "view_initkwargs", {}) or {}
    return (
        view_class is not None
        and issubclass(view_class, ReportView)
        and not initkwargs.get("results_only")
    )


def discover_reports():
    """Every admin report, (name, url): the reports menu's items, plus every
    parameterless URL whose view is a Wagtail ``ReportView`` or that lies
    under /admin/reports/ (reports reached from another report, too)."""
    found = {}
    for hook in hooks.get_hooks("register_reports_menu_item"):
        item = hook()
        if item is not None and getattr(item, "url", ""):
            found[str(item.url)] = getattr(item, "name", "") or str(item.label)
    for route, pattern in _routes(get_resolver().url_patterns):
        if any(mark in route for mark in "<(^$") or route.endswith("results/"):
            continue
        if route.startswith("admin/reports/") or _is_report(pattern):
            found.setdefault("/" + route, pattern.name or route)
    return sorted((name, url) for url, name in found.items())
