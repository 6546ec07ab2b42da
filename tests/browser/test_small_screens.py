"""Every main page on a cheap phone's screen: 320 and 360 px wide.

Nothing scrolls sideways, text is 16 px without zooming, every control is at
least 44 px tall,. Screenshots at
360 px go to test-artifacts/screenshots/ for a person to look at.
"""

from pathlib import Path

import pytest

from courses.models import CoursePage, PolicyArticlePage, WebinarPage
from learning import services
from learning.models import Certificate, QuizAttempt

from .conftest import screenshot

pytestmark = [pytest.mark.browser]

WIDTHS = (320, 360)
# Controls a thumb must hit: buttons, fields and the links that stand alone
# (navigation, breadcrumbs, topics). Links inside sentences are exempt.
TAP_TARGETS = ", ".join(
    [
        "button",
        ".button",
        "input:not([type=hidden]):not([type=radio]):not([type=checkbox])",
        "select",
        "textarea",
        "summary",
        "label.choice",
        "label.rating-option",
        ".brand",
        ".site-nav a",
        ".account a",
        ".breadcrumb a",
        ".module-nav a",
        ".pagination a",
        ".tags a",
        ".saved-course-list ul a",
    ]
)
_CHECK = (Path(__file__).parent / "layout_check.js").read_text()


@pytest.fixture
def pages(live):
    """Name and URL of every main page, as the demo learner Siti sees them."""
    siti = live.people["siti"]
    with live.lock:
        course = CoursePage.objects.get(slug="literasi-digital-bagi-asn")
        modules = list(course.live_modules().specific())
        quiz_module = next(m for m in modules if m.has_quiz)
        attempt, _ = services.start_attempt(siti, quiz_module)
        result = QuizAttempt.objects.filter(
            user=siti, submitted_at__isnull=False
        ).first()
        untimed = next(
            m for m in modules if m.has_quiz and not m.quiz_time_limit_minutes
        )
        return {
            "home": "/",
            "catalogue": "/kursus/",
            "course": course.url,
            "module": modules[0].url,
            "quiz": f"/belajar/kuis/{attempt.pk}/",
            "quiz-offline": f"/belajar/modul/{untimed.pk}/kuis/offline/",
            "quiz-result": f"/belajar/kuis/{result.pk}/hasil/",
            "dashboard": "/belajar/",
            "webinars": "/webinar/",
            "webinar": WebinarPage.objects.live().first().url,
            "policies": "/kebijakan/",
            "policy": PolicyArticlePage.objects.live().first().url,
            "search": "/search/?query=data",
            "profile": "/akun/profil/",
            "certificate": f"/sertifikat/{Certificate.objects.first().code}/",
            "offline": "/luring/",
        }


SCREENSHOTS = {"home", "catalogue", "course", "module", "quiz-result", "dashboard"}


def test_main_pages_fit_small_screens(new_context, live, pages):
    context = new_context()
    live.login_cookie(context, live.people["siti"])
    page = context.new_page()
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 740})
        for name, url in pages.items():
            page.goto(url)
            found = page.evaluate(_CHECK, TAP_TARGETS)
            if found["overflow"] > 0 or found["wide"]:
                problems.append(
                    f"{name} @{width}: {found['overflow']}px too wide, {found['wide']}"
                )
            if found["small"]:
                problems.append(f"{name} @{width}: small targets {found['small']}")
            if found["font"] != "16px":
                problems.append(f"{name} @{width}: body text {found['font']}")
            if width == 360 and name in SCREENSHOTS | {"quiz", "offline"}:
                screenshot(page, f"{name}-{width}")
    anonymous = new_context().new_page()
    for width in WIDTHS:
        anonymous.set_viewport_size({"width": width, "height": 740})
        anonymous.goto("/akun/masuk/")
        found = anonymous.evaluate(_CHECK, TAP_TARGETS)
        if found["overflow"] > 0 or found["small"]:
            problems.append(f"login @{width}: {found}")
    assert not problems, "\n".join(problems)
