"""Logging in: failed attempts lock an account-and-address pair for a while
(django-axes), passwords follow Django's validators, a password change ends
every other session, and production cookies stay on HTTPS and out of
scripts."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from people.demo import DEMO_PASSWORD
from people.models import User

ROOT = Path(__file__).resolve().parents[2]
SITI_NIP = "199203152019032008"
SITI_EMAIL = "siti.rahmawati@belajar.localhost"
LOGIN = "/akun/masuk/"


def paused_text():
    """The first words of the lockout message, in the site's language."""
    with translation.override("id"):
        return gettext("Login paused")


def fail(client, identifier, url=LOGIN, times=1, **extra):
    response = None
    for _ in range(times):
        response = client.post(
            url, {"username": identifier, "password": "salah-sekali"}, **extra
        )
    return response


def login(client, identifier, password=DEMO_PASSWORD, url=LOGIN, **extra):
    return client.post(url, {"username": identifier, "password": password}, **extra)


def test_five_wrong_passwords_pause_the_account_on_this_address(client, demo_people):
    for attempt in range(1, 5):
        response = fail(client, SITI_NIP)
        assert response.status_code == 200, attempt  # the form, with its error
    response = fail(client, SITI_NIP)
    assert response.status_code == 429
    html = response.content.decode()
    assert paused_text() in html
    assert response["Retry-After"] == "900"
    # The right password does not get through while paused, whichever way
    # the account is named.
    for identifier in (SITI_NIP, "1992 0315 2019 03 2 008", SITI_EMAIL.upper()):
        response = login(client, identifier)
        assert response.status_code == 429, identifier
        assert "_auth_user_id" not in client.session


def test_the_pause_is_per_account_and_address(client, demo_people):
    fail(client, SITI_NIP, times=5)
    assert login(client, SITI_NIP).status_code == 429
    # Another account from the same address logs in.
    other = Client()
    assert login(other, "198705122010011003").status_code == 302
    # The same account from another address logs in.
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert login(elsewhere, SITI_NIP).status_code == 302


def test_forwarded_for_headers_do_not_dodge_the_pause(client, demo_people):
    """Without a trusted proxy, X-Forwarded-For is the visitor's own text."""
    for number in range(5):
        fail(client, SITI_NIP, HTTP_X_FORWARDED_FOR=f"10.1.1.{number}")
    assert login(client, SITI_NIP, HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_behind_a_trusted_proxy_the_visitors_address_counts(
    client, demo_people, settings
):
    settings.LMS_TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; what the visitor wrote comes first.
    fail(client, SITI_NIP, times=5, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    response = login(client, SITI_NIP, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7")
    assert response.status_code == 429
    response = login(client, SITI_NIP, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.8")
    assert response.status_code == 302


def test_the_pause_ends_after_fifteen_minutes(client, demo_people):
    fail(client, SITI_NIP, times=5)
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=16)
    )
    assert login(client, SITI_NIP).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, demo_people):
    fail(client, SITI_NIP, times=4)
    assert login(client, SITI_NIP).status_code == 302
    client.post(reverse("people:logout"))
    assert fail(client, SITI_NIP, times=4).status_code == 200


def test_an_unknown_account_is_paused_the_same_way(client, demo_people):
    """The pause says nothing about whether an account exists."""
    response = fail(client, "199901012020011001", times=5)
    assert response.status_code == 429
    assert paused_text() in response.content.decode()


def test_the_admin_logins_are_protected_too(client, demo_people):
    response = fail(client, "admin", url="/admin/login/", times=5)
    assert response.status_code == 429
    response = login(client, "admin", url="/admin/login/")
    assert response.status_code == 429
    # The same counter on the site's form: the account is paused everywhere
    # for this address.
    assert login(client, "admin").status_code == 429
    other = Client()
    assert fail(other, "admin", url="/django-admin/login/", times=5).status_code == 429


# Passwords --------------------------------------------------------------------


@pytest.mark.parametrize(
    "weak", ["12345678", "password", "Rahmawati", "Belajar", SITI_NIP]
)
def test_weak_passwords_are_refused_on_change(client, demo_people, weak):
    siti = demo_people["siti"]
    client.force_login(siti)
    response = client.post(
        reverse("people:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": weak, "new_password2": weak},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    siti.refresh_from_db()
    assert siti.check_password(DEMO_PASSWORD)


def test_weak_passwords_are_refused_on_reset(client, demo_people):
    siti = demo_people["siti"]
    uid = urlsafe_base64_encode(force_bytes(siti.pk))
    token = default_token_generator.make_token(siti)
    url = reverse("people:password_reset_confirm", args=[uid, token])
    form_url = client.get(url)["Location"]  # Django swaps the token for a session
    response = client.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    siti.refresh_from_db()
    assert siti.check_password(DEMO_PASSWORD)


def test_changing_the_password_logs_out_every_other_session(demo_people):
    """Two devices logged in; the password is changed on the first."""
    phone, laptop = Client(), Client(REMOTE_ADDR="10.0.0.2")
    for device in (phone, laptop):
        assert login(device, SITI_NIP).status_code == 302
        assert device.get("/belajar/").status_code == 200
    response = phone.post(
        reverse("people:password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Kopi-Tubruk-Flores-2026",
            "new_password2": "Kopi-Tubruk-Flores-2026",
        },
    )
    assert response.status_code == 302
    assert phone.get("/belajar/").status_code == 200  # kept on this device
    response = laptop.get("/belajar/")
    assert response.status_code == 302 and LOGIN in response["Location"]


def test_a_password_reset_logs_out_every_session(demo_people):
    siti = demo_people["siti"]
    laptop = Client()
    assert login(laptop, SITI_NIP).status_code == 302
    siti.refresh_from_db()  # the login moved last_login, part of the token
    reset = Client()
    uid = urlsafe_base64_encode(force_bytes(siti.pk))
    token = default_token_generator.make_token(siti)
    form_url = reset.get(reverse("people:password_reset_confirm", args=[uid, token]))[
        "Location"
    ]
    new = "Kopi-Tubruk-Flores-2026"
    assert (
        reset.post(form_url, {"new_password1": new, "new_password2": new}).status_code
        == 302
    )
    response = laptop.get("/belajar/")
    assert response.status_code == 302 and LOGIN in response["Location"]
    assert User.objects.get(pk=siti.pk).check_password(new)


# Production settings ------------------------------------------------------------------


def test_production_cookies_and_headers_settings():
    """Read lms.settings.production in a fresh interpreter, with a secret."""
    code = (
        "import json; from lms.settings import production as s; "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', "
        "'LANGUAGE_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', "
        "'X_FRAME_OPTIONS', 'SECURE_REFERRER_POLICY', 'SECURE_CONTENT_TYPE_NOSNIFF', "
        "'DEBUG', 'LMS_TRUSTED_PROXY_COUNT')}))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "belajar.example.go.id"})
    result = subprocess.run(  # noqa: S603 - fixed argv
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["DEBUG"] is False
    assert values["LMS_TRUSTED_PROXY_COUNT"] == 1


def test_the_session_cookie_is_http_only(client, demo_people):
    response = login(client, SITI_NIP)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
