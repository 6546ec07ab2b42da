"""Make sure the demo content loads, is complete, and loads only once."""

import pytest
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.blocks import QUESTION_BLOCK_TYPES
from courses.demo import seed_content
from courses.models import (
    CourseIndexPage,
    CoursePage,
    ModulePage,
    PolicyArticlePage,
    PolicyIndexPage,
    WebinarIndexPage,
    WebinarPage,
)

from . import factories


@pytest.fixture
def seeded(demo_people):
    return seed_content()


def test_seed_content_creates_the_demo_tree(seeded, client):
    assert seeded == {"courses": 6, "webinars": 4, "policies": 7}
    assert CourseIndexPage.objects.get().url == "/kursus/"
    assert WebinarIndexPage.objects.get().url == "/webinar/"
    assert PolicyIndexPage.objects.get().url == "/kebijakan/"
    courses = CoursePage.objects.live()
    assert {c.competency_type for c in courses} == {
        "teknis",
        "manajerial",
        "sosial_kultural",
    }
    assert courses.filter(enrolment_mode="assigned").count() == 1
    assert courses.filter(prerequisites__isnull=False).distinct().count() == 1
    assert courses.filter(trainers__username="pelatih2").exists()
    for course in courses:
        assert 3 <= ModulePage.objects.child_of(course).live().count() <= 8
        assert course.cover_image and course.tags.exists()
    modules = ModulePage.objects.live()
    used = {b["type"] for m in modules for b in m.body.raw_data}
    assert set(QUESTION_BLOCK_TYPES) <= used
    assert modules.filter(quiz_time_limit_minutes__isnull=False).exists()
    assert WebinarPage.objects.upcoming().count() == 2
    assert WebinarPage.objects.past().count() == 2
    assert PolicyArticlePage.objects.filter(regulation_status="dicabut").exists()
    # Published through revisions, so every page has one.
    for page in Page.objects.type(CoursePage, ModulePage, WebinarPage).live():
        assert page.live_revision_id
    for image in get_image_model().objects.all():
        assert image.file.size < 30_000
    for url in ("/", "/kursus/", "/webinar/", "/kebijakan/"):
        assert client.get(url).status_code == 200


def test_seed_content_is_idempotent(seeded):
    counts = (Page.objects.count(), Revision.objects.count())
    assert seed_content() == {"courses": 0, "webinars": 0, "policies": 0}
    assert counts == (Page.objects.count(), Revision.objects.count())


def test_every_factory_builds(indexes):
    course = factories.CoursePageFactory(parent=indexes["courses"])
    built = [
        course,
        factories.ModulePageFactory(parent=course),
        factories.WebinarPageFactory(parent=indexes["webinars"]),
        factories.PolicyArticlePageFactory(parent=indexes["policies"]),
    ]
    for page in built:
        page.full_clean()
        assert page.live and page.url
