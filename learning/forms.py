"""Forms of the administrators' side of learning records."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from people.models import User
from people.scoping import people_visible_to, units_visible_to
from people.validators import normalise_nip

from .models import Assignment


class AssignmentForm(forms.ModelForm):
    """Assign a course to people, a unit kerja subtree or a jabatan type.

    Everything is limited to the people the signed-in administrator or
    supervisor may see; the form resolves its target into ``self.people``.
    """

    course = forms.ModelChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none()
    )
    nips = forms.CharField(
        label=_("NIP of the people"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One NIP per line (or separated by commas or spaces)."),
    )
    jabatan_type = forms.ChoiceField(
        label=_("Jabatan type"),
        required=False,
        choices=[("", "—"), *User.JabatanType.choices],
    )

    class Meta:
        model = Assignment
        fields = [
            "course",
            "target",
            "nips",
            "unit_kerja",
            "jabatan_type",
            "reason",
            "deadline",
        ]
        widgets = {
            "target": forms.RadioSelect,
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["unit_kerja"].queryset = units_visible_to(for_user).order_by("path")
        self.fields["unit_kerja"].required = False
        self.people = User.objects.none()

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        if deadline and deadline > timezone.localdate() + datetime.timedelta(
            days=3 * 366
        ):
            raise forms.ValidationError(
                _("The deadline is more than three years away; check the year.")
            )
        return deadline

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target")
        visible = people_visible_to(self.for_user).filter(is_active=True)
        if target == Assignment.Target.PEOPLE:
            raw = cleaned.get("nips", "")
            nips = [
                normalise_nip(part)
                for part in raw.replace(",", "\n").split()
                if part.strip()
            ]
            if not nips:
                self.add_error("nips", _("Give at least one NIP."))
                return cleaned
            found = set(visible.filter(nip__in=nips).values_list("nip", flat=True))
            unknown = [nip for nip in nips if nip not in found]
            if unknown:
                self.add_error(
                    "nips",
                    _("Not found among the people you manage: %(nips)s")
                    % {"nips": ", ".join(unknown[:20])},
                )
                return cleaned
            self.people = visible.filter(nip__in=nips)
        elif target == Assignment.Target.UNIT:
            unit = cleaned.get("unit_kerja")
            if unit is None:
                self.add_error("unit_kerja", _("Choose a unit kerja."))
                return cleaned
            self.people = visible.filter(unit.subtree_filter("unit_kerja"))
        elif target == Assignment.Target.JABATAN:
            if not cleaned.get("jabatan_type"):
                self.add_error("jabatan_type", _("Choose a jabatan type."))
                return cleaned
            self.people = visible.filter(jabatan_type=cleaned["jabatan_type"])
        if target and not self.errors and not self.people.exists():
            raise forms.ValidationError(
                _("Nobody you manage matches this target; nothing was assigned.")
            )
        return cleaned
