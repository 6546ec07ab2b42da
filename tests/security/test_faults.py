"""Faults: a lost database answers 503 and nothing half-written; a failing
mail server neither blocks a learner's request nor loses a reminder.

The database restart under load is scripted in ops/fault_drill.py (a real
PostgreSQL restart under gunicorn); its figures are in the README.
"""

import datetime
import logging
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from learning.models import ModuleFeedback, WebinarRegistration
from learning.tasks import send_webinar_reminders

from .conftest import build_webinar

UNAVAILABLE = (
    "The service is temporarily unavailable. Nothing you sent was saved "
    "half-way; please try again in a moment."
)


def unavailable_text():
    with translation.override("id"):
        return gettext(UNAVAILABLE)


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


# The database goes away ----------------------------------------------------------


def test_a_database_error_in_a_view_answers_503_with_retry_after(world):
    siti = Client()
    siti.force_login(world.users["learner"])
    with (
        mock.patch(
            "learning.views.dashboard_data",
            side_effect=OperationalError("server closed the connection"),
        ),
        mock.patch("lms.middleware.close_broken_connections") as close,
    ):
        response = siti.get("/belajar/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    assert unavailable_text() in response.content.decode()
    assert close.called  # the broken connection is dropped
    # The next request, with the database back, is served normally.
    assert siti.get("/belajar/").status_code == 200


def test_only_connections_outside_a_transaction_are_closed():
    """A request's broken connection is dropped; a connection inside someone
    else's transaction (a test's, a management command's) is left alone."""
    from lms.middleware import close_broken_connections

    free = mock.Mock(in_atomic_block=False)
    busy = mock.Mock(in_atomic_block=True)
    with mock.patch("lms.middleware.connections.all", return_value=[free, busy]):
        close_broken_connections()
    free.close_if_unusable_or_obsolete.assert_called_once_with()
    busy.close_if_unusable_or_obsolete.assert_not_called()


def test_scripts_get_the_503_as_json(world):
    siti = Client()
    siti.force_login(world.users["learner"])
    with mock.patch(
        "learning.services.save_answers",
        side_effect=InterfaceError("connection already closed"),
    ):
        response = siti.post(
            f"/belajar/kuis/{world.attempt.pk}/simpan/",
            {"q-q-tf": "true"},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 503
    assert response.json() == {"ok": False, "error": unavailable_text()}


def test_a_database_error_outside_the_view_answers_503_too(world):
    """The session is saved after the view: that failing is a 503 as well."""
    client = Client(raise_request_exception=False)
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError("the database system is shutting down"),
    ):
        response = client.get("/kursus/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert unavailable_text() in response.content.decode()


def test_a_write_cut_off_by_the_database_leaves_nothing_behind(world):
    """A questionnaire whose transaction dies before the commit writes no row
    (services run in one transaction; the database rolls it back)."""
    siti = Client()
    siti.force_login(world.users["learner"])
    before = ModuleFeedback.objects.count()
    with mock.patch(
        "learning.services.complete_course_if_done",
        side_effect=OperationalError("terminating connection due to administrator"),
    ):
        response = siti.post(
            f"/belajar/modul/{world.quiz_module.pk}/kuesioner/",
            {
                "rating_material": "4",
                "rating_delivery": "4",
                "rating_practical": "4",
                "rating_overall": "4",
            },
        )
    assert response.status_code == 503
    assert ModuleFeedback.objects.count() == before


def test_other_errors_stay_500(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["learner"])
    with mock.patch("learning.views.dashboard_data", side_effect=KeyError("x")):
        response = client.get("/belajar/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_healthz_tells_the_truth(client, db):
    assert client.get("/healthz").status_code == 200
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert client.get("/healthz").status_code == 200


# The mail server goes away ---------------------------------------------------------


@pytest.fixture
def soon_webinar(world):
    webinar = build_webinar(
        title="Webinar Besok", start=timezone.now() + datetime.timedelta(hours=3)
    )
    return webinar


def test_registering_sends_no_mail_in_the_request(world, soon_webinar, settings):
    settings.EMAIL_BACKEND = "tests.security.test_faults.FailingEmailBackend"
    yohanes = Client()
    yohanes.force_login(world.users["other_learner"])
    response = yohanes.post(f"/belajar/webinar/{soon_webinar.pk}/daftar/")
    assert response.status_code == 302
    assert WebinarRegistration.objects.filter(
        user=world.users["other_learner"], webinar=soon_webinar, status="registered"
    ).exists()
    assert mail.outbox == []


def test_a_failing_mail_server_is_logged_and_retried(
    world, soon_webinar, settings, caplog
):
    from learning import webinars

    for name in ("learner", "other_learner"):
        webinars.register_for_webinar(world.users[name], soon_webinar)
    settings.EMAIL_BACKEND = "tests.security.test_faults.FailingEmailBackend"
    with caplog.at_level(logging.ERROR, logger="learning.tasks"):
        result = send_webinar_reminders.enqueue()
    assert result.return_value == {"sent": 0, "failed": 2}
    assert "Webinar reminder to user" in caplog.text
    assert "Service not available" in caplog.text
    # Nothing claimed: the next run tries again.
    unclaimed = WebinarRegistration.objects.filter(
        webinar=soon_webinar, reminder_sent_at__isnull=True
    )
    assert unclaimed.count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_webinar_reminders.enqueue().return_value == {"sent": 2, "failed": 0}
    assert len(mail.outbox) == 2
    assert not unclaimed.exists()
    # ... and once only.
    assert send_webinar_reminders.enqueue().return_value == {"sent": 0, "failed": 0}


def test_ids_beyond_any_database_column_are_not_found(world):
    """SQLite cannot even compare them (OverflowError): a 404, not a 500."""
    siti = Client(raise_request_exception=False)
    siti.force_login(world.users["learner"])
    huge = 2**63
    for url in (
        f"/belajar/kursus/{huge}/ikuti/",
        f"/belajar/webinar/{huge}/batal/",
        f"/belajar/modul/{huge}/selesai/",
    ):
        assert siti.post(url).status_code == 404, url
    assert siti.get(f"/belajar/kuis/{huge * 10}/").status_code == 404
