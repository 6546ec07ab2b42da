"""Wagtail admin screens for the organisation tree and the ASN accounts.

Every screen looks rows up through ``people.scoping``: a row outside the
administrator's scope is missing (404) rather than forbidden, so its
existence is not revealed.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, ProtectedError, Value
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet, ViewSetGroup
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect
from wagtail.users.views import users as wagtail_users

from .admin_forms import InstansiForm, UnitKerjaForm, UserCreationForm, UserEditForm
from .models import Instansi, UnitKerja, User
from .scoping import (
    can_manage_account,
    instansi_visible_to,
    people_manageable_by,
    people_visible_to,
    units_visible_to,
)

# --- Shared pieces ---------------------------------------------------------


class ScopedObjectMixin:
    """Look the object up among the rows ``scope(user)`` returns, else 404."""

    scope = None  # a function: user -> QuerySet

    def get_scoped_queryset(self):
        return type(self).scope(self.request.user)

    # SingleObjectMixin views (edit, delete)
    def get_queryset(self):
        return self.get_scoped_queryset()

    # BaseObjectMixin views (history, usage)
    def get_base_object_queryset(self):
        return self.get_scoped_queryset()


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_scoped_queryset(), pk=self.pk)


class ScopedBaseObjectMixin:
    """For listing views about one object (history, usage): scope the object
    lookup only; their own ``get_queryset`` lists log entries or references."""

    scope = None  # a function: user -> QuerySet

    def get_base_object_queryset(self):
        return type(self).scope(self.request.user)


class ScopedHistoryView(ScopedBaseObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, usage.UsageView):
    pass


class GuardedDeleteView(ScopedObjectMixin, generic.DeleteView):
    """Delete only what nothing depends on, and say what is in the way."""

    template_name = "people/admin/confirm_delete.html"

    def get_blockers(self):
        """Messages saying why the object cannot be deleted yet."""
        return []

    @cached_property
    def blockers(self):
        return self.get_blockers()

    def get_usage_url(self):
        # The reference index does not track people; the blockers say more.
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blockers"] = self.blockers
        context["is_protected"] = bool(self.blockers)
        return context

    def refuse(self, reasons):
        messages.error(
            self.request,
            gettext("%(object)s cannot be deleted. %(reasons)s")
            % {"object": self.object, "reasons": " ".join(reasons)},
        )
        return redirect(self.index_url_name)

    def form_valid(self, form):
        if self.blockers:
            return self.refuse(self.blockers)
        try:
            return super().form_valid(form)
        except ProtectedError:
            # Something added meanwhile (or in another app) still refers to it.
            return self.refuse([gettext("Other records still refer to it.")])


class ScopedFilterSet(WagtailFilterSet):
    """A filter set whose instansi choices follow the administrator's scope."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and "instansi" in self.filters:
            self.filters["instansi"].queryset = instansi_visible_to(request.user)


# --- Instansi --------------------------------------------------------------


class InstansiIndexView(generic.IndexView):
    def get_base_queryset(self):
        return instansi_visible_to(self.request.user).annotate(
            unit_count=Count("units", distinct=True),
            people_count=Count("people", distinct=True),
        )

    @cached_property
    def columns(self):
        return [
            self._get_title_column("name"),
            Column("code", label=_("Code")),
            Column("kind", accessor="get_kind_display", label=_("Kind")),
            Column("unit_count", label=_("Units")),
            Column("people_count", label=_("People")),
        ]


class InstansiEditView(ScopedObjectMixin, generic.EditView):
    scope = staticmethod(instansi_visible_to)


class InstansiDeleteView(GuardedDeleteView):
    scope = staticmethod(instansi_visible_to)

    def get_blockers(self):
        reasons = []
        if units := self.object.units.count():
            reasons.append(
                ngettext(
                    "It still has %(count)d unit kerja; delete it first.",
                    "It still has %(count)d unit kerja; delete them first.",
                    units,
                )
                % {"count": units}
            )
        if people := self.object.people.count():
            reasons.append(
                ngettext(
                    "%(count)d person still belongs to it; move them first.",
                    "%(count)d people still belong to it; move them first.",
                    people,
                )
                % {"count": people}
            )
        return reasons


class InstansiFilterSet(WagtailFilterSet):
    class Meta:
        model = Instansi
        fields = ["kind"]


