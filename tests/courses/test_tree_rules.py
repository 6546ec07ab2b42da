"""Make sure the page tree keeps its shape and editors can create every type."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import (
    CourseIndexPage,
    CoursePage,
    ModulePage,
    PolicyArticlePage,
    PolicyIndexPage,
    WebinarIndexPage,
    WebinarPage,
)
from home.models import HomePage

from .factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    ModulePageFactory,
    PolicyArticlePageFactory,
    PolicyIndexPageFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)


class TreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.catalogue = CourseIndexPageFactory(parent=cls.home)
        cls.webinars = WebinarIndexPageFactory(parent=cls.home)
        cls.policies = PolicyIndexPageFactory(parent=cls.home)
        cls.course = CoursePageFactory(parent=cls.catalogue)
        cls.module = ModulePageFactory(parent=cls.course)
        cls.webinar = WebinarPageFactory(parent=cls.webinars)
        cls.article = PolicyArticlePageFactory(parent=cls.policies)

    def setUp(self):
        self.user = self.login()

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, set())
        self.assertAllowedSubpageTypes(WebinarIndexPage, {WebinarPage})
        self.assertAllowedSubpageTypes(WebinarPage, set())
        self.assertAllowedSubpageTypes(PolicyIndexPage, {PolicyArticlePage})
        self.assertAllowedSubpageTypes(PolicyArticlePage, set())

    def test_allowed_parent_page_types(self):
        for index in (CourseIndexPage, WebinarIndexPage, PolicyIndexPage):
            self.assertAllowedParentPageTypes(index, {HomePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedParentPageTypes(WebinarPage, {WebinarIndexPage})
        self.assertAllowedParentPageTypes(PolicyArticlePage, {PolicyIndexPage})

    def test_where_pages_can_be_created(self):
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanCreateAt(CoursePage, ModulePage)
        self.assertCanNotCreateAt(CourseIndexPage, ModulePage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(Page, WebinarPage)
        for index in (CourseIndexPage, WebinarIndexPage, PolicyIndexPage):
            self.assertCanCreateAt(HomePage, index)
        # One catalogue, one webinar list, one policy list.
        self.assertFalse(CourseIndexPage.can_create_at(self.home))
        self.assertFalse(WebinarIndexPage.can_create_at(self.home))
        self.assertFalse(PolicyIndexPage.can_create_at(self.home))

    def test_every_page_type_renders(self):
        for page in (
            self.catalogue,
            self.course,
            self.webinars,
            self.webinar,
            self.policies,
            self.article,
        ):
            self.assertPageIsRenderable(page)
        # Module pages are gated by the learning app; staff may read them.
        self.assertPageIsRenderable(self.module, user=self.user)

    def course_form_data(self, **fields):
        data = {
            "title": "Kursus Baru",
            "slug": "kursus-baru",
            "summary": "Ringkasan.",
            "learning_objectives": rich_text("<ul><li>Satu</li></ul>"),
            "competency_type": "teknis",
            "managerial_competency": "",
            "level": 2,
            "jp_credit": "4",
            "estimated_minutes": 90,
            "enrolment_mode": "open",
            "quiz_pass_mark": 70,
            "require_quiz_pass": "on",
            "tags": "Literasi digital",
        }
        data.update(fields)
        return nested_form_data(data)

    def test_course_previews_in_the_editor(self):
        self.assertPageIsPreviewable(
            self.course, post_data=self.course_form_data(slug=self.course.slug)
        )

    def test_other_pages_preview_in_the_editor(self):
        self.assertPageIsPreviewable(
            self.article,
            post_data=nested_form_data(
                {
                    "title": "Artikel",
                    "slug": self.article.slug,
                    "regulation_type": "pp",
                    "regulation_number": "11",
                    "regulation_year": 2017,
                    "regulation_title": "Manajemen PNS",
                    "regulation_status": "diubah",
                    "summary": "Ringkasan.",
                    "body": streamfield([]),
                }
            ),
        )

    def test_editor_can_create_a_course(self):
        self.assertCanCreate(self.catalogue, CoursePage, self.course_form_data())

    def test_editor_can_create_a_module_with_a_quiz(self):
        self.assertCanCreate(
            self.course,
            ModulePage,
            nested_form_data(
                {
                    "title": "Modul Baru",
                    "slug": "modul-baru",
                    "intro": "Pengantar.",
                    "body": streamfield(
                        [
                            ("heading", "Judul bagian"),
                            ("paragraph", rich_text("<p>Materi.</p>")),
                            (
                                "true_false",
                                {
                                    "question": rich_text("<p>Benar?</p>"),
                                    "explanation": rich_text("<p>Karena.</p>"),
                                    "points": 1,
                                    "correct_answer": "true",
                                },
                            ),
                        ]
                    ),
                    "estimated_minutes": 20,
                    "is_required": "on",
                    "quiz_max_attempts": 3,
                    "quiz_show_answers": "always",
                }
            ),
        )

    def test_editor_can_create_a_webinar(self):
        self.assertCanCreate(
            self.webinars,
            WebinarPage,
            nested_form_data(
                {
                    "title": "Webinar Baru",
                    "slug": "webinar-baru",
                    "start_at": "2030-01-10 09:00",
                    "end_at": "2030-01-10 11:00",
                    "description": rich_text("<p>Tentang.</p>"),
                    "speakers": streamfield([]),
                    "platform": "zoom",
                    "join_opens_minutes": 30,
                    "jp_credit": "2",
                    "materials": streamfield([]),
                }
            ),
        )

    def test_editor_can_create_a_policy_article(self):
        self.assertCanCreate(
            self.policies,
            PolicyArticlePage,
            nested_form_data(
                {
                    "title": "Artikel Baru",
                    "slug": "artikel-baru",
                    "regulation_type": "pp",
                    "regulation_number": "11",
                    "regulation_year": 2017,
                    "regulation_title": "Manajemen Pegawai Negeri Sipil",
                    "regulation_status": "diubah",
                    "summary": "Ringkasan.",
                    "body": streamfield([]),
                }
            ),
        )

    def test_revisions_and_scheduling_work(self):
        draft = CoursePageFactory(parent=self.catalogue, live=False)
        draft.title = "Judul Terjadwal"
        draft.go_live_at = timezone.now() + datetime.timedelta(days=1)
        revision = draft.save_revision(user=self.user)
        revision.publish()
        draft.refresh_from_db()
        self.assertFalse(draft.live)
        self.assertEqual(draft.scheduled_revision.pk, revision.pk)
        self.assertEqual(revision.as_object().title, "Judul Terjadwal")
        self.course.save_revision(user=self.user).publish()
        self.assertGreaterEqual(self.course.revisions.count(), 1)


def _preview(page, admin_user):
    """Preview as the admin does: the revision's object, not the live row."""
    from django.test import RequestFactory

    page.title = "Judul Pratinjau"
    revision = page.save_revision(user=admin_user)
    request = RequestFactory().get("/")
    request.user = admin_user
    response = revision.as_object().make_preview_request(request)
    response.render()
    assert response.status_code == 200
    assert "Judul Pratinjau" in response.content.decode()


@pytest.mark.parametrize("kind", ["course", "module", "webinar", "article"])
def test_pages_preview(indexes, admin_user, kind):
    course = CoursePageFactory(parent=indexes["courses"])
    page = {
        "course": lambda: course,
        "module": lambda: ModulePageFactory(parent=course),
        "webinar": lambda: WebinarPageFactory(parent=indexes["webinars"]),
        "article": lambda: PolicyArticlePageFactory(parent=indexes["policies"]),
    }[kind]()
    _preview(page, admin_user)
