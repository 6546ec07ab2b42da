"""The installable web app: manifest, service worker, offline page, and the
hooks the pages give static/js/offline.js."""

import re

import pytest
from django.templatetags.static import static
from django.urls import reverse

from learning import services
from tests import builders


def test_manifest_names_the_app_in_indonesian(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["name"] == "Belajar ASN"
    assert data["lang"] == "id"
    assert data["start_url"] == "/belajar/"
    assert data["display"] == "standalone"
    assert data["theme_color"] == "#0b5d4b"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert icon["src"] == static(f"img/icons/icon-{icon['sizes'][:3]}.png")
    assert "max-age=86400" in response["Cache-Control"]


def test_icons_are_pngs_of_their_size():
    from pathlib import Path

    from PIL import Image

    root = Path(__file__).resolve().parents[2] / "static" / "img" / "icons"
    for size in (192, 512):
        with Image.open(root / f"icon-{size}.png") as image:
            assert image.format == "PNG" and image.size == (size, size)


def test_service_worker_is_served_at_the_root_with_a_version(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    version = re.search(r'var VERSION = "([0-9a-f]{12})"', body).group(1)
    assert response["ETag"] == f'"{version}"'
    assert static("css/lms.css") in body and static("js/offline.js") in body
    assert '"/luring/"' in body
    # Asking again with the ETag costs a 304 without a body.
    again = client.get("/sw.js", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and not again.content


def test_service_worker_version_follows_its_source(settings):
    from home import views

    settings.DEBUG = True
    first = views.service_worker_version()
    assert first == views.service_worker_version()
    settings.STATIC_URL = "/static-v2/"
    assert views.service_worker_version() != first


def test_offline_page_names_nobody(client, demo_people):
    client.force_login(demo_people["siti"])
    response = client.get("/luring/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "saved-courses" in html
    assert demo_people["siti"].get_short_name() not in html
    assert "csrfmiddlewaretoken" not in html
    assert "Cookie" not in response.get("Vary", "")


def test_pages_link_the_manifest_and_the_offline_script(client, demo_people):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-sw="/sw.js"' in html and "data-user" not in html
    assert "<script>" not in html and "onclick" not in html
    client.force_login(demo_people["siti"])
    html = client.get("/").content.decode()
    assert f'data-user="{demo_people["siti"].pk}"' in html


@pytest.fixture
def enrolled_course(client, demo_people):
    course = builders.course(2, quiz_in=(1,))
    services.enrol(demo_people["siti"], course)
    client.force_login(demo_people["siti"])
    return course


def test_course_page_offers_saving_for_offline_to_enrolled_learners(
    client, demo_people, enrolled_course
):
    html = client.get(enrolled_course.url).content.decode()
    assert 'class="offline-save" hidden' in html
    assert reverse("learning:offline_course", args=[enrolled_course.pk]) in html
    client.force_login(demo_people["yohanes"])
    assert "offline-save" not in client.get(enrolled_course.url).content.decode()


def test_module_forms_carry_what_offline_js_needs(client, enrolled_course):
    first, quiz_module = builders.modules_of(enrolled_course)
    html = client.get(first.url).content.decode()
    assert f'data-offline-kind="complete" data-module="{first.pk}"' in html
    assert f'data-offline-kind="feedback" data-module="{first.pk}"' in html
    assert 'class="offline-status" hidden' in html
    html = client.get(quiz_module.url).content.decode()
    offline_quiz = reverse("learning:offline_quiz", args=[quiz_module.pk])
    assert f'data-offline-url="{offline_quiz}"' in html


def test_pages_and_json_are_gzipped_but_not_images(client, demo_people):
    response = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    client.force_login(demo_people["siti"])
    response = client.get("/sw.js", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    etag = response["ETag"]
    assert etag.startswith('W/"')
    again = client.get("/sw.js", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_media_files_are_not_gzipped(client, db, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("images/plain.png", ContentFile(b"\x89PNG" * 200))
    response = client.get(f"/media/{name}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