class InstansiViewSet(ModelViewSet):
    """Instansi: the agencies (ministries, regions) people work for."""

    model = Instansi
    name = "instansi"
    url_prefix = "organisasi/instansi"
    icon = "site"
    menu_order = 100
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "code", "kind"]
    search_fields = ["name", "code"]
    filterset_class = InstansiFilterSet
    ordering = "name"
    index_view_class = InstansiIndexView
    edit_view_class = InstansiEditView
    delete_view_class = InstansiDeleteView
    history_view_class = type(
        "InstansiHistoryView",
        (ScopedHistoryView,),
        {"scope": staticmethod(instansi_visible_to)},
    )
    usage_view_class = type(
        "InstansiUsageView",
        (ScopedUsageView,),
        {"scope": staticmethod(instansi_visible_to)},
    )
    inspect_view_class = type(
        "InstansiInspectView",
        (ScopedInspectView,),
        {"scope": staticmethod(instansi_visible_to)},
    )

    def get_form_class(self, for_update=False):
        return InstansiForm


# --- Unit kerja ------------------------------------------------------------


class UnitTitleColumn(TitleColumn):
    """The unit's name, indented by its depth in the tree."""

    cell_template_name = "people/admin/unit_title_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["indent"] = f"{(instance.depth - 1) * 1.5}rem"
        context["is_sub_unit"] = instance.depth > 1
        return context


class UnitKerjaFilterSet(ScopedFilterSet):
    class Meta:
        model = UnitKerja
        fields = ["instansi"]


class UnitKerjaIndexView(generic.IndexView):
    def get_base_queryset(self):
        # One query: the units, their instansi, parent's name and head count.
        return (
            units_visible_to(self.request.user)
            .select_related("instansi")
            .with_parent_name()
            .annotate(people_count=Count("people"))
        )

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(UnitTitleColumn)
        return [
            # Not sortable: the listing keeps the tree order.
            title_column_class(
                "name",
                label=_("Name"),
                get_url=lambda unit: (
                    self.get_edit_url(unit) or self.get_inspect_url(unit)
                ),
            ),
            Column("code", label=_("Code")),
            Column("instansi", label=_("Instansi")),
            Column("parent_name", label=_("Parent unit")),
            Column("numchild", label=_("Sub-units")),
            Column("people_count", label=_("People")),
        ]


class UnitKerjaEditView(ScopedObjectMixin, generic.EditView):
    scope = staticmethod(units_visible_to)


class UnitKerjaDeleteView(GuardedDeleteView):
    scope = staticmethod(units_visible_to)

    def get_blockers(self):
        reasons = []
        if children := self.object.numchild:
            reasons.append(
                ngettext(
                    "It still has %(count)d sub-unit; move or delete it first.",
                    "It still has %(count)d sub-units; move or delete them first.",
                    children,
                )
                % {"count": children}
            )
        if people := self.object.people.count():
            reasons.append(
                ngettext(
                    "%(count)d person still works in it; move them to another "
                    "unit first.",
                    "%(count)d people still work in it; move them to another "
                    "unit first.",
                    people,
                )
                % {"count": people}
            )
        return reasons


class UnitKerjaViewSet(ModelViewSet):
    """Unit kerja: each instansi's tree of work units, which reports follow."""

    model = UnitKerja
    name = "unit_kerja"
    url_prefix = "organisasi/unit-kerja"
    icon = "group"
    menu_order = 200
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["name", "code"]
    filterset_class = UnitKerjaFilterSet
    ordering = ["instansi__name", "path"]
    index_view_class = UnitKerjaIndexView
    edit_view_class = UnitKerjaEditView
    delete_view_class = UnitKerjaDeleteView
    history_view_class = type(
        "UnitKerjaHistoryView",
        (ScopedHistoryView,),
        {"scope": staticmethod(units_visible_to)},
    )
    usage_view_class = type(
        "UnitKerjaUsageView",
        (ScopedUsageView,),
        {"scope": staticmethod(units_visible_to)},
    )
    inspect_view_class = type(
        "UnitKerjaInspectView",
        (ScopedInspectView,),
        {"scope": staticmethod(units_visible_to)},
    )
    inspect_view_fields = ["name", "code", "instansi", "numchild"]

    def get_form_class(self, for_update=False):
        return UnitKerjaForm


