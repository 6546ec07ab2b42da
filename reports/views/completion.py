"""Completion reports: by course, and along the organisation tree."""

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.models import CompetencyType
from learning.models import RATING_FIELDS, Enrolment
from people.models import UnitKerja
from people.roles import is_admin_instansi
from people.scoping import units_visible_to

from .. import figures
from ..access import can_assign_from_reports
from ..charts import Bar, bar_chart, percent_text
from .base import BaseReportView, label_people

RATING_LABELS = {
    "rating_material": _("Material"),
    "rating_delivery": _("Delivery"),
    "rating_practical": _("Practical use"),
    "rating_overall": _("Overall"),
}

FIGURE_HEADINGS = {
    "enrolled": _("Enrolled"),
    "assigned": _("Assigned"),
    "started": _("Started"),
    "completed": _("Completed"),
    "completion_rate": _("Completion rate (%)"),
    "overdue": _("Overdue"),
    "quiz_avg": _("Average quiz score"),
    "quiz_median": _("Median quiz score"),
    "days_median": _("Median days to complete"),
    **{f"avg_{field}": label for field, label in RATING_LABELS.items()},
}
FIGURE_FIELDS = [
    "enrolled",
    "assigned",
    "started",
    "completed",
    "completion_rate",
    "overdue",
    "quiz_avg",
    "quiz_median",
    "days_median",
    *[f"avg_{field}" for field in RATING_FIELDS],
]


def finish_totals(totals):
    """The totals' completion rate, from the database's two counts."""
    enrolled, completed = totals.get("enrolled") or 0, totals.get("completed") or 0
    totals["completion_rate"] = completed * 100 / enrolled if enrolled else None
    return totals


class CompletionFiguresMixin:
    """Totals, charts and export columns shared by the completion reports."""

    results_template_name = "reports/completion_results.html"

    def completion_chart(self, rows, title):
        return bar_chart(
            title,
            gettext(
                "Share of enrolments completed, per row of the table below. "
                "The table gives the same figures."
            ),
            [
                Bar(
                    row["label"],
                    row["completion_rate"],
                    percent_text(row["completion_rate"]),
                    url=row.get("url", ""),
                )
                for row in rows
            ],
        )


class OrganisationTreeMixin:
    """Where in the organisation tree a report's rows are, and the way back up."""

    @cached_property
    def root(self):
        """(instansi, unit) the rows are under; both None for all instansi.

        Without a filter, an Admin instansi starts at their instansi and a
        supervisor at their own unit kerja.
        """
        scope, user = self.scope, self.request.user
        if scope.unit is not None:
            return scope.unit.instansi, scope.unit
        if scope.instansi is not None:
            return scope.instansi, None
        if user.is_superuser:
            return None, None
        if is_admin_instansi(user) and user.instansi_id:
            return user.instansi, None
        if user.unit_kerja_id:
            return user.unit_kerja.instansi, user.unit_kerja
        return None, None

    def group_length(self):
        """Length of the unit path prefix that names a row's unit."""
        _instansi, unit = self.root
        return (unit.depth + 1 if unit else 1) * UnitKerja.steplen

    def people(self):
        """The people the rows cover (also those an assignment reaches)."""
        people = self.scope.people()
        instansi, unit = self.root
        if unit is not None:
            people = people.filter(unit.subtree_filter("unit_kerja"))
        elif instansi is not None:
            people = people.filter(instansi=instansi)
        return people

    def trail(self):
        """Links back up the tree: all instansi, the instansi, each unit."""
        instansi, unit = self.root
        user = self.request.user
        links = []
        if user.is_superuser:
            links.append(
                {
                    "label": gettext("All instansi"),
                    "url": self.url_with(instansi=None, unit_kerja=None, people=None),
                }
            )
        if instansi is not None and (user.is_superuser or is_admin_instansi(user)):
            links.append(
                {
                    "label": instansi.name,
                    "url": self.url_with(
                        instansi=instansi.pk, unit_kerja=None, people=None
                    ),
                }
            )
        if unit is not None:
            prefixes = [
                unit.path[:length]
                for length in range(
                    UnitKerja.steplen, len(unit.path) + 1, UnitKerja.steplen
                )
            ]
            for ancestor in (
                units_visible_to(user).filter(path__in=prefixes).order_by("path")
            ):
                links.append(
                    {
                        "label": ancestor.name,
                        "url": self.url_with(
                            unit_kerja=ancestor.pk, instansi=None, people=None
                        ),
                    }
                )
        return links


