"""The Content-Security-Policy in a real browser: Chromium reports no
violation on the learner's pages, signed in or not.

(The admin's own policy is not checked here: this package's server collects
only the project's static files, not Wagtail's.)"""

import pytest

from courses.models import CoursePage
from learning.models import Enrolment

pytestmark = [pytest.mark.browser]

# Installed before any page script: collects what the policy blocked.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    event.violatedDirective + " " + (event.blockedURI || "inline")
  );
});
"""


def _visit(context, paths):
    """Open each path; return {path: [violations]} for those with any."""
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status in (200, 404), (path, response.status)
        assert response.headers.get("content-security-policy"), path
        page.wait_for_load_state("load")
        violations = page.evaluate("window.__cspViolations") + console
        console.clear()
        if violations:
            found[path] = violations
    return found


def test_the_learners_pages_break_no_rule_of_the_policy(new_context, live):
    with live.lock:
        enrolment = (
            Enrolment.objects.filter(user=live.people["siti"])
            .select_related("course")
            .first()
        )
        course = CoursePage.objects.get(pk=enrolment.course_id)
        module = course.live_modules().specific().first()
        paths = [
            "/",
            "/kursus/",
            course.url,
            module.url,
            "/belajar/",
            "/akun/profil/",
            "/webinar/",
            "/kebijakan/",
            "/search/?query=asn",
            "/luring/",
        ]
    context = new_context()
    live.login_cookie(context, live.people["siti"])
    assert _visit(context, paths) == {}
    anonymous = new_context()
    assert _visit(anonymous, ["/", "/akun/masuk/", "/akun/sandi/lupa/"]) == {}
