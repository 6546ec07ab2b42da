"""Bad input gets a clear message in the user's language and writes nothing.

Covered elsewhere and not repeated here:
- unknown question ids: tests/learning/test_services.py
  (test_unknown_question_ids_change_nothing), and over HTTP below;
- answers for someone else's attempt: tests/security/test_object_access.py
  and tests/learning/test_services.py (test_someone_elses_attempt_is_refused);
- assignment deadline 2026-02-30 and past deadlines:
  tests/learning/test_assignments.py (test_bad_assignment_input_writes_nothing);
- manual JP entries (another instansi's NIP, 0 JP, future dates, a program
  renamed to .pdf): tests/learning/test_ledger.py;
- ASN import files (malformed, too many rows, forged dry runs):
  tests/people/test_import.py.
"""

import datetime
import io
import uuid
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.documents.models import Document
from wagtail.images.models import Image

from learning import services
from learning.models import JPLedgerEntry, ModuleProgress, QuizAnswer, QuizAttempt

from .conftest import PDF_BYTES

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def in_site_language(message):
    """A message as the site shows it (Indonesian, once translated)."""
    with translation.override("id"):
        return gettext(message)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def office_file(part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


# Uploads --------------------------------------------------------------------------


def upload_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize(
    "name,content",
    [
        ("materi.pdf", EXE_BYTES),
        ("materi.pdf", PNG_BYTES),
        ("video.mp4", PDF_BYTES),
        ("slide.pptx", office_file("word/document.xml")),
        ("laporan.docx", b"PK\x03\x04 not really a zip"),
        ("data.csv", b"nip,nama\n\x00\x01\x02binary"),
        ("data.txt", EXE_BYTES),
        ("arsip.zip", PDF_BYTES),
        ("program.exe", EXE_BYTES),
    ],
)
def test_mislabelled_documents_are_refused(world, name, content):
    client = client_for(world.users["trainer"])
    response = upload_document(client, name, content)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors, name
    assert not Document.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("materi.pdf", PDF_BYTES),
        ("video.mp4", MP4_BYTES),
        ("laporan.docx", office_file("word/document.xml")),
        ("tabel.xlsx", office_file("xl/workbook.xml")),
        ("data.csv", b"nip;nama\n199203152019032008;Siti Rahmawati\n"),
        ("arsip.zip", office_file("readme.txt")),
    ],
)
def test_genuine_documents_are_accepted(world, name, content):
    client = client_for(world.users["trainer"])
    response = upload_document(client, name, content)
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.filter(title=name).exists()


def test_the_mismatch_message_is_clear_and_in_the_site_language(world):
    response = upload_document(
        client_for(world.users["trainer"]), "materi.pdf", EXE_BYTES
    )
    expected = in_site_language(
        "The file's content does not match its extension (.%(extension)s). "
        "Upload the original file, not a renamed one."
    ) % {"extension": "pdf"}
    assert expected in response.content.decode().replace("&#x27;", "'")


def test_oversized_documents_and_images_are_refused(world, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client = client_for(world.users["trainer"])
    response = upload_document(client, "besar.pdf", PDF_BYTES + b"0" * 2048)
    assert response.status_code == 200 and response.context["form"].errors["file"]
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "besar",
            "file": SimpleUploadedFile("besar.png", PNG_BYTES + b"0" * 2048),
            "collection": 1,
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Document.objects.filter(title="besar.pdf").exists()
    assert not Image.objects.filter(title="besar").exists()


def test_the_multiple_upload_screen_checks_content_too(world):
    client = client_for(world.users["trainer"])
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("materi.pdf", EXE_BYTES)},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert (
        not Document.objects.exists()
        or not Document.objects.filter(file__endswith="materi.pdf").exists()
    )


@pytest.mark.parametrize(
    "name,content", [("foto.png", PDF_BYTES), ("foto.jpg", PNG_BYTES[:20])]
)
def test_mislabelled_images_are_refused(world, name, content):
    client = client_for(world.users["trainer"])
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.filter(title=name).exists()


# Quizzes ----------------------------------------------------------------------------


def answers_of(attempt):
    return dict(
        QuizAnswer.objects.filter(attempt=attempt).values_list("question_id", "value")
    )