class CourseCompletionReport(CompletionFiguresMixin, BaseReportView):
    """Per course: enrolled, started, completed, overdue, quiz scores,
    questionnaire averages and time to complete."""

    page_title = _("Completion by course")
    header_icon = "tasks"
    url_name = "completion_courses"
    default_ordering = "course__title"
    orderings = (
        "course__title",
        "enrolled",
        "completed",
        "completion_rate",
        "overdue",
    )
    list_export = ["course__title", "competency", *FIGURE_FIELDS]
    export_headings = {
        "course__title": _("Course"),
        "competency": _("Competency type"),
        **FIGURE_HEADINGS,
    }

    def build_queryset(self, scope):
        rows = (
            scope.enrolments()
            .values("course_id", "course__title", "course__competency_type")
            .annotate(**figures.enrolment_figures())
        )
        return figures.with_rates(rows)

    def count_rows(self):
        return self.scope.enrolments().values("course_id").distinct().count()

    def decorate_rows(self, rows):
        labels = dict(CompetencyType.choices)
        outcomes = figures.enrolment_outcomes(
            self.scope.enrolments(),
            lambda prefix: F(f"{prefix}course_id"),
            {row["course_id"] for row in rows},
        )
        figures.add_outcomes(rows, outcomes, lambda row: row["course_id"])
        for row in rows:
            row["label"] = row["course__title"]
            row["competency"] = labels.get(row["course__competency_type"], "")
            row["url"] = self.organisation_url(row["course_id"])
        return rows

    def organisation_url(self, course_id):
        params = self.filter_params(course=course_id)
        return f"{reverse('lms_reports:completion_units')}?{params.urlencode()}"

    def get_report_context(self, rows):
        totals = finish_totals(
            self.scope.enrolments().aggregate(**figures.enrolment_figures())
        )
        return {
            "totals": totals,
            "row_heading": _("Course"),
            "show_feedback": True,
            "show_medians": True,
            "chart": self.completion_chart(rows, gettext("Completion rate per course")),
        }


