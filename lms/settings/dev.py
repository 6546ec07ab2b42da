"""Local development: debug on, a fixed throw-away secret, console e-mail."""

from .base import *  # noqa: F403

DEBUG = True
# Development only: production.py refuses to start without SECRET_KEY.
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

# Serve static files straight from the source folders while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
