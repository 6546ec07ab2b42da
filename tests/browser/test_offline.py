"""Offline learning in a real browser: save a course, study it with the network
cut, and see the phone's queue reach the server exactly once."""

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage
from learning import services
from learning.models import ModuleFeedback, ModuleProgress, QuizAttempt

from .conftest import screenshot, wait_for_service_worker, watch_hosts

pytestmark = [pytest.mark.browser]

CACHE_NAMES = """caches.keys()"""


@pytest.fixture
def literasi(live):
    """The demo course with an image, a timed quiz and an untimed quiz."""
    with live.lock:
        course = CoursePage.objects.get(slug="literasi-digital-bagi-asn")
        services.enrol(live.people["agustinus"], course)
        return course, list(course.live_modules().specific())


def test_a_saved_course_works_offline_and_syncs_once(
    new_context, live, literasi, hosts_seen
):
    course, modules = literasi
    reading, timed_quiz, quiz, _last = modules
    assert reading.content_blocks and not reading.has_quiz
    assert timed_quiz.quiz_time_limit_minutes and not quiz.quiz_time_limit_minutes
    learner = live.people["agustinus"]
    context = new_context()
    watch_hosts(context, hosts_seen)
    live.login_cookie(context, learner)
    page = context.new_page()

    # Online: open the course and save it on the phone.
    page.goto(course.url)
    wait_for_service_worker(page)
    save = page.locator(".offline-save-button")
    expect(save).to_be_visible()
    save.click()
    expect(page.locator(".offline-remove-button")).to_be_visible()
    expect(page.locator(".offline-save-status")).to_have_text(re.compile(r"\d+ KB"))
    screenshot(page, "offline-course-saved-360")
    assert f"lms-saved-{course.pk}" in page.evaluate(CACHE_NAMES)

    # Offline: the saved module opens, with its picture, at any screen width.
    context.set_offline(True)
    page.goto(reading.url)
    expect(page.locator("h1")).to_have_text(reading.title)
    for width in (360, 1024):
        page.set_viewport_size({"width": width, "height": 800})
        page.reload()
        image = page.locator(".module-content img").first
        image.scroll_into_view_if_needed()
        assert image.evaluate(
            """img => img.complete && img.naturalWidth > 0 ? true :
               new Promise(resolve => {
                 img.addEventListener("load", () => resolve(img.naturalWidth > 0));
                 img.addEventListener("error", () => resolve(false));
               })"""
        ), f"the saved image did not show at {width}px"
    page.set_viewport_size({"width": 360, "height": 740})

    # Mark it done and answer the questionnaire: both wait on the phone.
    page.locator(".complete-form button[type=submit]").click()
    expect(page.locator(".complete-form .offline-kept")).to_be_visible()
    for name in (
        "rating_material",
        "rating_delivery",
        "rating_practical",
        "rating_overall",
    ):
        page.locator(f"input[name={name}][value='4']").check()
    page.locator("#feedback-comment").fill("Dipelajari tanpa sinyal.")
    page.locator(".feedback-form button[type=submit]").click()
    expect(page.locator(".feedback-form .offline-kept")).to_be_visible()
    expect(page.locator(".offline-status .offline-waiting")).to_have_count(2)

    # The module's quiz opens from the phone and is answered offline.
    page.goto(quiz.url)
    page.locator(".quiz-start button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/belajar/modul/{quiz.pk}/kuis/offline/$"))
    questions = page.locator("fieldset.question")
    assert questions.count() == len(quiz.question_blocks)
    for index in range(questions.count()):
        questions.nth(index).locator("input[type=radio]").first.check()
    page.locator(".offline-quiz-form button[type=submit]").click()
    expect(page.locator(".offline-quiz-form .offline-kept")).to_be_visible()

    # A timed quiz says why it cannot be taken offline.
    page.goto(timed_quiz.url)
    page.locator(".quiz-start button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/belajar/modul/{timed_quiz.pk}/kuis/offline/$"))
    expect(page.locator(".callout-warning")).to_be_visible()
    expect(page.locator(".offline-quiz-form")).to_have_count(0)

    # A page that was not saved: the offline page lists what is saved.
    page.goto("/webinar/")
    expect(page.locator(".saved-course-list a").first).to_have_text(course.title)

    # The dashboard (saved with the course) shows what waits.
    page.goto("/belajar/")
    waiting = page.locator(".offline-status .offline-waiting")
    expect(waiting).to_have_count(3)
    screenshot(page, "offline-dashboard-waiting-360")
    with live.lock:
        assert not ModuleProgress.objects.filter(
            user=learner, module=reading, completed_at__isnull=False
        ).exists()
        assert not QuizAttempt.objects.filter(user=learner).exists()

    # Back online: the queue drains by itself and says when it went through.
    context.set_offline(False)
    expect(page.locator(".offline-status .offline-sent")).to_have_count(3)
    expect(waiting).to_have_count(0)
    expect(page.locator(".offline-status a[href*='/hasil/']")).to_have_count(1)
    screenshot(page, "offline-dashboard-sent-360")
    sent = page.evaluate("JSON.parse(localStorage.getItem('lms-offline-sent'))")
    assert {item["kind"] for item in sent} == {"complete", "feedback", "quiz"}

    with live.lock:
        done = ModuleProgress.objects.filter(user=learner, module=reading)
        assert done.count() == 1 and done.get().completed_at is not None
        attempt = QuizAttempt.objects.get(user=learner, module=quiz)
        assert attempt.submitted_at is not None
        assert str(attempt.client_id) in {item["client_id"] for item in sent}
        feedback = ModuleFeedback.objects.get(user=learner, module=reading)
        assert feedback.comment == "Dipelajari tanpa sinyal."

    # The same items sent again (a flaky link, a second tab) change nothing.
    results = page.evaluate(
        """async items => {
             const who = await (await fetch("/belajar/sync/")).json();
             const response = await fetch("/belajar/sync/", {
               method: "POST",
               headers: {"Content-Type": "application/json",
                         "X-CSRFToken": who.csrf_token},
               body: JSON.stringify({items}),
             });
             return (await response.json()).results.map(r => r.status);
           }""",
        json.loads(json.dumps(sent)),
    )
    assert results == ["ok", "ok", "ok"]
    with live.lock:
        assert QuizAttempt.objects.filter(user=learner).count() == 1
        assert ModuleFeedback.objects.filter(user=learner).count() == 1
        assert (
            ModuleProgress.objects.filter(
                user=learner, completed_at__isnull=False
            ).count()
            == 1 + attempt.passed
        )

    # Removing the course frees the space on the phone.
    page.goto(course.url)
    page.locator(".offline-remove-button").click()
    expect(page.locator(".offline-remove-button")).to_be_hidden()
    assert f"lms-saved-{course.pk}" not in page.evaluate(CACHE_NAMES)

    assert hosts_seen == {urlsplit(live.url).netloc}