class OrganisationCompletionReport(
    OrganisationTreeMixin, CompletionFiguresMixin, BaseReportView
):
    """The same figures along the organisation: instansi, then unit kerja and
    its sub-units, then the people of a unit."""

    page_title = _("Completion by organisation")
    header_icon = "group"
    url_name = "completion_units"
    export_headings = {
        "label": _("Name"),
        "nip": "NIP",
        "unit": _("Unit kerja"),
        "headcount": _("People"),
        "learners": _("People enrolled"),
        **FIGURE_HEADINGS,
    }

    @cached_property
    def level(self):
        if self.request.GET.get("people"):
            return "people"
        instansi, unit = self.root
        return "instansi" if instansi is None and unit is None else "unit"

    @property
    def list_export(self):
        if self.level == "people":
            return ["label", "nip", "unit", *FIGURE_FIELDS[:7]]
        return ["label", "headcount", "learners", *FIGURE_FIELDS]

    def get_page_subtitle(self):
        instansi, unit = self.root
        return str(unit or instansi or "")

    # Rows --------------------------------------------------------------------------

    @property
    def orderings(self):
        keys = ("enrolled", "completed", "completion_rate", "overdue")
        return keys if self.level == "people" else (*keys, "headcount")

    def order_queryset(self, queryset):
        return queryset  # see get_base_queryset: the default depends on the level

    def get_base_queryset(self):
        default = {
            "people": ("full_name", "username"),
            "instansi": ("instansi__name",),
            "unit": ("group_path",),
        }[self.level]
        ordering = (self.ordering, *default) if self.ordering else default
        return self.build_queryset(self.scope).order_by(*ordering)

    def row_key(self):
        """(the key expression seen from a model at a prefix, a row's key)."""
        if self.level == "people":
            return (lambda prefix: F(f"{prefix}user_id")), (lambda row: row["pk"])
        if self.level == "instansi":
            return (
                lambda prefix: F(f"{prefix}user__instansi_id"),
                lambda row: row["instansi_id"],
            )
        length = self.group_length()
        return (
            lambda prefix: Substr(f"{prefix}user__unit_kerja__path", 1, length),
            lambda row: row["group_path"],
        )

    def enrolments(self):
        """The enrolments the rows count (of the people under the root)."""
        return Enrolment.objects.filter(
            self.scope.enrolment_condition(), user__in=self.people()
        )

    def build_queryset(self, scope):
        condition = scope.enrolment_condition("enrolments__")
        enrolled = Q(enrolments__isnull=False) & condition
        people = self.people()
        counts = figures.enrolment_figures("enrolments__", condition)
        if self.level == "people":
            rows = people.values(
                "pk",
                "username",
                "full_name",
                "title_prefix",
                "title_suffix",
                "nip",
                "unit_kerja__name",
            ).annotate(**counts)
            return figures.with_rates(rows)
        if self.level == "instansi":
            grouped = people.values("instansi_id", "instansi__name")
        else:
            grouped = people.annotate(
                group_path=Substr("unit_kerja__path", 1, self.group_length())
            ).values("group_path")
        rows = grouped.annotate(
            headcount=Count("pk", distinct=True),
            learners=Count("pk", distinct=True, filter=enrolled),
            **counts,
        )
        return figures.with_rates(rows)

    def count_rows(self):
        people = self.people()
        if self.level == "people":
            return people.count()
        if self.level == "instansi":
            return people.values("instansi_id").distinct().count()
        path = Substr("unit_kerja__path", 1, self.group_length())
        return people.annotate(group_path=path).values("group_path").distinct().count()

    def decorate_rows(self, rows):
        key, key_of = self.row_key()
        outcomes = figures.enrolment_outcomes(
            self.enrolments(),
            key,
            {key_of(row) for row in rows},
            feedback=self.level != "people",
            days=self.level != "people",
        )
        figures.add_outcomes(rows, outcomes, key_of)
        if self.level == "people":
            return self.decorate_people(rows)
        if self.level == "instansi":
            for row in rows:
                row["label"] = row["instansi__name"] or gettext("No instansi")
                row["url"] = (
                    self.url_with(instansi=row["instansi_id"], unit_kerja=None)
                    if row["instansi_id"]
                    else ""
                )
            return rows
        _instansi, root_unit = self.root
        paths = [row["group_path"] for row in rows if row["group_path"]]
        units = {
            unit["path"]: unit
            for unit in UnitKerja.objects.filter(path__in=paths).values(
                "pk", "path", "name", "numchild"
            )
        }
        for row in rows:
            unit = units.get(row["group_path"])
            if unit is None:
                row["label"], row["url"] = gettext("No unit kerja"), ""
            elif root_unit is not None and unit["path"] == root_unit.path:
                row["label"] = gettext("%(unit)s (directly in this unit)") % {
                    "unit": unit["name"]
                }
                row["url"] = self.url_with(
                    unit_kerja=unit["pk"], instansi=None, people="1"
                )
            else:
                row["label"] = unit["name"]
                row["url"] = self.url_with(
                    unit_kerja=unit["pk"],
                    instansi=None,
                    people=None if unit["numchild"] else "1",
                )
        return rows

    def decorate_people(self, rows):
        for row in rows:
            row["unit"] = row["unit_kerja__name"] or ""
        return label_people(rows)

    # Context -----------------------------------------------------------------------

    def get_report_context(self, rows):
        condition = self.scope.enrolment_condition("enrolments__")
        totals = finish_totals(
            self.people().aggregate(
                headcount=Count("pk", distinct=True),
                learners=Count(
                    "pk", distinct=True, filter=Q(enrolments__isnull=False) & condition
                ),
                **figures.enrolment_figures("enrolments__", condition),
            )
        )
        return {
            "totals": totals,
            "level": self.level,
            "trail": self.trail(),
            "row_heading": {
                "people": _("Name"),
                "instansi": _("Instansi"),
                "unit": _("Unit kerja"),
            }[self.level],
            "show_feedback": self.level != "people",
            "show_medians": self.level != "people",
            "show_headcount": self.level != "people",
            "people_url": self.url_with(people="1") if self.level != "people" else "",
            "assign_url": self.assign_url(),
            "chart": self.completion_chart(
                rows,
                {
                    "people": gettext("Completion rate per person"),
                    "instansi": gettext("Completion rate per instansi"),
                    "unit": gettext("Completion rate per unit kerja"),
                }[self.level],
            ),
        }

    def assign_url(self):
        if not can_assign_from_reports(self.request.user):
            return ""
        params = self.filter_params(report="organisation")
        return f"{reverse('lms_reports:assign')}?{params.urlencode()}"
