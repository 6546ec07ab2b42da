from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class LoginForm(AuthenticationForm):
    """The login form, asking for an NIP or e-mail instead of a username."""

    username = forms.CharField(
        label=_("NIP or e-mail"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "inputmode": "email"}
        ),
    )
    error_messages = {
        "invalid_login": _(
            "The NIP/e-mail or password is wrong. Both are case-sensitive "
            "except the e-mail."
        ),
        "inactive": _("This account is not active. Contact your administrator."),
    }


class ProfileForm(forms.ModelForm):
    """What a learner may change about themself; HR data stays read-only."""

    class Meta:
        model = User
        fields = ["title_prefix", "title_suffix", "email", "phone", "time_zone"]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if (
            email
            and User.objects.filter(email__iexact=email)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                _("Another account already uses this e-mail address.")
            )
        return email

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+ -")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 8):
            raise forms.ValidationError(
                _("Enter a phone number of digits, for example 0812 3456 7890.")
            )
        return phone
