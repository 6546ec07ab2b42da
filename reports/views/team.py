"""'Tim saya': a supervisor's team outside the admin, light enough for a phone.

The team is ``people_visible_to(supervisor)`` minus the supervisor: the same
rule as the admin reports. The page costs a fixed number of queries: the
people of the page with their counts and JP in one query, their enrolments
in one more.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils import timezone

from learning.models import Enrolment
from people.scoping import people_visible_to

from .. import figures
from ..access import can_view_reports

TEAM_PAGE_SIZE = 30


def team_members(supervisor, today=None):
    """The people a supervisor follows, with their course counts and JP."""
    today = today or timezone.localdate()
    overdue = Q(
        enrolments__deadline__lt=today,
        enrolments__completed_at__isnull=True,
        enrolments__assignment__isnull=False,
    )
    people = (
        people_visible_to(supervisor)
        .filter(is_active=True)
        .exclude(pk=supervisor.pk)
        .annotate(
            in_progress=Count(
                "enrolments", filter=Q(enrolments__completed_at__isnull=True)
            ),
            completed=Count(
                "enrolments", filter=Q(enrolments__completed_at__isnull=False)
            ),
            overdue=Count("enrolments", filter=overdue),
        )
    )
    return figures.with_jp(people, today.year).select_related("unit_kerja")


@login_required
def team(request):
    """Each team member's courses in progress and completed, overdue
    assignments, and JP this year against their minimum."""
    if not can_view_reports(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    enrolments = (
        Enrolment.objects.select_related("course")
        .only(
            "user_id",
            "deadline",
            "completed_at",
            "assignment_id",
            "course__title",
        )
        .order_by("completed_at", "deadline", "course__title")
    )
    # Page through plain people (cheap to count and sort), then count
    # courses and JP for the page's people only.
    team = (
        people_visible_to(request.user)
        .filter(is_active=True)
        .exclude(pk=request.user.pk)
        .order_by("full_name", "username")
    )
    page = Paginator(team.values_list("pk", flat=True), TEAM_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    members = list(
        team_members(request.user, today)
        .filter(pk__in=list(page.object_list))
        .order_by("full_name", "username")
        .prefetch_related(
            Prefetch("enrolments", queryset=enrolments, to_attr="enrolment_list")
        )
    )
    for member in members:
        member.jp_percent = (
            min(100, int(member.jp_total * 100 / member.jp_minimum))
            if member.jp_minimum
            else 100
        )
    return render(
        request,
        "reports/team.html",
        {"page_obj": page, "members": members, "today": today, "year": today.year},
    )
