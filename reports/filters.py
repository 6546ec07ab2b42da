"""The report filters (django-filter, rendered by Wagtail's filter drawer).

The filter sets only parse and validate the request; the reports build
their queries from the cleaned values through ``reports.scope.Scope``.
Choices of instansi and unit kerja are limited to what the viewer may see,
so a crafted id is an invalid choice rather than a way around the scope.
"""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.models import CompetencyType, CoursePage
from people.models import User
from people.scoping import instansi_visible_to, units_visible_to


class UnitChoiceField(django_filters.fields.ModelChoiceField):
    """Units listed as a tree: each sub-unit indented under its parent."""

    def label_from_instance(self, obj):
        return "\u2003" * (obj.depth - 1) + obj.name


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


def visible_instansi(request):
    return instansi_visible_to(request.user) if request else None


def visible_units(request):
    return units_visible_to(request.user).in_tree_order() if request else None


def _keep(queryset, name, value):
    """Filters only validate here; ``Scope`` applies them."""
    return queryset


class PeopleFilterSet(WagtailFilterSet):
    """Who: instansi, unit kerja (with its sub-units), jabatan type, status."""

    instansi = django_filters.ModelChoiceFilter(
        label=_("Instansi"), queryset=visible_instansi, method=_keep
    )
    unit_kerja = UnitFilter(
        label=_("Unit kerja (with sub-units)"), queryset=visible_units, method=_keep
    )
    jabatan_type = django_filters.ChoiceFilter(
        label=_("Jabatan type"),
        choices=User.JabatanType.choices,
        method=_keep,
        empty_label=_("All"),
    )
    employment_status = django_filters.ChoiceFilter(
        label=_("Employment status"),
        choices=User.EmploymentStatus.choices,
        method=_keep,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = User
        fields = []


class LearningFilterSet(PeopleFilterSet):
    """People filters plus the period, course and competency type."""

    period = django_filters.DateFromToRangeFilter(
        label=_("Period"), widget=DateRangePickerWidget, method=_keep
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Course"),
        queryset=CoursePage.objects.order_by("title"),
        method=_keep,
    )
    competency_type = django_filters.ChoiceFilter(
        label=_("Competency type"),
        choices=CompetencyType.choices,
        method=_keep,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = User
        fields = []


class FeedbackFilterSet(LearningFilterSet):
    group_by = django_filters.ChoiceFilter(
        label=_("Group by"),
        choices=[
            ("course", _("Course")),
            ("module", _("Module")),
            ("trainer", _("Trainer")),
        ],
        method=_keep,
        widget=forms.RadioSelect,
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = User
        fields = []


def year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, this_year - 5, -1)]


class JPFilterSet(PeopleFilterSet):
    """People filters plus the calendar year and who to list."""

    year = django_filters.ChoiceFilter(
        label=_("Year"), choices=year_choices, method=_keep, empty_label=None
    )
    compliance = django_filters.ChoiceFilter(
        label=_("List"),
        choices=[
            ("below", _("Below the minimum")),
            ("reached", _("At or above the minimum")),
            ("all", _("Everyone")),
        ],
        method=_keep,
        widget=forms.RadioSelect,
        empty_label=None,
    )

    class Meta:
        model = User
        fields = []
