"""Offline learning over HTTP: saved-course listing, the offline quiz page and
the sync endpoint that takes what a phone did offline."""

import json
import uuid

import pytest
from django.urls import reverse

from learning import services
from learning.models import ModuleFeedback, ModuleProgress, QuizAttempt
from tests import builders
from tests.builders import RIGHT_ANSWERS, WRONG_ANSWERS

RATINGS = {
    "rating_material": "5",
    "rating_delivery": "4",
    "rating_practical": "5",
    "rating_overall": "4",
}


@pytest.fixture
def course(db):
    """Three modules; the second carries the quiz; quizzes need not be passed."""
    return builders.course(3, quiz_in=(1,), require_quiz_pass=False)


@pytest.fixture
def enrolled(client, learner, course):
    services.enrol(learner, course)
    client.force_login(learner)
    return client


def _sync(client, *items):
    return client.post(
        reverse("learning:sync"),
        json.dumps({"items": list(items)}),
        content_type="application/json",
    )


def _item(kind, module, **fields):
    return {"client_id": str(uuid.uuid4()), "kind": kind, "module": module.pk, **fields}


def test_offline_listing_names_the_course_pages_for_an_enrolled_learner(
    enrolled, course
):
    modules = builders.modules_of(course)
    response = enrolled.get(reverse("learning:offline_course", args=[course.pk]))
    assert response.status_code == 200
    data = response.json()
    urls = [page["url"] for page in data["pages"]]
    assert urls == [
        course.url,
        modules[0].url,
        modules[1].url,
        reverse("learning:offline_quiz", args=[modules[1].pk]),
        modules[2].url,
    ]
    assert data["dashboard"] == reverse("learning:dashboard")
    assert "no-cache" in response["Cache-Control"]


def test_offline_listing_needs_a_login_and_an_enrolment(client, other_learner, course):
    url = reverse("learning:offline_course", args=[course.pk])
    assert client.get(url).status_code == 401
    client.force_login(other_learner)
    response = client.get(url)
    assert response.status_code == 403 and response.json()["ok"] is False


