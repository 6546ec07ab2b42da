"""Log in with an NIP, an e-mail address or (for staff) a username."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .validators import normalise_nip


class NIPOrEmailBackend(ModelBackend):
    """Find the account by NIP, e-mail (case-insensitive) or username."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user_model = get_user_model()
        identifier = username.strip()
        nip = normalise_nip(identifier)
        if len(nip) == 18 and nip.isdigit():
            lookup = {"nip": nip}
        elif "@" in identifier:
            lookup = {"email__iexact": identifier}
        else:
            lookup = {"username": identifier}
        try:
            user = user_model._default_manager.get(**lookup)
        except (user_model.DoesNotExist, user_model.MultipleObjectsReturned):
            # Hash anyway so a missing account takes as long as a wrong password.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