def test_a_started_quiz_submitted_offline_is_graded_when_back_online(
    new_context, live, literasi
):
    """The link drops during an untimed quiz: the answers wait on the phone."""
    course, modules = literasi
    quiz = modules[2]
    learner = live.people["agustinus"]
    with live.lock:
        attempt, _created = services.start_attempt(learner, quiz)
    context = new_context()
    live.login_cookie(context, learner)
    page = context.new_page()
    page.goto(f"/belajar/kuis/{attempt.pk}/")
    wait_for_service_worker(page)
    for fieldset in page.locator("fieldset.question").all():
        fieldset.locator("input[type=radio]").last.check()

    context.set_offline(True)
    page.locator("form.quiz-form button[value=save]").click()
    expect(page.locator(".quiz-status")).not_to_be_empty()
    page.locator("form.quiz-form button[value=submit]").click()
    expect(page.locator("form.quiz-form .offline-kept")).to_be_visible()
    with live.lock:
        attempt.refresh_from_db()
        assert attempt.submitted_at is None

    context.set_offline(False)
    expect(page.locator(".offline-status .offline-sent")).to_have_count(1)
    with live.lock:
        attempt.refresh_from_db()
        assert attempt.submitted_at is not None and attempt.client_id
        assert QuizAttempt.objects.filter(user=learner, module=quiz).count() == 1
