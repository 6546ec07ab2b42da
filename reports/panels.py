"""The summary panel on the Wagtail admin home page, for report viewers."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState
from wagtail.permissions import page_permission_policy

from courses.models import CoursePage, WebinarPage
from learning.models import ModuleProgress

from . import figures
from .scope import Scope


def month_start(today):
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(today.replace(day=1), datetime.time.min, zone)


def summary_figures(user, today=None):
    """The panel's figures for ``user``'s scope: five queries."""
    today = today or timezone.localdate()
    scope = Scope(viewer=user, start=datetime.date(today.year, 1, 1), end=today)
    people = scope.people()
    active = people.filter(
        Exists(
            ModuleProgress.objects.filter(
                user=OuterRef("pk"), last_seen_at__gte=month_start(today)
            )
        )
    ).count()
    completion = scope.enrolments().aggregate(
        enrolled=Count("pk"),
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
    )
    asn, reached, _jp = figures.jp_compliance(scope.asn(), today.year).get(1, (0, 0, 0))
    return {
        "active_learners": active,
        "enrolled": completion["enrolled"],
        "completed": completion["completed"],
        "completion_rate": (
            completion["completed"] * 100 / completion["enrolled"]
            if completion["enrolled"]
            else None
        ),
        "asn": asn,
        "jp_reached": reached,
        "jp_share": reached * 100 / asn if asn else None,
    }


def courses_awaiting_approval():
    """Courses in a moderation workflow that is still running."""
    return (
        WorkflowState.objects.active()
        .filter(content_type=ContentType.objects.get_for_model(CoursePage))
        .count()
    )


class ReportsSummaryPanel(Component):
    """Learning at a glance: active learners, completion, JP, what is coming."""

    name = "lms_reports_summary"
    order = 50
    template_name = "reports/home_panel.html"

    def __init__(self, request):
        self.request = request

    class Media:
        css = {"all": ["css/reports.css"]}

    def get_context_data(self, parent_context=None):
        user, today = self.request.user, timezone.localdate()
        may_publish = page_permission_policy.user_has_permission(user, "publish")
        return {
            "figures": summary_figures(user, today),
            "year": today.year,
            "month": today,
            "webinars": WebinarPage.objects.live().upcoming()[:3],
            "awaiting_approval": courses_awaiting_approval() if may_publish else None,
            "links": {
                "completion": reverse("lms_reports:completion_units"),
                "jp": reverse("lms_reports:jp_compliance"),
                "approval": reverse("wagtailadmin_reports:workflow"),
            },
        }
