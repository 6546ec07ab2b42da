"""Forms of the administrators' side of learning records."""

import datetime
import uuid

import filetype
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from people.models import User
from people.scoping import people_visible_to, units_visible_to
from people.validators import normalise_nip

from .models import Assignment, JPLedgerEntry


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


EVIDENCE_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def validate_evidence_file(upload):
    """A certificate scan: PDF, JPEG or PNG, at most 5 MB, and really that type."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EVIDENCE_TYPES:
        raise forms.ValidationError(_("Upload a PDF, JPG or PNG file."))
    if upload.size > EVIDENCE_MAX_BYTES:
        raise forms.ValidationError(_("The file is larger than 5 MB."))
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime != EVIDENCE_TYPES[extension]:
        raise forms.ValidationError(
            _("The file's content is not a %(type)s file.")
            % {"type": extension.upper()}
        )


class ManualJPEntryForm(forms.ModelForm):
    """JP for learning done elsewhere, entered by an administrator."""

    nip = forms.CharField(label="NIP", max_length=30)
    source_id = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = JPLedgerEntry
        fields = [
            "nip",
            "title",
            "path",
            "form",
            "jp",
            "earned_on",
            "evidence_file",
            "note",
            "source_id",
        ]
        widgets = {"earned_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.fields["note"].required = True
        self.fields["note"].help_text = _(
            "Why this is credited, e.g. the training's organiser and dates."
        )
        self.fields["evidence_file"].required = True
        self.fields["evidence_file"].validators.append(validate_evidence_file)
        # Makes a double-submitted form credit once (see ledger.credit_jp).
        self.fields["source_id"].initial = uuid.uuid4()
        self.person = None

    def clean_nip(self):
        nip = normalise_nip(self.cleaned_data["nip"])
        person = people_visible_to(self.for_user).filter(nip=nip).first()
        if person is None:
            raise forms.ValidationError(
                _("No one with this NIP among the people you manage.")
            )
        self.person = person
        return nip

    def clean_earned_on(self):
        earned_on = self.cleaned_data["earned_on"]
        if earned_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if earned_on.year < 2000:
            raise forms.ValidationError(_("Check the year of this date."))
        return earned_on
