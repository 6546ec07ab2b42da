"""Fifty parallel writers lose nothing and duplicate nothing (PostgreSQL).

Each thread is its own test client with its own database connection, all
released at once by a barrier, so the requests meet at the database's
constraints and locks. The 200-writer version against a running server is
``python -m bench.concurrency --writers 200`` (see the README's Reliability
section). SQLite serialises writers anyway: these run on PostgreSQL only.
"""

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from learning import services
from learning.models import (
    Enrolment,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
    WebinarRegistration,
)
from people.models import User
from tests import builders
from tests.builders import RIGHT_ANSWERS

from .conftest import build_webinar

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WRITERS = 50
TIME_LIMIT = 90  # seconds for all writers of one scenario


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")


def learners(count):
    return [
        User.objects.create_user(username=f"paralel{n}", password="x")
        for n in range(count)
    ]


def fire(requests):
    """Send (user, path, data) requests at once, one thread each.

    Returns the Counter of status codes; fails on any exception or timeout.
    """
    barrier = threading.Barrier(len(requests))
    statuses, errors = Counter(), []
    lock = threading.Lock()
    clients = []
    for user, _path, _data in requests:
        client = Client()
        client.force_login(user)
        clients.append(client)

    def send(client, path, data):
        try:
            barrier.wait(timeout=30)
            status = client.post(path, data).status_code
            with lock:
                statuses[status] += 1
        except Exception as error:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(client, path, data))
        for client, (_user, path, data) in zip(clients, requests, strict=True)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIME_LIMIT)
    assert not any(thread.is_alive() for thread in threads), "writers still running"
    assert time.monotonic() - started < TIME_LIMIT
    assert not errors, errors
    return statuses


def test_fifty_learners_complete_the_same_module(demo_people):
    course = builders.course(2)
    module = builders.modules_of(course)[0]
    people = learners(WRITERS)
    for person in people:
        services.enrol(person, course)
    statuses = fire([(p, f"/belajar/modul/{module.pk}/selesai/", {}) for p in people])
    assert statuses == Counter({302: WRITERS})
    rows = ModuleProgress.objects.filter(module=module, completed_at__isnull=False)
    assert rows.count() == WRITERS
    assert rows.values("user").distinct().count() == WRITERS


def test_fifty_learners_submit_their_quizzes_at_once(demo_people):
    course = builders.course(1, quiz_in=(0,))
    module = builders.modules_of(course)[0]
    people = learners(WRITERS)
    attempts = {}
    for person in people:
        services.enrol(person, course)
        attempts[person.pk], _ = services.start_attempt(person, module)
    form = {f"q-{qid}": value for qid, value in RIGHT_ANSWERS.items()}
    form["action"] = "submit"
    statuses = fire([(p, f"/belajar/kuis/{attempts[p.pk].pk}/", form) for p in people])
    assert statuses == Counter({302: WRITERS})
    graded = QuizAttempt.objects.filter(module=module, submitted_at__isnull=False)
    assert graded.count() == WRITERS and all(a.passed for a in graded)
    assert QuizAnswer.objects.filter(attempt__module=module).count() == 4 * WRITERS
    assert (
        ModuleProgress.objects.filter(module=module, completed_at__isnull=False).count()
        == WRITERS
    )
    assert Enrolment.objects.filter(
        course=course, completed_at__isnull=False
    ).count() == (WRITERS)


def test_one_attempt_submitted_fifty_times_is_graded_once(demo_people):
    siti = demo_people["siti"]
    course = builders.course(1, quiz_in=(0,))
    module = builders.modules_of(course)[0]
    services.enrol(siti, course)
    attempt, _ = services.start_attempt(siti, module)
    form = {f"q-{qid}": value for qid, value in RIGHT_ANSWERS.items()}
    form["action"] = "submit"
    statuses = fire([(siti, f"/belajar/kuis/{attempt.pk}/", form)] * WRITERS)
    assert statuses == Counter({302: WRITERS})
    assert QuizAttempt.objects.filter(user=siti, module=module).count() == 1
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 4
    attempt.refresh_from_db()
    assert attempt.passed


def test_fifty_learners_register_for_twenty_seats(demo_people):
    webinar = build_webinar(title="Webinar Padat")
    webinar.capacity = 20
    webinar.save_revision().publish()
    people = learners(WRITERS)
    statuses = fire([(p, f"/belajar/webinar/{webinar.pk}/daftar/", {}) for p in people])
    assert statuses == Counter({302: WRITERS})
    registrations = WebinarRegistration.objects.filter(webinar=webinar)
    assert registrations.count() == WRITERS  # nobody lost, nobody twice
    by_status = Counter(registrations.values_list("status", flat=True))
    assert by_status == {"registered": 20, "waitlisted": WRITERS - 20}


def test_the_last_modules_completed_together_still_complete_the_course(demo_people):
    """Twenty-five learners each complete both modules of a course at the same
    moment: each "was that the last one?" check must see the other."""
    from learning.models import Certificate, JPLedgerEntry

    course = builders.course(2)
    first, second = builders.modules_of(course)
    people = learners(WRITERS // 2)
    for person in people:
        services.enrol(person, course)
    requests = []
    for person in people:
        requests.append((person, f"/belajar/modul/{first.pk}/selesai/", {}))
        requests.append((person, f"/belajar/modul/{second.pk}/selesai/", {}))
    statuses = fire(requests)
    assert statuses == Counter({302: WRITERS})
    completed = Enrolment.objects.filter(course=course, completed_at__isnull=False)
    assert completed.count() == len(people)
    assert Certificate.objects.filter(course=course).count() == len(people)
    assert JPLedgerEntry.objects.filter(
        source_type="course", user__in=people
    ).count() == len(people)
