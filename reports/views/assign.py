"""Acting on a report: assign a course to the people it shows.

The form carries the report's filters; on submit the same report view
rebuilds its scoped people queryset from them (so nobody outside the
viewer's scope can be reached by editing the form) and hands it to
``learning.services.assign``.
"""

import copy

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import log

from courses.models import CoursePage
from learning import services
from learning.models import Assignment

from ..access import can_assign_from_reports
from .completion import OrganisationCompletionReport
from .jp import JPComplianceReport

REPORTS = {
    "organisation": OrganisationCompletionReport,
    "jp": JPComplianceReport,
}


class AssignFromReportForm(forms.Form):
    filters = forms.CharField(widget=forms.HiddenInput)
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=CoursePage.objects.live().order_by("title")
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=AdminDateInput
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Shown to each learner, e.g. 'Below 20 JP in 2026'."),
    )

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline


class AssignFromReportView(WagtailAdminTemplateMixin, FormView):
    template_name = "reports/assign.html"
    form_class = AssignFromReportForm
    page_title = _("Assign a course")
    header_icon = "calendar-check"

    def dispatch(self, request, *args, **kwargs):
        if not can_assign_from_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def params(self):
        """The report's filters: from the URL, then from the posted form."""
        if self.request.method == "POST":
            return QueryDict(self.request.POST.get("filters", ""))
        return self.request.GET

    @cached_property
    def report(self):
        """The report view the people come from, set up with its filters."""
        report_class = REPORTS.get(self.params.get("report", ""))
        if report_class is None:
            raise Http404
        request = copy.copy(self.request)
        request.GET = self.params
        view = report_class()
        view.setup(request)
        if view.filters and not view.filters.is_valid():
            # Never fall back to "everyone in scope" on a filter we cannot read.
            raise Http404
        return view

    def people(self):
        if isinstance(self.report, JPComplianceReport):
            return self.report.assignment_people()
        return self.report.people()

    def report_url(self):
        params = self.report.filter_params(report=None)
        return (
            f"{self.report.index_url}?{params.urlencode()}"
            if params
            else (self.report.index_url)
        )

    def get_initial(self):
        return {"filters": self.params.urlencode()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "people_count": self.people().count(),
                "report_title": self.report.get_page_title(),
                "report_subtitle": self.report.get_page_subtitle(),
                "report_url": self.report_url(),
                "action_url": self.request.get_full_path(),
                "submit_button_label": gettext("Assign"),
                "submit_button_active_label": gettext("Assigning…"),
            }
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        people = self.people()
        assignment = services.assign(
            data["course"],
            people,
            assigned_by=self.request.user,
            reason=data["reason"],
            target=Assignment.Target.PEOPLE,
            deadline=data["deadline"],
        )
        log(instance=assignment, action="wagtail.create", content_changed=True)
        messages.success(
            self.request,
            gettext("%(course)s assigned to %(count)d people.")
            % {"course": data["course"].title, "count": assignment.people_count},
        )
        return redirect(self.report_url())
