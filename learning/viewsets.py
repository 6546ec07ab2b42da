"""Wagtail admin screens: course assignments and the JP ledger."""

import uuid

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from people.scoping import people_visible_to

from . import ledger, services
from .forms import AssignmentForm, ManualJPEntryForm
from .models import Assignment, Enrolment, JPLedgerEntry


def assignments_visible_to(user):
    """Assignments made by the user or by people within the user's scope."""
    queryset = Assignment.objects.select_related("course", "assigned_by")
    if user.is_superuser:
        return queryset
    return queryset.filter(assigned_by__in=people_visible_to(user))


class AssignmentEditForm(forms.ModelForm):
    """After creation only the reason and the deadline change."""

    class Meta:
        model = Assignment
        fields = ["reason", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)


class AssignmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return assignments_visible_to(self.request.user)


class AssignmentCreateView(generic.CreateView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs

    def save_instance(self):
        data = self.form.cleaned_data
        assignment = services.assign(
            data["course"],
            self.form.people,
            assigned_by=self.request.user,
            reason=data["reason"],
            target=data["target"],
            deadline=data.get("deadline"),
            unit_kerja=data.get("unit_kerja"),
            jabatan_type=data.get("jabatan_type", ""),
        )
        log(instance=assignment, action="wagtail.create", content_changed=True)
        return assignment

    def get_success_message(self, instance):
        return _("%(course)s assigned to %(count)d people.") % {
            "course": instance.course.title,
            "count": instance.people_count,
        }


class AssignmentEditView(generic.EditView):
    def get_queryset(self):
        return assignments_visible_to(self.request.user)

    def save_instance(self):
        instance = super().save_instance()
        Enrolment.objects.filter(assignment=instance, completed_at__isnull=True).update(
            deadline=instance.deadline
        )
        return instance


class AssignmentDeleteView(generic.DeleteView):
    def get_queryset(self):
        return assignments_visible_to(self.request.user)


# History and usage look the object up in the viewer's scope too (else 404):
# Wagtail's own views would show any row to anyone with the view permission.
class AssignmentHistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return assignments_visible_to(self.request.user)


class AssignmentUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return assignments_visible_to(self.request.user)


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    icon = "calendar-check"
    menu_label = _("Course assignments")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    delete_view_class = AssignmentDeleteView
    history_view_class = AssignmentHistoryView
    usage_view_class = AssignmentUsageView
    list_filter = ["target", "deadline"]
    search_fields = ["reason", "course__title"]
    list_display = [
        TitleColumn("course", label=_("Course"), accessor="course.title"),
        Column("target", label=_("Assigned to"), accessor="get_target_display"),
        Column("reason", label=_("Reason")),
        DateColumn("deadline", label=_("Deadline")),
        Column("people_count", label=_("People")),
        Column("assigned_by", label=_("Assigned by")),
        DateColumn("created_at", label=_("Created")),
    ]

    def get_form_class(self, for_update=False):
        return AssignmentEditForm if for_update else AssignmentForm


assignment_viewset = AssignmentViewSet("assignments")


def ledger_visible_to(user):
    queryset = JPLedgerEntry.objects.select_related("user", "recorded_by")
    if user.is_superuser:
        return queryset
    return queryset.filter(user__in=people_visible_to(user))


class LedgerIndexView(generic.IndexView):
    def get_base_queryset(self):
        return ledger_visible_to(self.request.user)


class LedgerInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(ledger_visible_to(self.request.user), pk=self.pk)


class LedgerHistoryView(history.HistoryView):
    def get_base_object_queryset(self):
        return ledger_visible_to(self.request.user)


class LedgerUsageView(usage.UsageView):
    def get_base_object_queryset(self):
        return ledger_visible_to(self.request.user)


class LedgerEditView(generic.EditView):
    def get_queryset(self):
        return ledger_visible_to(self.request.user)


class LedgerDeleteView(generic.DeleteView):
    def get_queryset(self):
        return ledger_visible_to(self.request.user)


class ManualEntryCreateView(generic.CreateView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs

    def save_instance(self):
        data = self.form.cleaned_data
        entry, _created = ledger.credit_jp(
            self.form.person,
            source_type=JPLedgerEntry.Source.MANUAL,
            source_id=data.get("source_id") or uuid.uuid4(),
            title=data["title"],
            path=data["path"],
            form=data["form"],
            jp=data["jp"],
            earned_on=data["earned_on"],
            evidence_file=data["evidence_file"],
            manual=True,
            note=data["note"],
            recorded_by=self.request.user,
        )
        log(instance=entry, action="wagtail.create", content_changed=True)
        return entry


class LedgerViewSet(ModelViewSet):
    """The JP ledger in the admin: every entry in scope, and manual entries."""

    model = JPLedgerEntry
    icon = "time"
    menu_label = _("JP ledger")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = LedgerIndexView
    add_view_class = ManualEntryCreateView
    edit_view_class = LedgerEditView
    delete_view_class = LedgerDeleteView
    inspect_view_class = LedgerInspectView
    history_view_class = LedgerHistoryView
    usage_view_class = LedgerUsageView
    list_filter = ["source_type", "path", "form", "manual", "earned_on"]
    search_fields = ["title", "user__full_name", "user__nip"]
    list_display = [
        TitleColumn("title", label=_("Activity"), url_name="jp_ledger:inspect"),
        Column("user", label=_("Name")),
        Column("path", label=_("Path"), accessor="get_path_display"),
        Column("jp", label="JP"),
        DateColumn("earned_on", label=_("Date")),
        Column("manual", label=_("Manual")),
    ]
    inspect_view_fields = [
        "user",
        "title",
        "source_type",
        "path",
        "form",
        "jp",
        "earned_on",
        "evidence_url",
        "evidence_file",
        "manual",
        "note",
        "recorded_by",
        "created_at",
    ]

    def get_form_class(self, for_update=False):
        return ManualJPEntryForm


ledger_viewset = LedgerViewSet("jp_ledger")
