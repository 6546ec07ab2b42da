"""Learner-facing pages cost a fixed number of queries.

The count must not grow with the number of modules in a course or with the
learner's history (attempts, progress rows).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import services
from tests import builders
from tests.builders import RIGHT_ANSWERS, WRONG_ANSWERS


def _count(client, url):
    # Warm caches that are per process (site root paths, content types).
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), context


def _setup(learner, modules, history):
    course = builders.course(modules, quiz_in=(0,))
    services.enrol(learner, course)
    all_modules = builders.modules_of(course)
    quiz_module = all_modules[0]
    quiz_module.quiz_max_attempts = 0
    quiz_module.save_revision().publish()
    for module in all_modules[1 : 1 + history]:
        services.complete_module(learner, module)
    attempt = None
    for index in range(max(1, history)):
        attempt, _ = services.start_attempt(learner, quiz_module)
        answers = RIGHT_ANSWERS if index == history - 1 else WRONG_ANSWERS
        services.submit_attempt(learner, attempt.pk, answers)
    return course, all_modules, attempt


@pytest.mark.parametrize("page", ["course", "module", "result"])
def test_learner_pages_cost_the_same_for_small_and_large_courses(
    client, demo_people, page
):
    learner = demo_people["siti"]
    client.force_login(learner)
    counts = []
    for modules, history in ((3, 1), (30, 12)):
        course, modules_list, attempt = _setup(learner, modules, history)
        url = {
            "course": course.url,
            "module": modules_list[1].url,
            "result": f"/belajar/kuis/{attempt.pk}/hasil/",
        }[page]
        count, context = _count(client, url)
        counts.append(count)
    assert counts[0] == counts[1], counts


def test_pinned_query_counts(client, demo_people):
    """Pinned so that a new query on a hot page is a deliberate change."""
    learner = demo_people["siti"]
    client.force_login(learner)
    course, modules, attempt = _setup(learner, 5, 2)
    counts = {
        "course": _count(client, course.url)[0],
        "module": _count(client, modules[1].url)[0],
        "quiz_module": _count(client, modules[0].url)[0],
        "result": _count(client, f"/belajar/kuis/{attempt.pk}/hasil/")[0],
    }
    assert counts == PINNED, counts


# course (18): site, Wagtail's route through the tree and .specific (6),
#   view restrictions (2), the template's module list, trainers, tags,
#   session, user, learner panel: enrolment, modules, progress rows,
#   prerequisites check is skipped for enrolled learners.
# module (21): site, route and .specific (7), session, user, hook: course,
#   enrolment, progress read (savepoint pair), alias and view-restriction
#   checks (2), course page for the breadcrumb, panel: modules, progress rows,
#   quiz summary is skipped (no quiz), feedback.
# quiz_module (22): as module, plus the learner's attempts at the quiz.
# result (10): session, user, attempt + module, module.specific, course,
#   answers, attempts, course state (enrolment, modules, progress).
PINNED = {"course": 18, "module": 21, "quiz_module": 22, "result": 10}