class OrganisationViewSetGroup(ViewSetGroup):
    """The "Organisation" menu: instansi and their unit kerja trees."""

    menu_label = _("Organisation")
    menu_icon = "site"
    menu_order = 250
    items = (InstansiViewSet, UnitKerjaViewSet)


# --- Users -----------------------------------------------------------------


class UserFilterSet(wagtail_users.UserFilterSet):
    instansi = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(), label=_("Instansi")
    )
    employment_status = django_filters.ChoiceFilter(
        choices=User.EmploymentStatus.choices, label=_("Employment status")
    )
    has_nip = django_filters.BooleanFilter(
        field_name="nip",
        lookup_expr="isnull",
        exclude=True,
        label=_("Has an NIP"),
        widget=BooleanRadioSelect,
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["instansi"].queryset = instansi_visible_to(request.user)


class UserIndexView(wagtail_users.IndexView):
    """Users the administrator may see, with NIP, instansi and unit."""

    def get_base_queryset(self):
        user = self.request.user
        if user.is_superuser:
            can_edit = Value(True)
        else:
            can_edit = Exists(people_manageable_by(user).filter(pk=OuterRef("pk")))
        return (
            people_visible_to(user)
            .select_related("wagtail_userprofile", "instansi", "unit_kerja")
            .annotate(can_edit=can_edit)
        )

    @cached_property
    def search_fields(self):
        return ["username", "full_name", "email", "nip"]

    @cached_property
    def columns(self):
        columns = list(super().columns)
        position = next(
            i for i, column in enumerate(columns) if column.name == "username"
        )
        columns[position + 1 : position + 1] = [
            Column("nip", label="NIP", sort_key="nip"),
            Column("instansi", label=_("Instansi")),
            Column("unit_kerja", label=_("Unit kerja")),
        ]
        # Narrower columns than Wagtail's, so the name keeps about a fifth.
        widths = {
            "name": "22%",
            "username": "11%",
            "nip": "14%",
            "instansi": "13%",
            "unit_kerja": "13%",
            "is_superuser": "7%",
            "is_active": "6%",
            "last_login": "10%",
        }
        for column in columns:
            if column.name in widths:
                column.width = widths[column.name]
        return columns

    def get_edit_url(self, instance):
        if getattr(instance, "can_edit", False):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if getattr(instance, "can_edit", False):
            return super().get_delete_url(instance)
        return None

    def order_queryset(self, queryset):
        # Wagtail sorts names by last/first name; this project keeps full_name.
        if self.ordering == "name":
            return queryset.order_by("full_name", "username")
        if self.ordering == "-name":
            return queryset.order_by("-full_name", "-username")
        return super().order_queryset(queryset)


class ManagedUserMixin(ScopedObjectMixin):
    """Find the account among those visible (else 404); edit only manageable ones."""

    scope = staticmethod(people_visible_to)

    def get_object(self, queryset=None):
        person = super().get_object(queryset)
        if not can_manage_account(self.request.user, person):
            raise PermissionDenied
        return person


class UserCreateView(wagtail_users.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class UserEditView(ManagedUserMixin, wagtail_users.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class UserDeleteView(ManagedUserMixin, wagtail_users.DeleteView):
    pass


class UserHistoryView(ScopedBaseObjectMixin, wagtail_users.HistoryView):
    scope = staticmethod(people_visible_to)


class UserUsageView(ScopedUsageView):
    scope = staticmethod(people_visible_to)


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's user admin with the ASN profile and scoped to the administrator."""

    filterset_class = UserFilterSet
    copy_view_enabled = False
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView
    history_view_class = UserHistoryView
    usage_view_class = UserUsageView
    create_template_name = "people/admin/user_create.html"
    edit_template_name = "people/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm

    @property
    def url_finder_class(self):
        # Links to a user's edit page (e.g. in logs) only for manageable users.
        viewset = self

        class UserURLFinder(ModelAdminURLFinder):
            permission_policy = viewset.permission_policy
            edit_url_name = viewset.get_url_name("edit")

            def get_edit_url(self, instance):
                if self.user and not can_manage_account(self.user, instance):
                    return None
                return super().get_edit_url(instance)

        return UserURLFinder
