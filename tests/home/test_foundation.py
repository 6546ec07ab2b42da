"""The skeleton: health check, home page, languages, settings, demo data."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django.urls import reverse

from home.models import HomePage
from people.models import Instansi, UnitKerja, User

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_reports_a_working_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_503_when_the_database_is_down(client, db):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_home_page_is_created_by_migration_and_renders(client, db):
    home = HomePage.objects.get()
    assert home.live and home.get_site().is_default_site
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert 'href="#main"' in html  # skip link
    assert '<main id="main"' in html
    assert "Masuk" in html  # Indonesian login link by default


def test_language_can_be_switched_to_english(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, follow=True
    )
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html


def test_static_and_templates_use_no_external_hosts(client, db):
    html = client.get("/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    css = (ROOT / "static/css/lms.css").read_text()
    assert "@import" not in css and "url(http" not in css


def test_static_root_is_not_the_source_folder():
    from django.conf import settings

    assert Path(settings.STATIC_ROOT) != ROOT / "static"
    assert ROOT / "static" in [Path(p) for p in settings.STATICFILES_DIRS]


def test_time_and_language_defaults():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.USE_TZ is True
    assert settings.AUTH_USER_MODEL == "people.User"


def _run_manage(args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE")
    }
    env.update(env_extra)
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret():
    result = _run_manage(["check", "--settings=lms.settings.production"], {})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_deploy_check_has_no_warnings():
    result = _run_manage(
        [
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=lms.settings.production",
        ],
        {
            "SECRET_KEY": "x7!Qp2#vLm9$Rt4^Wz6&Yb8*Nc1@Hd3%Jf5(Kg0)Ls-Ua_Ve+Xo=Ir",
            "ALLOWED_HOSTS": "belajar.example.go.id",
        },
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_seed_demo_is_idempotent(db):
    from wagtail.models import Page

    from learning import models as records

    def counts():
        return [
            model.objects.count()
            for model in (
                User,
                Instansi,
                UnitKerja,
                Page,
                records.Enrolment,
                records.ModuleProgress,
                records.QuizAttempt,
                records.Assignment,
                records.JPLedgerEntry,
                records.Certificate,
                records.WebinarRegistration,
                records.ModuleFeedback,
            )
        ]

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = counts()
    passwords = dict(User.objects.values_list("username", "password"))
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert counts() == first
    assert passwords == dict(User.objects.values_list("username", "password"))
    roles = {
        "superuser": User.objects.filter(is_superuser=True),
        "trainer": User.objects.filter(groups__name="Pelatih"),
        "supervisor": User.objects.filter(groups__name="Supervisor"),
        "admin instansi": User.objects.filter(groups__name="Admin instansi"),
    }
    for role, users in roles.items():
        assert users.exists(), role
    learners = User.objects.filter(groups=None, is_superuser=False)
    assert learners.count() >= 3
    assert learners.values("instansi").distinct().count() == 2
    assert learners.values("unit_kerja").distinct().count() >= 3


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/healthz", "/akun/masuk/"])
def test_main_entry_points_answer(client, db, path):
    assert client.get(path).status_code == 200


def test_demo_learner_dashboard_shows_every_part(client, db):
    from learning.models import JPLedgerEntry

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    siti = User.objects.get(username="siti")
    paths = set(JPLedgerEntry.objects.filter(user=siti).values_list("path", flat=True))
    assert paths == {"klasikal", "nonklasikal"}
    client.force_login(siti)
    html = client.get(reverse("learning:dashboard")).content.decode()
    for text in (
        "Integritas dan Antikorupsi",  # certificate of the completed course
        "SERT/",
        "Literasi Digital bagi ASN",  # in progress
        "Pelayanan Publik Prima",  # assigned with a deadline
        "Tenggat",
        "14</strong> / 20 JP",  # 8 klasikal + 4 course + 2 webinar
    ):
        assert text in html, text


def test_indonesian_is_the_default_whatever_the_browser_says(client, db):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="id">' in html
    client.cookies["django_language"] = "en"
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert '<html lang="en">' in html
