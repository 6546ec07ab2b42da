"""Questionnaire results (Kirkpatrick level 1) per course, module and trainer.

Comments are shown with their course, module and date but never with the
learner's name, in this report and in its export, whoever looks: people
write more candidly when their supervisor cannot read who said what. (The
learner record shows a person's ratings; their comments only to superusers.)
Comments are learner text and are escaped like any other value.
"""

from django.db.models import Count, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning.models import RATING_FIELDS

from .. import figures
from ..charts import Bar, bar_chart, stacked_chart
from ..filters import FeedbackFilterSet
from ..templatetags.reports_tags import num
from .base import BaseReportView
from .completion import RATING_LABELS

GROUPS = {
    "course": {
        "group_id": F("enrolment__course_id"),
        "title": F("enrolment__course__title"),
    },
    "module": {
        "group_id": F("module_id"),
        "title": F("module__title"),
        "course_title": F("enrolment__course__title"),
    },
    # A course's questionnaires count for each of its trainers.
    "trainer": {
        "group_id": F("enrolment__course__trainers__id"),
        "title": Coalesce(
            NullIf(F("enrolment__course__trainers__full_name"), Value("")),
            F("enrolment__course__trainers__username"),
        ),
    },
}
COMMENTS_SHOWN = 10


def distribution_rows(row):
    """[(dimension label, [count of 1..5])] of one row of rating counts."""
    return [
        (
            RATING_LABELS[field],
            [row.get(f"dist_{field}_{n}") or 0 for n in range(1, 6)],
        )
        for field in RATING_FIELDS
    ]


class FeedbackReport(BaseReportView):
    """Averages and the 1-5 distribution of each dimension, per course, module
    or trainer; the newest comments below."""

    page_title = _("Questionnaire results")
    header_icon = "comment"
    url_name = "feedback"
    filterset_class = FeedbackFilterSet
    results_template_name = "reports/feedback_results.html"
    orderings = ("title", "responses", *(f"avg_{field}" for field in RATING_FIELDS))
    default_ordering = "title"

    @cached_property
    def group_by(self):
        data = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        return data.get("group_by") or "course"

    @property
    def list_export(self):
        columns = ["title"]
        if self.group_by == "module":
            columns.append("course_title")
        columns += ["responses", *(f"avg_{field}" for field in RATING_FIELDS)]
        columns += [f"dist_{field}_{n}" for field in RATING_FIELDS for n in range(1, 6)]
        return columns

    @property
    def export_headings(self):
        headings = {
            "title": {
                "course": _("Course"),
                "module": _("Module"),
                "trainer": _("Trainer"),
            }[self.group_by],
            "course_title": _("Course"),
            "responses": _("Responses"),
        }
        for field in RATING_FIELDS:
            label = RATING_LABELS[field]
            headings[f"avg_{field}"] = gettext("%(dimension)s: average") % {
                "dimension": label
            }
            for n in range(1, 6):
                headings[f"dist_{field}_{n}"] = gettext(
                    "%(dimension)s: rated %(rating)d"
                ) % {"dimension": label, "rating": n}
        return headings

    def build_queryset(self, scope):
        return (
            scope.feedback()
            .values(**GROUPS[self.group_by])
            .annotate(
                responses=Count("pk"),
                **figures.rating_averages(),
                **figures.rating_distribution(),
            )
        )

    def decorate_rows(self, rows):
        for row in rows:
            if row["title"] is None:
                row["title"] = gettext("No trainer assigned")
            row["distribution"] = stacked_chart(
                row["title"],
                gettext("Number of answers 1 to 5 for each dimension."),
                distribution_rows(row),
            )
        return rows

    def get_report_context(self, rows):
        feedback = self.scope.feedback()
        totals = feedback.aggregate(
            responses=Count("pk"),
            **figures.rating_averages(),
            **figures.rating_distribution(),
        )
        comments = (
            feedback.exclude(comment="")
            .order_by("-created_at", "-pk")
            .values(
                "comment",
                "created_at",
                "module__title",
                "enrolment__course__title",
            )[:COMMENTS_SHOWN]
        )
        comments_url = reverse("lms_reports:feedback_comments")
        params = self.filter_params(group_by=None)
        return {
            "totals": totals,
            "group_by": self.group_by,
            "comments": comments,
            "comments_url": f"{comments_url}?{params.urlencode()}",
            "distribution_chart": stacked_chart(
                gettext("How learners rated each dimension"),
                gettext(
                    "For each dimension of the questionnaire, how many answers "
                    "gave 1 (poor) to 5 (very good), over everything the filters "
                    "select."
                ),
                distribution_rows(totals),
            ),
            "chart": bar_chart(
                gettext("Average overall rating"),
                gettext(
                    "The average overall rating (1 to 5) of each row of the table "
                    "below."
                ),
                [
                    Bar(
                        row["title"],
                        row["avg_rating_overall"],
                        num(row["avg_rating_overall"]),
                    )
                    for row in rows
                ],
                max_value=5,
            ),
        }


class FeedbackCommentsReport(BaseReportView):
    """Every comment the filters select, newest first, without names."""

    page_title = _("Questionnaire comments")
    header_icon = "comment"
    url_name = "feedback_comments"
    results_template_name = "reports/feedback_comments_results.html"
    list_export = [
        "created_at",
        "enrolment__course__title",
        "module__title",
        *RATING_FIELDS,
        "comment",
    ]
    export_headings = {
        "created_at": _("Date"),
        "enrolment__course__title": _("Course"),
        "module__title": _("Module"),
        **RATING_LABELS,
        "comment": _("Comment"),
    }

    def build_queryset(self, scope):
        return (
            scope.feedback()
            .exclude(comment="")
            .order_by("-created_at", "-pk")
            .values(*self.list_export)
        )

    def order_queryset(self, queryset):
        return queryset
