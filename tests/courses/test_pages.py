"""Make sure every authored page renders what a learner needs, and cheaply."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.ics import escape_text, fold
from courses.models import CoursePage

from .factories import (
    CoursePageFactory,
    ModulePageFactory,
    PolicyArticlePageFactory,
    WebinarPageFactory,
    module_body,
)

# Pinned query counts. Every page is requested once before counting, so
# renditions exist and Wagtail's site root paths are cached, as on a running
# site. The learner panels come from the learning app; their queries are
# part of the count and named as such.

# Course page, anonymous visitor:
#   1 site for the request; routing: 2 home page (specific),
#   3 catalogue by slug, 4 catalogue (specific), 5 course by slug,
#   6 course (specific)
#   7 ancestors' ids, 8 their view restrictions (Wagtail's serve)
#   9 live modules, with body for the question count
#  10 view restrictions (public() of the prerequisites)
#  11 prerequisites  12 trainers  13 tags
#  14 cover image    15 its renditions
#  16 learning's course panel: the module list
COURSE_PAGE_QUERIES = 16

# Module page, staff member not enrolled (learning lets staff read):
#   1 site; 2-8 routing: home, catalogue, course, module (slug, specific)
#   9 session  10 user
#  11-12 learning's gate (before_serve_page): the course, the enrolment
#  13 ancestors' ids  14 their view restrictions (Wagtail's serve)
#  15 the course for the breadcrumb
#  16 images of all image blocks  17 their renditions
#  18-19 user and group permissions (Wagtail's user bar for staff)
#  20-21 learning's module panel and quiz: the enrolment, the module list
MODULE_PAGE_QUERIES = 21

# Catalogue page (12 a page), anonymous visitor:
#   1 site; 2-4 routing: home (specific), catalogue by slug, catalogue
#   5 ancestors' ids  6 their view restrictions (Wagtail's serve)
#   7 view restrictions (public() of the courses)
#   8 topics in use, for the tag filter
#   9 count  10 the page of courses
#  11 their tagged items  12 the tags  13 cover images  14 their renditions
CATALOGUE_QUERIES = 14


def captured(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), response


def course_with_modules(catalogue, count, image, **fields):
    course = CoursePageFactory(parent=catalogue, cover_image=image, **fields)
    for _ in range(count):
        ModulePageFactory(parent=course, body=module_body(image=image))
    return course


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password="x", is_staff=True, full_name="Editor Uji"
    )


# Query counts ------------------------------------------------------------


def test_course_page_query_count_does_not_grow_with_modules(client, catalogue, image):
    small = course_with_modules(catalogue, 3, image)
    large = course_with_modules(catalogue, 30, image)
    for course in (small, large):
        client.get(course.url)
    small_count, _ = captured(client, small.url)
    large_count, response = captured(client, large.url)
    assert small_count == large_count == COURSE_PAGE_QUERIES
    assert response.content.decode().count('class="meta">20 ') == 30


def test_module_page_query_count_does_not_grow_with_modules(
    client, catalogue, image, staff
):
    client.force_login(staff)
    small = course_with_modules(catalogue, 3, image)
    large = course_with_modules(catalogue, 30, image)
    urls = [small.get_children().first().url, large.get_children().last().url]
    for url in urls:
        client.get(url)
    counts = [captured(client, url)[0] for url in urls]
    assert counts[0] == counts[1] == MODULE_PAGE_QUERIES


def test_catalogue_query_count_does_not_grow_with_courses(client, indexes, image):
    catalogue = indexes["courses"]
    for _ in range(3):
        course = CoursePageFactory(parent=catalogue, cover_image=image)
        course.tags.add("Satu")
        course.save()
    client.get(catalogue.url)
    few, _ = captured(client, catalogue.url)
    for n in range(27):
        course = CoursePageFactory(parent=catalogue, cover_image=image)
        course.tags.add("Satu", f"Topik {n}")
        course.save()
    client.get(catalogue.url)
    many, response = captured(client, catalogue.url)
    assert few == many == CATALOGUE_QUERIES
    assert response.content.decode().count('class="card"') == 12


# Rendering ---------------------------------------------------------------


def test_course_page_shows_details_modules_and_links(client, catalogue, image):
    from django.contrib.auth import get_user_model

    trainer = get_user_model().objects.create_user(
        username="t1", full_name="Maria Ndun", title_prefix="Dra."
    )
    first = CoursePageFactory(parent=catalogue, title="Dasar Integritas")
    course = CoursePageFactory(
        parent=catalogue,
        cover_image=image,
        target_jabatan="Pengawas",
        enrolment_mode=CoursePage.EnrolmentMode.ASSIGNED,
    )
    course.prerequisites = [first]
    course.trainers = [trainer]
    course.tags.add("Kepemimpinan")
    course.save_revision().publish()
    ModulePageFactory(parent=course, title="Modul Wajib")
    ModulePageFactory(
        parent=course,
        title="Modul Pilihan",
        is_required=False,
        body=module_body(questions=False),
    )
    html = client.get(course.url).content.decode()
    assert "Dasar Integritas" in html and first.url in html
    assert "Dra. Maria Ndun" in html
    assert "Pengawas" in html
    assert 'href="/tag/kepemimpinan/"' in html
    assert "Modul Wajib" in html and "Modul Pilihan" in html
    assert "4 soal" in html or "4 questions" in html
    assert 'srcset="' in html and ".webp 720w" in html


def test_module_page_renders_content_but_never_answers(client, catalogue, image, staff):
    course = CoursePageFactory(parent=catalogue)
    module = ModulePageFactory(parent=course, body=module_body(image=image))
    client.force_login(staff)
    html = client.get(module.url).content.decode()
    assert "Isi materi modul." in html
    assert 'class="callout callout-tip"' in html
    assert 'loading="lazy"' in html and 'alt="Diagram"' in html
    assert "<figcaption>Alur</figcaption>" in html
    assert f'href="{course.url}"' in html  # breadcrumb
    for secret in ("RAHASIA-PENJELASAN", "20 JP-BENAR", "JAWABAN-RAHASIA", "correct"):
        assert secret not in html


def test_video_block_never_loads_by_itself(catalogue, image):
    from django.core.files.base import ContentFile
    from django.template.loader import render_to_string
    from wagtail.documents import get_document_model

    from courses.blocks import VideoBlock

    video = get_document_model().objects.create(
        title="Video", file=ContentFile(b"00", name="materi.mp4")
    )
    block = VideoBlock()
    value = block.to_python(
        {
            "title": "Materi",
            "video_file": video.pk,
            "poster": image.pk,
            "transcript": "<p>Isi transkrip</p>",
            "duration_minutes": 5,
        }
    )
    html = block.render(value)
    assert 'preload="none"' in html and "autoplay" not in html
    assert f'src="{video.url}"' in html and 'type="video/mp4"' in html
    assert "poster=" in html
    assert "<details" in html and "Isi transkrip" in html
    assert "download" in html
    embed = block.to_python(
        {"title": "Di YouTube", "embed": "https://www.youtube.com/watch?v=abc"}
    )
    html = block.render(embed)
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=abc"' in html
    assert "YouTube" in html
    assert render_to_string("blocks/question_block.html", {"value": {}}).strip() == ""


def test_webinar_times_follow_the_viewer_zone(client, indexes, django_user_model):
    start = datetime.datetime(2030, 3, 4, 2, 0, tzinfo=datetime.UTC)  # 09.00 WIB
    webinar = WebinarPageFactory(
        parent=indexes["webinars"],
        start_at=start,
        end_at=start + datetime.timedelta(hours=2),
        capacity=150,
    )
    html = client.get(webinar.url).content.decode()
    assert "09.00–11.00 WIB" in html
    assert "10.00&nbsp;WITA" in html and "11.00&nbsp;WIT" in html
    assert "rahasia-gabung" not in html  # the join link is learning's
    assert "150" in html
    papuan = django_user_model.objects.create_user(
        username="papua", time_zone="Asia/Jayapura"
    )
    client.force_login(papuan)
    html = client.get(webinar.url).content.decode()
    assert "11.00–13.00 WIT" in html
    assert f'href="{webinar.url}ics/"' in html


def test_recording_is_shown_only_after_the_webinar(client, indexes):
    past_start = timezone.now() - datetime.timedelta(days=2)
    past = WebinarPageFactory(
        parent=indexes["webinars"],
        start_at=past_start,
        end_at=past_start + datetime.timedelta(hours=1),
        recording_url="https://video.example.org/rekaman",
    )
    upcoming = WebinarPageFactory(
        parent=indexes["webinars"], recording_url="https://video.example.org/nanti"
    )
    assert "video.example.org/rekaman" in client.get(past.url).content.decode()
    assert "video.example.org/nanti" not in client.get(upcoming.url).content.decode()


def test_webinar_index_lists_upcoming_then_past(client, indexes):
    now = timezone.now()
    for days, title in (
        (9, "Nanti Jauh"),
        (2, "Segera"),
        (-3, "Kemarin"),
        (-30, "Lama"),
    ):
        start = now + datetime.timedelta(days=days)
        WebinarPageFactory(
            parent=indexes["webinars"],
            title=title,
            start_at=start,
            end_at=start + datetime.timedelta(hours=1),
        )
    html = client.get(indexes["webinars"].url).content.decode()
    order = [html.index(t) for t in ("Segera", "Nanti Jauh", "Kemarin", "Lama")]
    assert order == sorted(order)


def test_ics_file_is_valid_icalendar(client, indexes):
    start = datetime.datetime(2030, 3, 4, 2, 0, tzinfo=datetime.UTC)
    webinar = WebinarPageFactory(
        parent=indexes["webinars"],
        title="Rapat; koordinasi, JP",
        start_at=start,
        end_at=start + datetime.timedelta(minutes=90),
        description="<p>Baris satu</p><p>" + "panjang " * 20 + "</p>",
    )
    response = client.get(webinar.url + "ics/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="{webinar.slug}.ics"' in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "DTSTART:20300304T020000Z" in unfolded
    assert "DTEND:20300304T033000Z" in unfolded
    assert f"UID:webinar-{webinar.pk}@testserver" in unfolded
    assert "SUMMARY:Rapat\\; koordinasi\\, JP" in unfolded
    assert f"URL:http://localhost{webinar.url}" in unfolded  # the site's address
    assert "rahasia-gabung" not in unfolded


def test_ics_helpers_escape_and_fold():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "é" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 80


def test_policy_article_shows_citation_status_and_related(client, indexes):
    course = CoursePageFactory(parent=indexes["courses"], title="Kursus Terkait")
    article = PolicyArticlePageFactory(
        parent=indexes["policies"],
        regulation_status="dicabut",
        regulation_number="5",
        regulation_year=2014,
    )
    article.related_courses = [course]
    article.tags.add("Manajemen ASN")
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "UU Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara" in html
    assert "badge-danger" in html
    assert "Kursus Terkait" in html
    assert 'href="/tag/manajemen-asn/"' in html


def test_policy_index_filters_ignore_bad_values(client, indexes):
    PolicyArticlePageFactory(parent=indexes["policies"], title="Undang Undang A")
    PolicyArticlePageFactory(
        parent=indexes["policies"],
        title="Peraturan Pemerintah B",
        regulation_type="pp",
        regulation_year=2017,
        regulation_status="diubah",
    )
    url = indexes["policies"].url
    html = client.get(url, {"type": "pp"}).content.decode()
    assert "Peraturan Pemerintah B" in html and "Undang Undang A" not in html
    html = client.get(url, {"year": "2023", "status": "berlaku"}).content.decode()
    assert "Undang Undang A" in html and "Peraturan Pemerintah B" not in html
    response = client.get(url, {"type": "<x>", "year": "abc", "status": 1, "page": "z"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Undang Undang A" in html and "Peraturan Pemerintah B" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Teknis Satu", "Manajerial Dua", "Sosial Tiga"}),
        ({"competency": "manajerial"}, {"Manajerial Dua"}),
        ({"level": "3"}, {"Sosial Tiga"}),
        ({"tag": "digital"}, {"Teknis Satu"}),
        ({"jp_min": "5"}, {"Manajerial Dua", "Sosial Tiga"}),
        ({"jp_min": "5", "jp_max": "7"}, {"Manajerial Dua"}),
        ({"q": "integritas"}, {"Manajerial Dua"}),
        # Garbage is ignored, never a 500.
        (
            {
                "competency": "x",
                "level": "abc",
                "tag": "nope",
                "jp_min": "1e999",
                "jp_max": "-",
                "page": "9999",
            },
            {"Teknis Satu", "Manajerial Dua", "Sosial Tiga"},
        ),
        ({"level": ["1", "2"], "jp_min": "NaN", "page": "-1"}, None),
    ],
)
def test_catalogue_filters(client, catalogue, params, expected):
    from decimal import Decimal

    one = CoursePageFactory(parent=catalogue, title="Teknis Satu", jp_credit=Decimal(2))
    one.tags.add("Digital")
    one.save()
    CoursePageFactory(
        parent=catalogue,
        title="Manajerial Dua",
        competency_type="manajerial",
        managerial_competency="integritas",
        summary="Integritas dalam pelayanan.",
        jp_credit=Decimal(6),
    )
    CoursePageFactory(
        parent=catalogue,
        title="Sosial Tiga",
        competency_type="sosial_kultural",
        level=3,
        jp_credit=Decimal(8),
    )
    CoursePageFactory(parent=catalogue, title="Draf Tersembunyi", live=False)
    response = client.get(catalogue.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draf Tersembunyi" not in html
    if expected is not None:
        shown = {
            t for t in ("Teknis Satu", "Manajerial Dua", "Sosial Tiga") if t in html
        }
        assert shown == expected


def test_catalogue_paginates_twelve_a_page(client, catalogue):
    for n in range(14):
        CoursePageFactory(parent=catalogue, title=f"Kursus {n:02d}")
    first = client.get(catalogue.url).content.decode()
    second = client.get(catalogue.url, {"page": 2}).content.decode()
    assert first.count('class="card"') == 12 and second.count('class="card"') == 2
    assert 'rel="next"' in first and "?page=2" in first


def test_tag_page_groups_content_by_type(client, indexes):
    course = CoursePageFactory(parent=indexes["courses"], title="Kursus Bertag")
    webinar = WebinarPageFactory(parent=indexes["webinars"], title="Webinar Bertag")
    article = PolicyArticlePageFactory(
        parent=indexes["policies"], title="Artikel Bertag"
    )
    hidden = CoursePageFactory(
        parent=indexes["courses"], title="Draf Bertag", live=False
    )
    for page in (course, webinar, article, hidden):
        page.tags.add("Pelayanan Publik")
        page.save()
    CoursePageFactory(parent=indexes["courses"], title="Kursus Lain")
    response = client.get("/tag/pelayanan-publik/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = [
        html.index(t) for t in ("Kursus Bertag", "Webinar Bertag", "Artikel Bertag")
    ]
    assert positions == sorted(positions)
    assert "Draf Bertag" not in html and "Kursus Lain" not in html
    assert client.get("/tag/tidak-ada/").status_code == 404


def test_search_groups_results_by_type(client, indexes):
    course = CoursePageFactory(
        parent=indexes["courses"],
        title="Kursus Gratifikasi",
        summary="Tentang gratifikasi.",
    )
    ModulePageFactory(parent=course, title="Modul Gratifikasi")
    WebinarPageFactory(parent=indexes["webinars"], title="Webinar Gratifikasi")
    PolicyArticlePageFactory(
        parent=indexes["policies"],
        title="Aturan Gratifikasi",
        regulation_number="31",
        regulation_year=1999,
    )
    html = client.get("/search/", {"query": "gratifikasi"}).content.decode()
    headings = [
        html.index(f'id="group-{key}"')
        for key in ("course", "module", "webinar", "policy")
    ]
    assert headings == sorted(headings)
    assert "Kursus Gratifikasi" in html and "Modul Gratifikasi" in html
    html = client.get(
        "/search/", {"query": "gratifikasi", "type": "webinar"}
    ).content.decode()
    assert "Webinar Gratifikasi" in html and "Kursus Gratifikasi" not in html
    html = client.get("/search/", {"query": "UU 31/1999"}).content.decode()
    assert "Aturan Gratifikasi" in html
    response = client.get(
        "/search/", {"query": "gratifikasi", "type": "zz", "page": "x"}
    )
    assert response.status_code == 200


def test_home_page_lists_new_courses_webinars_and_policies(client, indexes, image):
    for n in range(8):
        CoursePageFactory(
            parent=indexes["courses"], title=f"Kursus Beranda {n}", cover_image=image
        )
    WebinarPageFactory(parent=indexes["webinars"], title="Webinar Mendatang")
    PolicyArticlePageFactory(parent=indexes["policies"], title="Artikel Baru")
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        html = client.get("/").content.decode()
    assert html.count("Kursus Beranda") == 6
    assert "Webinar Mendatang" in html and "Artikel Baru" in html
    for n in range(8, 12):
        CoursePageFactory(
            parent=indexes["courses"], title=f"Kursus Beranda {n}", cover_image=image
        )
    client.get("/")
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(few.captured_queries) == len(many.captured_queries)


@pytest.mark.parametrize("factory", ["course", "module", "webinar", "policy"])
def test_unpublished_pages_are_not_served(client, indexes, factory):
    course = CoursePageFactory(parent=indexes["courses"], live=factory != "course")
    page = {
        "course": lambda: course,
        "module": lambda: ModulePageFactory(parent=course, live=False),
        "webinar": lambda: WebinarPageFactory(parent=indexes["webinars"], live=False),
        "policy": lambda: PolicyArticlePageFactory(
            parent=indexes["policies"], live=False
        ),
    }[factory]()
    assert client.get(page.url or f"/{page.slug}/").status_code == 404
