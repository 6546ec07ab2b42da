"""Forms of the Wagtail admin for the organisation tree and ASN accounts.

Every form takes ``for_user`` (the administrator filling it in) and offers
only the instansi, units and roles that administrator may use, so a form
posted by hand cannot reach outside their scope either.
"""

from itertools import groupby

from django import forms
from django.contrib.auth.models import Group
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.users import forms as wagtail_user_forms

from .models import Instansi, UnitKerja, User
from .scoping import groups_assignable_by, instansi_visible_to, units_visible_to
from .validators import normalise_nip, validate_nip


class UnitChoiceIterator(ModelChoiceIterator):
    """Units grouped per instansi (one <optgroup> each), in tree order."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = self.queryset.select_related("instansi").in_tree_order()
        for instansi, group in groupby(units, key=lambda unit: unit.instansi):
            yield (str(instansi), [self.choice(unit) for unit in group])


class UnitKerjaChoiceField(forms.ModelChoiceField):
    """A unit kerja picker that shows the tree: sub-units are indented."""

    iterator = UnitChoiceIterator

    def label_from_instance(self, obj):
        return f"{'— ' * (obj.depth - 1)}{obj.name}"


class UnitKerjaForm(WagtailAdminModelForm):
    """Create or edit a unit kerja and place it under a parent unit (or at the top).

    The tree is kept by treebeard, so a new unit is added with ``add_root`` or
    ``add_child`` and a changed parent (or name, since siblings are sorted by
    name) is applied with ``move``.
    """

    parent = UnitKerjaChoiceField(
        queryset=UnitKerja.objects.none(),
        required=False,
        label=_("Parent unit"),
        empty_label=_("(none: a top-level unit of the instansi)"),
        help_text=_("The unit this one belongs to, in the same instansi."),
    )

    class Meta:
        model = UnitKerja
        fields = ["instansi", "parent", "name", "code"]
        help_texts = {
            "code": _(
                "A short unique identifier, lowercase letters, digits and "
                "hyphens, for example ntt-dinkes-yankes."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        instansi = Instansi.objects.all()
        parents = UnitKerja.objects.all()
        if user is not None:
            instansi = instansi_visible_to(user)
            parents = units_visible_to(user)
        self.fields["instansi"].queryset = instansi
        self.current_parent = None
        if self.instance.pk:
            # A unit cannot move under itself or under one of its sub-units.
            parents = parents.exclude(path__startswith=self.instance.path)
            self.current_parent = self.instance.get_parent()
            if self.current_parent is not None:
                self.initial.setdefault("parent", self.current_parent.pk)
        self.fields["parent"].queryset = parents

    def clean(self):
        cleaned_data = super().clean()
        instansi = cleaned_data.get("instansi")
        parent = cleaned_data.get("parent")
        if instansi and parent and parent.instansi_id != instansi.pk:
            self.add_error(
                "parent",
                forms.ValidationError(
                    _(
                        "The parent unit belongs to %(parent_instansi)s; a "
                        "sub-unit must be in the same instansi as its parent."
                    ),
                    code="parent_in_other_instansi",
                    params={"parent_instansi": parent.instansi},
                ),
            )
        unit = self.instance
        if unit.pk and instansi and instansi.pk != unit.instansi_id:
            people = unit.people.count()
            if unit.numchild or people:
                self.add_error(
                    "instansi",
                    forms.ValidationError(
                        _(
                            "This unit still has sub-units or people, so it "
                            "cannot move to another instansi. Move them first."
                        ),
                        code="unit_in_use",
                    ),
                )
        return cleaned_data

    def save(self, commit=True):
        """Save the unit in its place in the tree; always commits."""
        unit = super().save(commit=False)
        parent = self.cleaned_data.get("parent")
        if unit.pk is None:
            if parent is None:
                return UnitKerja.add_root(instance=unit)
            return UnitKerja.objects.get(pk=parent.pk).add_child(instance=unit)
        unit.save()
        moved = (parent and parent.pk) != (
            self.current_parent and self.current_parent.pk
        )
        if moved or "name" in self.changed_data:
            if parent is not None:
                unit.move(parent, pos="sorted-child")
            else:
                unit.move(UnitKerja.get_first_root_node(), pos="sorted-sibling")
        unit.refresh_from_db()
        return unit


class InstansiForm(WagtailAdminModelForm):
    class Meta:
        model = Instansi
        fields = ["name", "code", "kind"]


# The fields the admin user forms add, in the order the template shows them.
ACCOUNT_FIELDS = [
    "full_name",
    "title_prefix",
    "title_suffix",
    "email",
    "phone",
    "time_zone",
]
ASN_PROFILE_FIELDS = [
    "nip",
    "employment_status",
    "instansi",
    "unit_kerja",
    "jabatan",
    "jabatan_type",
    "golongan",
]


class ASNUserForm(wagtail_user_forms.UserForm):
    """What the Wagtail user forms gain: the ASN profile, with its rules.

    ``full_name`` replaces Wagtail's first and last name, which this project
    does not use. The NIP is stored without spaces; NIP and e-mail are unique
    (e-mail without regard to case); the unit must belong to the instansi.
    """

    first_name = None
    last_name = None
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Without academic titles; add those below."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    nip = forms.CharField(
        label="NIP",
        required=False,
        max_length=30,
        help_text=_(
            "18 digits; spaces are removed. Leave blank if the person has none."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    error_messages = {
        **wagtail_user_forms.UserForm.error_messages,
        "duplicate_nip": _("Another account already uses this NIP."),
        "duplicate_email": _("Another account already uses this e-mail address."),
        "unit_outside_instansi": _(
            "The unit %(unit)s belongs to %(unit_instansi)s, not to the chosen "
            "instansi."
        ),
    }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        if for_user is not None and self.instance.pk is None:
            # New accounts are usually colleagues in the administrator's zone.
            self.initial.setdefault("time_zone", for_user.time_zone)
        if for_user is None or for_user.is_superuser:
            return
        # An administrator of an instansi works inside it and cannot hand out
        # rights they do not hold.
        self.fields.pop("is_superuser", None)
        self.fields["groups"].queryset = groups_assignable_by(for_user)
        self.fields["instansi"].queryset = instansi_visible_to(for_user)
        self.fields["instansi"].required = True
        self.fields["unit_kerja"].queryset = units_visible_to(for_user)
        if self.instance.pk is None and for_user.instansi_id:
            self.initial.setdefault("instansi", for_user.instansi_id)

    @property
    def account_fields(self):
        """Bound fields of the account section, for the template."""
        return [self[name] for name in ACCOUNT_FIELDS if name in self.fields]

    @property
    def asn_fields(self):
        """Bound fields of the ASN profile section, for the template."""
        return [self[name] for name in ASN_PROFILE_FIELDS if name in self.fields]

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_nip(self):
        nip = normalise_nip(self.cleaned_data.get("nip") or "")
        if not nip:
            return None  # NULL, so many accounts may have no NIP
        validate_nip(nip)
        if User.objects.filter(nip=nip).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                self.error_messages["duplicate_nip"], code="duplicate_nip"
            )
        return nip

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if (
            email
            and User.objects.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                self.error_messages["duplicate_email"], code="duplicate_email"
            )
        return email

    def clean_groups(self):
        """Keep the roles the administrator may not change as they were."""
        chosen = self.cleaned_data["groups"]
        if self.for_user is None or self.for_user.is_superuser:
            return chosen
        kept = Group.objects.none()
        if self.instance.pk:
            kept = self.instance.groups.exclude(pk__in=self.fields["groups"].queryset)
        return Group.objects.filter(Q(pk__in=chosen) | Q(pk__in=kept))

    def clean(self):
        cleaned_data = super().clean()
        unit = cleaned_data.get("unit_kerja")
        instansi = cleaned_data.get("instansi")
        if unit and not instansi and "instansi" not in self.errors:
            # The unit says which instansi the person works in.
            cleaned_data["instansi"] = unit.instansi
        elif unit and instansi and unit.instansi_id != instansi.pk:
            self.add_error(
                "unit_kerja",
                forms.ValidationError(
                    self.error_messages["unit_outside_instansi"],
                    code="unit_outside_instansi",
                    params={"unit": unit, "unit_instansi": unit.instansi},
                ),
            )
        return cleaned_data


class UserCreationForm(ASNUserForm, wagtail_user_forms.UserCreationForm):
    """Wagtail's "Add user" form with the ASN profile."""

    class Meta:
        model = User
        fields = [
            "username",
            *ACCOUNT_FIELDS,
            *ASN_PROFILE_FIELDS,
            "is_superuser",
            "groups",
        ]
        field_classes = {"unit_kerja": UnitKerjaChoiceField}
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.required = False
        username.help_text = _(
            "Leave blank to use the NIP. Letters, digits and @/./+/-/_ only."
        )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("username") and "username" not in self.errors:
            nip = cleaned_data.get("nip")
            if nip:
                cleaned_data["username"] = nip
                if User.objects.filter(username=nip).exists():
                    self.add_error(
                        "username",
                        forms.ValidationError(
                            self.error_messages["duplicate_username"],
                            code="duplicate_username",
                        ),
                    )
            elif "nip" not in self.errors:
                self.add_error(
                    "username", _("Enter a username, or an NIP to use as one.")
                )
        return cleaned_data


class UserEditForm(ASNUserForm, wagtail_user_forms.UserEditForm):
    """Wagtail's "Edit user" form with the ASN profile."""

    class Meta:
        model = User
        fields = [
            "username",
            *ACCOUNT_FIELDS,
            *ASN_PROFILE_FIELDS,
            "is_active",
            "is_superuser",
            "groups",
        ]
        field_classes = {"unit_kerja": UnitKerjaChoiceField}
        widgets = {"groups": forms.CheckboxSelectMultiple}


class AccountNameEmailForm(forms.ModelForm):
    """The "Name and e-mail" panel of the admin's account page, with full_name.

    Wagtail's own panel asks for a required first and last name, which this
    project leaves empty, so the account page could not be saved at all.
    """

    email = forms.EmailField(label=_("E-mail"), required=False)

    class Meta:
        model = User
        fields = ["full_name", "email"]

    def __init__(self, *args, **kwargs):
        from wagtail.admin.views.account import email_management_enabled

        super().__init__(*args, **kwargs)
        if not email_management_enabled():
            del self.fields["email"]

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if (
            email
            and User.objects.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                ASNUserForm.error_messages["duplicate_email"], code="duplicate_email"
            )
        return email