def test_unknown_question_ids_over_http_write_nothing(world):
    siti = client_for(world.users["learner"])
    attempt = world.attempt
    before = answers_of(attempt)
    response = siti.post(
        f"/belajar/kuis/{attempt.pk}/",
        {"q-q-single": "o-s2", "q-bukan-soal": "x", "action": "save"},
        follow=True,
    )
    expected = in_site_language(
        "The answers do not belong to this quiz. Reload the page."
    )
    assert expected in response.content.decode().replace("&#x27;", "'")
    response = siti.post(f"/belajar/kuis/{attempt.pk}/simpan/", {"q-bukan-soal": "x"})
    assert response.status_code == 400 and response.json()["error"] == expected
    # An option id from no question, and a multiple-choice list for a
    # single-choice question, are refused as well.
    response = siti.post(f"/belajar/kuis/{attempt.pk}/simpan/", {"q-q-single": "o-x"})
    assert response.status_code == 400
    assert answers_of(attempt) == before
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_a_replay_after_the_time_limit_changes_nothing(world):
    """A timed attempt sent again after its time (plus grace) is graded with
    what was saved in time; new answers are ignored, with a message."""
    learner = world.users["learner"]
    module = world.quiz_module
    QuizAttempt.objects.filter(pk=world.attempt.pk).delete()
    module.quiz_time_limit_minutes = 5
    module.save_revision().publish()
    start = timezone.now() - datetime.timedelta(minutes=30)
    attempt, _ = services.start_attempt(learner, module, now=start)
    services.save_answers(
        learner,
        attempt.pk,
        {"q-single": "o-s2"},
        now=start + datetime.timedelta(minutes=1),
    )
    siti = client_for(learner)
    right = {"q-q-single": "o-s2", "q-q-multi": ["o-m1", "o-m3"], "q-q-tf": "true"}
    response = siti.post(f"/belajar/kuis/{attempt.pk}/simpan/", right)
    assert response.status_code == 409
    assert response.json()["error"] == in_site_language(
        "Time is up. The attempt was graded with the answers saved."
    )
    attempt.refresh_from_db()
    assert attempt.expired and attempt.submitted_at == attempt.deadline_at
    score = attempt.score
    for _ in range(2):  # the form sent again, twice
        response = siti.post(
            f"/belajar/kuis/{attempt.pk}/", {**right, "action": "submit"}
        )
        assert response.status_code == 302
        assert response["Location"].endswith(f"/belajar/kuis/{attempt.pk}/hasil/")
    attempt.refresh_from_db()
    assert attempt.score == score == Decimal("20.00")
    assert answers_of(attempt) == {"q-single": "o-s2"}


def test_progress_for_a_module_of_a_course_not_joined_is_refused(world):
    yohanes = world.users["other_learner"]
    response = client_for(yohanes).post(
        f"/belajar/modul/{world.plain_module.pk}/selesai/", follow=True
    )
    expected = in_site_language("Join the course first to study its modules.")
    assert expected in response.content.decode()
    assert not ModuleProgress.objects.filter(user=yohanes).exists()


@pytest.mark.parametrize(
    "ratings,comment",
    [
        ({"rating_material": "6"}, ""),
        ({"rating_material": "-1"}, ""),
        ({"rating_material": "tiga"}, ""),
        ({"rating_material": "99999999999999999999999"}, ""),
        ({}, "x" * 2001),
    ],
)
def test_bad_questionnaires_write_nothing(world, ratings, comment):
    siti = world.users["learner"]
    before = world.feedback.updated_at
    data = {
        "rating_material": "4",
        "rating_delivery": "4",
        "rating_practical": "4",
        "rating_overall": "4",
        **ratings,
        "comment": comment,
    }
    response = client_for(siti).post(
        f"/belajar/modul/{world.plain_module.pk}/kuesioner/", data, follow=True
    )
    assert response.status_code == 200
    world.feedback.refresh_from_db()
    assert world.feedback.updated_at == before
    assert world.feedback.comment == "Materinya jelas."


# Impossible dates ------------------------------------------------------------------


def test_impossible_dates_in_the_manual_jp_form_write_nothing(world):
    admin = client_for(world.users["admin_instansi"])
    count = JPLedgerEntry.objects.count()
    for date in ("2026-02-30", "2025-13-01", "2025-12-32", "kemarin", "0000-00-00"):
        response = admin.post(
            reverse("jp_ledger:add"),
            {
                "nip": world.users["learner"].nip,
                "title": "Bimtek SIASN",
                "path": "klasikal",
                "form": "bimtek",
                "jp": "4",
                "earned_on": date,
                "note": "Bimtek BKN.",
                "evidence_file": SimpleUploadedFile("bukti.pdf", PDF_BYTES),
                "source_id": str(uuid.uuid4()),
            },
        )
        assert response.status_code == 200, date
        assert response.context["form"].errors["earned_on"], date
    assert JPLedgerEntry.objects.count() == count


def test_impossible_assignment_deadlines_write_nothing(world):
    from learning.models import Assignment

    admin = client_for(world.users["admin_instansi"])
    count = Assignment.objects.count()
    for date in ("2026-02-30", "2026-04-31", "9999-99-99"):
        response = admin.post(
            reverse("assignments:add"),
            {
                "course": world.course.pk,
                "target": "people",
                "nips": world.users["learner"].nip,
                "reason": "Wajib",
                "deadline": date,
            },
        )
        assert response.status_code == 200, date
        assert response.context["form"].errors["deadline"], date
    assert Assignment.objects.count() == count


def test_nul_characters_in_learner_text_are_dropped_not_a_server_error(world):
    """PostgreSQL refuses NUL in text: a pasted one must not cost a 500."""
    siti = Client(raise_request_exception=False)
    siti.force_login(world.users["learner"])
    response = siti.post(
        f"/belajar/modul/{world.plain_module.pk}/kuesioner/",
        {
            "rating_material": "4",
            "rating_delivery": "4",
            "rating_practical": "4",
            "rating_overall": "4",
            "comment": "Bagus\x00 sekali",
        },
    )
    assert response.status_code == 302
    world.feedback.refresh_from_db()
    assert world.feedback.comment == "Bagus sekali"
    response = siti.post(
        f"/belajar/kuis/{world.attempt.pk}/simpan/", {"q-q-text": "jam\x00 pelajaran"}
    )
    assert response.status_code == 200
    assert answers_of(world.attempt)["q-text"] == "jam pelajaran"
    assert siti.get("/search/?query=etika%00").status_code == 200