def test_offline_quiz_page_shows_questions_without_the_answer_key(enrolled, course):
    module = builders.modules_of(course)[1]
    response = enrolled.get(reverse("learning:offline_quiz", args=[module.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for question_id in RIGHT_ANSWERS:
        assert f'name="q-{question_id}"' in html
    assert 'value="o-s2"' in html  # options keep their block ids
    assert "PENJELASAN" not in html and "Jam Pelajaran" not in html
    assert 'data-offline-kind="quiz"' in html
    assert not QuizAttempt.objects.exists()  # nothing is started on the server


def test_a_timed_quiz_says_why_it_cannot_be_taken_offline(enrolled, course):
    module = builders.modules_of(course)[1]
    module.quiz_time_limit_minutes = 10
    module.save_revision().publish()
    response = enrolled.get(reverse("learning:offline_quiz", args=[module.pk]))
    html = response.content.decode()
    assert 'class="callout callout-warning"' in html
    assert 'data-offline-kind="quiz"' not in html and 'name="q-' not in html


def test_offline_quiz_page_needs_an_enrolment(client, other_learner, course):
    module = builders.modules_of(course)[1]
    client.force_login(other_learner)
    response = client.get(reverse("learning:offline_quiz", args=[module.pk]))
    assert response.status_code == 302 and response["Location"] == course.url


def test_offline_quiz_form_posted_online_is_graded_once(enrolled, course):
    """Make sure that the same form sent twice makes one attempt."""
    module = builders.modules_of(course)[1]
    url = reverse("learning:offline_quiz", args=[module.pk])
    form = {f"q-{qid}": value for qid, value in RIGHT_ANSWERS.items()}
    form["client_id"] = str(uuid.uuid4())
    first = enrolled.post(url, form)
    again = enrolled.post(url, form)
    attempt = QuizAttempt.objects.get()
    assert (
        first["Location"]
        == again["Location"]
        == reverse("learning:quiz_result", args=[attempt.pk])
    )
    assert attempt.passed and str(attempt.client_id) == form["client_id"]


def test_sync_get_gives_the_user_and_a_csrf_token(enrolled, learner):
    response = enrolled.get(reverse("learning:sync"))
    assert response.json()["user"] == learner.pk
    assert response.json()["csrf_token"]
    assert "no-cache" in response["Cache-Control"]


def test_sync_needs_a_login(client, db):
    assert client.get(reverse("learning:sync")).status_code == 401
    response = client.post(
        reverse("learning:sync"), "{}", content_type="application/json"
    )
    assert response.status_code == 401


def test_sync_needs_the_csrf_token(learner, course):
    from django.test import Client

    services.enrol(learner, course)
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    module = builders.modules_of(course)[0]
    response = _sync(client, _item("complete", module))
    assert response.status_code == 403
    token = client.get(reverse("learning:sync")).json()["csrf_token"]
    response = client.post(
        reverse("learning:sync"),
        json.dumps({"items": [_item("complete", module)]}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["status"] == "ok"


def test_sync_applies_completion_quiz_and_feedback_once(enrolled, learner, course):
    """Make sure that a replayed batch records nothing twice."""
    first, quiz_module = builders.modules_of(course)[:2]
    items = [
        _item("complete", first),
        _item("quiz", quiz_module, answers=RIGHT_ANSWERS),
        _item("feedback", first, ratings=RATINGS, comment="Jelas."),
    ]
    response = _sync(enrolled, *items)
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["ok", "ok", "ok"], results
    assert [r["client_id"] for r in results] == [i["client_id"] for i in items]
    assert results[1]["passed"] is True and results[1]["score"] == 100
    attempt = QuizAttempt.objects.get()
    assert results[1]["result_url"] == reverse(
        "learning:quiz_result", args=[attempt.pk]
    )

    replay = _sync(enrolled, *items).json()["results"]
    assert [r["status"] for r in replay] == ["ok", "ok", "ok"]
    assert replay[1]["result_url"] == results[1]["result_url"]
    assert (
        ModuleProgress.objects.filter(
            user=learner, module=first, completed_at__isnull=False
        ).count()
        == 1
    )
    assert QuizAttempt.objects.count() == 1
    feedback = ModuleFeedback.objects.get()
    assert feedback.rating_delivery == 4 and feedback.comment == "Jelas."
    assert str(feedback.client_id) == items[2]["client_id"]


def test_a_second_offline_attempt_counts_as_a_new_attempt(enrolled, course):
    quiz_module = builders.modules_of(course)[1]
    _sync(enrolled, _item("quiz", quiz_module, answers=WRONG_ANSWERS))
    _sync(enrolled, _item("quiz", quiz_module, answers=RIGHT_ANSWERS))
    assert list(
        QuizAttempt.objects.order_by("number").values_list("number", "passed")
    ) == [(1, False), (2, True)]


def test_sync_refuses_what_the_services_refuse(enrolled, course):
    """Make sure that a refusal carries the learner's message and stops nothing else."""
    first, quiz_module = builders.modules_of(course)[:2]
    quiz_module.quiz_time_limit_minutes = 5
    quiz_module.save_revision().publish()
    results = _sync(
        enrolled,
        _item("quiz", quiz_module, answers=RIGHT_ANSWERS),
        _item("quiz", quiz_module, answers={"q-unknown": "x"}),
        _item("feedback", first, ratings={"rating_material": "9"}),
        _item("complete", first),
    ).json()["results"]
    assert [r["status"] for r in results] == ["refused", "refused", "refused", "ok"]
    assert results[0]["code"] == "timed"
    assert results[0]["message"]
    assert not QuizAttempt.objects.exists()


def test_sync_refuses_modules_of_other_courses_and_other_learners_ids(
    client, enrolled, learner, other_learner, course
):
    other_course = builders.course(1)
    module = builders.modules_of(course)[1]
    results = _sync(
        enrolled, _item("complete", builders.modules_of(other_course)[0])
    ).json()["results"]
    assert results[0]["status"] == "refused"

    # Another learner replaying this learner's client id gets nothing back.
    item = _item("quiz", module, answers=RIGHT_ANSWERS)
    _sync(enrolled, item)
    services.enrol(other_learner, course)
    client.force_login(other_learner)
    results = _sync(client, item).json()["results"]
    assert results[0]["status"] == "refused"
    assert "result_url" not in results[0]
    assert QuizAttempt.objects.filter(user=other_learner).count() == 0


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "{}",
        json.dumps({"items": "x"}),
        json.dumps({"items": [{}] * 51}),
    ],
)
def test_sync_answers_400_to_what_it_cannot_read(enrolled, body):
    response = enrolled.post(
        reverse("learning:sync"), body, content_type="application/json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "item",
    [
        {"kind": "complete", "module": 1},
        {"kind": "dance", "client_id": str(uuid.uuid4()), "module": 1},
        {"kind": "complete", "client_id": "abc", "module": 1},
        {"kind": "complete", "client_id": str(uuid.uuid4()), "module": "x"},
        {"kind": "complete", "client_id": str(uuid.uuid4()), "module": 2**63},
        {"kind": "complete", "client_id": str(uuid.uuid4()), "module": -1},
        {"kind": "quiz", "client_id": str(uuid.uuid4()), "answers": [1]},
        "a string",
    ],
)
def test_sync_refuses_items_it_cannot_read(enrolled, course, item):
    if isinstance(item, dict) and item.get("answers"):
        item["module"] = builders.modules_of(course)[1].pk
    results = _sync(enrolled, item).json()["results"]
    assert results[0]["status"] == "refused"


def test_ids_beyond_64_bits_are_not_found(enrolled):
    huge = 2**63
    for url in (
        reverse("learning:offline_course", args=[huge]),
        reverse("learning:offline_quiz", args=[huge]),
    ):
        assert enrolled.get(url).status_code == 404
