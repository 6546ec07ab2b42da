"""Logged-in sessions and CSRF tokens for load generators, without the login form.

A load test must not spend its time in the password hasher, and wrk cannot
follow a login form. ``session_for(user)`` writes a session through the
configured session engine (Redis and the database in production), exactly
what ``django.contrib.auth.login`` would store, and returns the cookie header
that a browser would send: the session and a CSRF secret, which the form
posts back as ``csrfmiddlewaretoken``.
"""

import secrets
import string

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    load_backend,
)

CSRF_ALPHABET = string.ascii_letters + string.digits


def login_backend():
    """The first authentication backend that can load a user from a session."""
    for path in settings.AUTHENTICATION_BACKENDS:
        if hasattr(load_backend(path), "get_user"):
            return path
    raise RuntimeError("No authentication backend can restore a session.")


def csrf_secret():
    """A CSRF secret of the form Django accepts both as cookie and as token."""
    return "".join(secrets.choice(CSRF_ALPHABET) for _ in range(32))


class Credentials:
    """A logged-in browser: its cookie header and the token its forms post."""

    def __init__(self, user, session_key, csrf):
        self.user = user
        self.session_key = session_key
        self.csrf = csrf

    @property
    def cookie(self):
        return (
            f"{settings.SESSION_COOKIE_NAME}={self.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}"
        )


def session_for(user, backend=None):
    """Store a logged-in session for ``user``; return its Credentials."""
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = backend or login_backend()
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return Credentials(user, store.session_key, csrf_secret())
