"""Many parallel requests at the same record leave exactly one (PostgreSQL).

Each thread is a separate client with its own database connection, so the
requests really run at the same time against the database's constraints and
locks. SQLite serialises writers anyway, so these run on PostgreSQL only.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from learning.models import Enrolment, ModuleProgress, QuizAnswer, QuizAttempt
from tests import builders
from tests.builders import RIGHT_ANSWERS

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARALLEL = 12


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")


def _fire(user, method, url, data=None):
    """POST the same request from PARALLEL threads at once; return the codes."""
    barrier = threading.Barrier(PARALLEL)
    codes = []
    errors = []

    def worker():
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=30)
            response = getattr(client, method)(url, data or {})
            codes.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return codes


def test_parallel_enrolment_makes_one_row(demo_people):
    learner = demo_people["siti"]
    course = builders.course(2)
    codes = _fire(learner, "post", reverse("learning:enrol", args=[course.pk]))
    assert set(codes) == {302}
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_parallel_completion_completes_once(demo_people):
    from learning import services

    learner = demo_people["siti"]
    course = builders.course(1)
    services.enrol(learner, course)
    module = builders.modules_of(course)[0]
    completions = []
    services.course_completed.connect(
        lambda enrolment, **kw: completions.append(enrolment.pk),
        weak=False,
        dispatch_uid="count-completions",
    )
    try:
        codes = _fire(learner, "post", reverse("learning:complete", args=[module.pk]))
    finally:
        services.course_completed.disconnect(dispatch_uid="count-completions")
    assert set(codes) == {302}
    assert ModuleProgress.objects.filter(user=learner, module=module).count() == 1
    assert Enrolment.objects.get(user=learner, course=course).completed_at
    assert len(completions) == 1


def test_parallel_quiz_start_and_submit_give_one_result(demo_people):
    from learning import services

    learner = demo_people["siti"]
    course = builders.course(2, quiz_in=(0,))
    services.enrol(learner, course)
    module = builders.modules_of(course)[0]
    codes = _fire(learner, "post", reverse("learning:start_quiz", args=[module.pk]))
    assert set(codes) == {302}
    attempt = QuizAttempt.objects.get(user=learner, module=module)
    form = {f"q-{qid}": value for qid, value in RIGHT_ANSWERS.items()}
    form["action"] = "submit"
    codes = _fire(
        learner, "post", reverse("learning:quiz_attempt", args=[attempt.pk]), form
    )
    assert set(codes) == {302}
    assert QuizAttempt.objects.filter(user=learner, module=module).count() == 1
    attempt.refresh_from_db()
    assert attempt.passed and attempt.submitted_at
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 4
    assert (
        ModuleProgress.objects.filter(
            user=learner, module=module, completed_at__isnull=False
        ).count()
        == 1
    )
