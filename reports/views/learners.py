"""Learner record: one ASN's whole learning history, for those who may see them."""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import ModulePage
from learning.ledger import jp_summary
from learning.models import Certificate, Enrolment, ModuleFeedback, QuizAttempt
from people.models import User
from people.scoping import people_visible_to

from .. import figures
from ..access import ReportAccessMixin
from ..charts import Bar, bar_chart
from ..filters import PeopleFilterSet
from ..templatetags.reports_tags import num
from .base import BaseReportView, label_people


class LearnerSearchReport(BaseReportView):
    """Find a person by NIP or name among the people the viewer may see."""

    page_title = _("Learner records")
    header_icon = "user"
    url_name = "learners"
    filterset_class = PeopleFilterSet
    results_template_name = "reports/learners_results.html"
    is_searchable = True
    search_fields = ["full_name", "nip", "username", "email"]
    default_ordering = "full_name"
    orderings = ("full_name", "nip")
    list_export = [
        "label",
        "nip",
        "employment_status",
        "instansi__name",
        "unit_kerja__name",
        "enrolled",
        "completed",
        "jp_total",
    ]
    export_headings = {
        "label": _("Name"),
        "nip": "NIP",
        "employment_status": _("Employment status"),
        "instansi__name": _("Instansi"),
        "unit_kerja__name": _("Unit kerja"),
        "enrolled": _("Enrolled"),
        "completed": _("Completed"),
        "jp_total": _("JP this year"),
    }

    def build_queryset(self, scope):
        return scope.people().values(
            "pk",
            "username",
            "full_name",
            "title_prefix",
            "title_suffix",
            "nip",
            "employment_status",
            "instansi__name",
            "unit_kerja__name",
        )

    def get_base_queryset(self):
        ordering = self.ordering or self.default_ordering
        return self.build_queryset(self.scope).order_by(ordering, "username")

    def order_queryset(self, queryset):
        return queryset

    def decorate_rows(self, rows):
        """Course counts and JP this year for the rows shown (one query)."""
        year = timezone.localdate().year
        figures_of = {
            row["pk"]: row
            for row in User.objects.filter(pk__in=[row["pk"] for row in rows])
            .values("pk")
            .annotate(
                enrolled=Count("enrolments"),
                completed=Count(
                    "enrolments", filter=Q(enrolments__completed_at__isnull=False)
                ),
                jp_total=figures.jp_of_year(year),
            )
        }
        for row in rows:
            row.update(figures_of.get(row["pk"], {}))
        return label_people(rows)


class LearnerRecordView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """Enrolments, progress, quiz attempts, questionnaires, certificates and
    the JP ledger of one person: a fixed number of queries."""

    template_name = "reports/learner_record.html"
    header_icon = "user"

    @cached_property
    def person(self):
        return get_object_or_404(
            people_visible_to(self.request.user).select_related(
                "instansi", "unit_kerja"
            ),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def year(self):
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return timezone.localdate().year
        if not 2000 <= year <= 2100:
            raise Http404
        return year

    def get_page_title(self):
        return gettext("Learner record")

    def get_page_subtitle(self):
        return self.person.display_name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("lms_reports:learners"),
                "label": gettext("Learner records"),
            },
            {"url": "", "label": self.person.display_name},
        ]

    def enrolments(self):
        modules = ModulePage.objects.filter(
            path__startswith=OuterRef("course__path"),
            depth=OuterRef("course__depth") + 1,
            live=True,
        )
        return (
            Enrolment.objects.filter(user=self.person)
            .annotate(
                course_title=F("course__title"),
                modules_total=figures.count_of(modules),
                modules_done=Count(
                    "progress", filter=Q(progress__completed_at__isnull=False)
                ),
                quiz_score=figures.enrolment_quiz_score(),
                has_certificate=Exists(
                    Certificate.objects.filter(
                        enrolment=OuterRef("pk"), revoked_at__isnull=True
                    )
                ),
            )
            .select_related("assignment")
            .order_by("-enrolled_at")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person, today = self.person, timezone.localdate()
        jp = jp_summary(person, self.year)
        feedback_fields = [
            "created_at",
            "module__title",
            "enrolment__course__title",
            *figures.RATING_FIELDS,
        ]
        # Comments beside a name only for superusers (see reports.views.feedback).
        show_comments = self.request.user.is_superuser
        if show_comments:
            feedback_fields.append("comment")
        context.update(
            {
                "person": person,
                "today": today,
                "year": self.year,
                "years": range(today.year, today.year - 5, -1),
                "enrolments": self.enrolments(),
                "attempts": QuizAttempt.objects.filter(
                    user=person, submitted_at__isnull=False
                )
                .order_by("-submitted_at")
                .values(
                    "number",
                    "score",
                    "passed",
                    "expired",
                    "submitted_at",
                    "module__title",
                    "enrolment__course__title",
                ),
                "feedback": ModuleFeedback.objects.filter(user=person)
                .order_by("-created_at")
                .values(*feedback_fields),
                "show_comments": show_comments,
                "certificates": Certificate.objects.filter(user=person).values(
                    "number", "course_title", "issued_at", "revoked_at", "jp"
                ),
                "jp": jp,
                "jp_chart": bar_chart(
                    gettext("JP in %(year)s by path") % {"year": self.year},
                    gettext(
                        "JP earned this year on each path and in total; the line "
                        "marks the yearly minimum of %(minimum)s JP."
                    )
                    % {"minimum": jp["minimum"]},
                    [
                        *[
                            Bar(row["label"], float(row["jp"]), f"{num(row['jp'])} JP")
                            for row in jp["by_path"]
                        ],
                        Bar(
                            gettext("Total"),
                            float(jp["total"]),
                            f"{num(jp['total'])} / {jp['minimum']} JP",
                            css_class="is-total",
                        ),
                    ],
                    max_value=max(jp["minimum"], float(jp["total"])),
                    markers=[(jp["minimum"], gettext("Yearly minimum"))],
                ),
            }
        )
        return context
