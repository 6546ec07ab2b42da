"""Log in with an NIP, an e-mail address or (for staff) a username.

Failed logins are counted by django-axes: ``LoginAttemptsBackend`` comes
first in ``AUTHENTICATION_BACKENDS`` and refuses an identifier that is
locked out; ``login_identifier`` makes the NIP, the e-mail address and the
username of one account count as one identifier, so typing the same account
three ways does not triple the tries.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .validators import normalise_nip


def _lookup(identifier):
    """The field lookup an identifier means: NIP, e-mail or username."""
    nip = normalise_nip(identifier)
    if len(nip) == 18 and nip.isdigit():
        return {"nip": nip}
    if "@" in identifier:
        return {"email__iexact": identifier}
    return {"username": identifier}


class NIPOrEmailBackend(ModelBackend):
    """Find the account by NIP, e-mail (case-insensitive) or username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get(**_lookup(username.strip()))
        except (user_model.DoesNotExist, user_model.MultipleObjectsReturned):
            # Hash anyway so a missing account takes as long as a wrong password.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class LoginAttemptsBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request.

    Every login form (the site's, the Wagtail admin's, Django's admin) passes
    the request. Code that authenticates without one (the test client's
    ``login()``, a management command) is not a visitor guessing passwords,
    so it is let through to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)

    def get_user(self, user_id):
        # Sessions may name the first backend (Wagtail's test helpers do).
        return ModelBackend().get_user(user_id)


def login_identifier(request, credentials):
    """The key django-axes counts failures under (``AXES_USERNAME_CALLABLE``).

    The account's username when the identifier names an account, else the
    identifier as typed, normalised (NIP without separators, e-mail in lower
    case), so the same person under another spelling shares one counter.
    """
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "")
    identifier = str(raw).strip()[:254]
    if not identifier:
        return ""
    lookup = _lookup(identifier)
    username = (
        get_user_model()
        ._default_manager.filter(**lookup)
        .values_list("username", flat=True)
        .first()
    )
    if username:
        return username
    value = next(iter(lookup.values()))
    return value.lower() if "email__iexact" in lookup else value


def client_ip(request):
    """The visitor's address (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``LMS_TRUSTED_PROXY_COUNT`` proxies, each appending the address it
    saw to X-Forwarded-For, the visitor is that many entries from the end;
    anything further left was written by the visitor and is not trusted.
    """
    count = getattr(settings, "LMS_TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
