"""A learner's whole journey over HTTP, as the browser (without JS) does it."""

import re

import pytest
from django.urls import reverse

from learning.models import Enrolment, ModuleFeedback, ModuleProgress, QuizAttempt
from people.demo import DEMO_PASSWORD
from tests import builders
from tests.builders import RIGHT_ANSWERS, WRONG_ANSWERS

FEEDBACK = {
    "rating_material": "5",
    "rating_delivery": "4",
    "rating_practical": "5",
    "rating_overall": "5",
    "comment": "Contohnya relevan dengan pekerjaan.",
}


def _quiz_form(answers, action="submit"):
    form = {f"q-{qid}": value for qid, value in answers.items()}
    form["action"] = action
    return form


@pytest.fixture
def journey_course(db):
    return builders.course(
        3, quiz_in=(2,), title="Kursus Perjalanan", require_feedback=True
    )


def test_learner_journey_from_login_to_completed_course(
    client, demo_people, journey_course
):
    course = journey_course
    modules = builders.modules_of(course)

    # Log in with the NIP.
    response = client.post(
        reverse("people:login"),
        {"username": "199203152019032008", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302

    # The course page offers "Ikuti kursus" as a POST form.
    page = client.get(course.url).content.decode()
    assert reverse("learning:enrol", args=[course.pk]) in page
    response = client.post(reverse("learning:enrol", args=[course.pk]))
    assert response["Location"] == modules[0].url

    # Study the first two modules and mark them done.
    for module in modules[:2]:
        page = client.get(module.url)
        assert page.status_code == 200
        response = client.post(reverse("learning:complete", args=[module.pk]))
        assert response.status_code == 302
        client.post(reverse("learning:give_feedback", args=[module.pk]), FEEDBACK)

    # The quiz module: its page holds no answer key.
    quiz_module = modules[2]
    html = client.get(quiz_module.url).content.decode()
    assert "PENJELASAN" not in html and "Jam Pelajaran" not in html
    response = client.post(reverse("learning:start_quiz", args=[quiz_module.pk]))
    attempt_url = response["Location"]
    html = client.get(attempt_url).content.decode()
    assert "PENJELASAN" not in html
    assert "Jam Pelajaran" not in html
    assert not re.search(r"correct['\"]?\s*[:=]", html, re.IGNORECASE)

    # Fail first.
    response = client.post(attempt_url, _quiz_form(WRONG_ANSWERS))
    result = client.get(response["Location"]).content.decode()
    assert "Belum lulus" in result or "Tidak lulus" in result

    # Then pass.
    response = client.post(reverse("learning:start_quiz", args=[quiz_module.pk]))
    second_url = response["Location"]
    assert second_url != attempt_url
    response = client.post(second_url, _quiz_form(RIGHT_ANSWERS))
    result = client.get(response["Location"]).content.decode()
    assert "100%" in result and "Lulus" in result
    assert "PENJELASAN-SINGLE" in result  # explanations after answering

    enrolment = Enrolment.objects.get(course=course)
    assert enrolment.completed_at is None  # the last questionnaire is missing
    client.post(reverse("learning:give_feedback", args=[quiz_module.pk]), FEEDBACK)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None

    page = client.get(course.url).content.decode()
    assert "Selesai" in page
    assert ModuleProgress.objects.filter(completed_at__isnull=False).count() == 3
    assert QuizAttempt.objects.count() == 2
    assert ModuleFeedback.objects.count() == 3


def test_saving_without_javascript_keeps_answers(client, demo_people, journey_course):
    client.force_login(demo_people["siti"])
    client.post(reverse("learning:enrol", args=[journey_course.pk]))
    quiz_module = builders.modules_of(journey_course)[2]
    attempt_url = client.post(reverse("learning:start_quiz", args=[quiz_module.pk]))[
        "Location"
    ]
    client.post(attempt_url, _quiz_form({"q-text": "Jam Pelajaran"}, action="save"))
    html = client.get(attempt_url).content.decode()
    assert 'value="Jam Pelajaran"' in html
    # The autosave endpoint answers in JSON.
    attempt = QuizAttempt.objects.get()
    response = client.post(
        reverse("learning:quiz_autosave", args=[attempt.pk]), {"q-q-tf": "true"}
    )
    assert response.json()["ok"] is True, response.json()
    response = client.post(
        reverse("learning:quiz_autosave", args=[attempt.pk]), {"q-zzz": "true"}
    )
    assert response.status_code == 400 and response.json()["ok"] is False


def test_module_pages_need_an_enrolment(client, demo_people, journey_course):
    module = builders.modules_of(journey_course)[0]
    response = client.get(module.url)
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]
    client.force_login(demo_people["siti"])
    response = client.get(module.url)
    assert response["Location"] == journey_course.url


def test_other_learners_attempts_are_not_found(client, demo_people, journey_course):
    from learning import services

    siti, yohanes = demo_people["siti"], demo_people["yohanes"]
    services.enrol(siti, journey_course)
    attempt, _ = services.start_attempt(siti, builders.modules_of(journey_course)[2])
    client.force_login(yohanes)
    for name in ("learning:quiz_attempt", "learning:quiz_result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    response = client.post(
        reverse("learning:quiz_attempt", args=[attempt.pk]),
        _quiz_form(RIGHT_ANSWERS),
    )
    assert response.status_code == 404
    assert (
        client.post(
            reverse("learning:quiz_autosave", args=[attempt.pk]), {"q-q-tf": "true"}
        ).status_code
        == 404
    )
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_enrol_is_post_only(client, demo_people, journey_course):
    client.force_login(demo_people["siti"])
    response = client.get(reverse("learning:enrol", args=[journey_course.pk]))
    assert response.status_code == 405
    assert not Enrolment.objects.exists()
