"""A learner's main path in a real browser: with JavaScript (and the service
worker), and with JavaScript switched off."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage
from learning.models import Enrolment, ModuleFeedback, ModuleProgress, QuizAttempt
from people.demo import DEMO_PASSWORD

from .conftest import screenshot, wait_for_service_worker, watch_hosts

pytestmark = [pytest.mark.browser]

RATINGS = ("rating_material", "rating_delivery", "rating_practical", "rating_overall")


def _course(live, slug):
    with live.lock:
        course = CoursePage.objects.get(slug=slug)
        return course, list(course.live_modules().specific())


def _log_in(page, nip):
    page.goto("/akun/masuk/")
    page.locator("input[name=username]").fill(nip)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))


def test_learner_logs_in_reads_a_module_and_sees_progress(
    new_context, live, hosts_seen
):
    course, modules = _course(live, "integritas-dan-antikorupsi")
    yohanes = live.people["yohanes"]
    context = new_context()
    watch_hosts(context, hosts_seen)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    _log_in(page, yohanes.nip)
    wait_for_service_worker(page)
    page.goto(course.url)
    page.locator(".learner-panel form button[type=submit]").click()  # join
    page.wait_for_url(f"**{modules[0].url}")
    expect(page.locator("h1")).to_have_text(modules[0].title)
    expect(page.locator(".module-content")).to_be_visible()

    # Marked done through offline.js (online): the next module comes with the
    # server's confirmation, from the page handed to the service worker.
    with page.expect_navigation(url=f"**{modules[1].url}") as navigation:
        page.locator(".complete-form button[type=submit]").click()
    assert navigation.value.from_service_worker
    expect(page.locator(".messages .message")).to_have_count(1)

    page.goto("/belajar/")
    card = page.locator(".card", has=page.locator(f"a[href='{course.url}']"))
    expect(card.locator("progress")).to_have_attribute("value", "33")
    with live.lock:
        assert Enrolment.objects.filter(user=yohanes, course=course).exists()
        assert ModuleProgress.objects.get(user=yohanes, module=modules[0]).completed_at
    assert not errors
    assert hosts_seen == {urlsplit(live.url).netloc}


def test_without_javascript_a_learner_reads_answers_and_evaluates(new_context, live):
    course, modules = _course(live, "moderasi-beragama-dan-wawasan-kebangsaan")
    first, with_quiz = modules[0], modules[1]
    assert with_quiz.has_quiz
    rina = live.people["rina"]
    context = new_context(java_script_enabled=False)
    page = context.new_page()

    _log_in(page, rina.nip)
    page.goto(course.url)
    expect(page.locator(".offline-save")).to_be_hidden()  # needs JavaScript
    page.locator(".learner-panel form button[type=submit]").click()
    page.wait_for_url(f"**{first.url}")

    page.locator(".complete-form button[type=submit]").click()
    page.wait_for_url(f"**{with_quiz.url}")

    page.locator(".quiz-start button[type=submit]").click()
    page.wait_for_url(re.compile(r"/belajar/kuis/\d+/$"))
    for checkbox in page.locator("fieldset.question input[type=checkbox]").all():
        checkbox.check()
    page.locator("form.quiz-form button[value=submit]").click()
    page.wait_for_url(re.compile(r"/belajar/kuis/\d+/hasil/$"))
    expect(page.locator(".result-summary .score")).to_have_text(re.compile(r"\d+%"))
    screenshot(page, "quiz-result")

    page.goto(with_quiz.url)
    for name in RATINGS:
        page.locator(f"input[name={name}][value='5']").check()
    page.locator(".feedback-form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(with_quiz.url)))
    expect(page.locator(".message-success")).to_have_count(1)

    with live.lock:
        assert ModuleProgress.objects.get(user=rina, module=first).completed_at
        attempt = QuizAttempt.objects.get(user=rina, module=with_quiz)
        assert attempt.submitted_at and attempt.client_id is None
        assert ModuleFeedback.objects.filter(user=rina, module=with_quiz).exists()
