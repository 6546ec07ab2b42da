"""Who changed a learning record, when and what: every staff change is a
Wagtail log entry in the Site history. A learner downloads their own data;
an administrator anonymises a departed ASN without changing any figure.

The bulk ASN import has its own test of its log entry
(tests/people/test_import.py::test_the_import_shows_in_the_site_history).
"""

import datetime
import io
import json
import uuid
import zipfile
from decimal import Decimal

import pytest
from axes.models import AccessAttempt
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Avg, Count, Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from learning import privacy, webinars
from learning.models import (
    Assignment,
    Certificate,
    Enrolment,
    JPLedgerEntry,
    ModuleFeedback,
    QuizAttempt,
    WebinarRegistration,
)
from people.demo import DEMO_PASSWORD
from people.models import User

from .conftest import PDF_BYTES, build_webinar


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def entries_for(model, action):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model), action=action
    )


# Staff changes are logged ---------------------------------------------------------


def test_every_staff_change_to_learning_records_is_in_the_site_history(world):
    admin = client_for(world.users["admin_instansi"])
    siti = world.users["learner"]
    started = timezone.now()

    # A manual JP entry.
    response = admin.post(
        reverse("jp_ledger:add"),
        {
            "nip": siti.nip,
            "title": "Bimtek SIASN",
            "path": "klasikal",
            "form": "bimtek",
            "jp": "4",
            "earned_on": (
                timezone.localdate() - datetime.timedelta(days=3)
            ).isoformat(),
            "note": "Bimtek BKN.",
            "evidence_file": SimpleUploadedFile("bukti.pdf", PDF_BYTES),
            "source_id": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    manual = JPLedgerEntry.objects.get(title="Bimtek SIASN")

    # An assignment, and a later change of its deadline.
    response = admin.post(
        reverse("assignments:add"),
        {
            "course": world.done_course.pk,
            "target": "people",
            "nips": siti.nip,
            "reason": "Wajib bidang",
            "deadline": (
                timezone.localdate() + datetime.timedelta(days=20)
            ).isoformat(),
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(reason="Wajib bidang")
    response = admin.post(
        reverse("assignments:edit", args=[assignment.pk]),
        {
            "reason": "Wajib bidang",
            "deadline": (
                timezone.localdate() + datetime.timedelta(days=40)
            ).isoformat(),
        },
    )
    assert response.status_code == 302

    # Revoking and re-issuing a certificate.
    certificate = world.certificate
    response = admin.post(
        reverse("certificates_admin:revoke", args=[certificate.pk]),
        {"reason": "Nama salah ketik"},
    )
    assert response.status_code == 302
    response = admin.post(reverse("certificates_admin:reissue", args=[certificate.pk]))
    assert response.status_code == 302
    new_certificate = Certificate.objects.get(replaces=certificate)

    # Attendance recorded by the trainer.
    running = build_webinar(
        trainers=[world.users["trainer"]],
        title="Webinar Kini",
        start=timezone.now() - datetime.timedelta(minutes=10),
    )
    webinars.register_for_webinar(siti, running, now=running.start_at)
    response = client_for(world.users["trainer"]).post(
        reverse("learning:webinars:attendance", args=[running.pk]),
        {"present": [siti.pk]},
    )
    assert response.status_code == 302

    # A superuser deletes a ledger entry.
    response = client_for(world.users["superuser"]).post(
        reverse("jp_ledger:delete", args=[manual.pk])
    )
    assert response.status_code == 302

    expected = [
        (JPLedgerEntry, "wagtail.create", world.users["admin_instansi"]),
        (Assignment, "wagtail.create", world.users["admin_instansi"]),
        (Assignment, "wagtail.edit", world.users["admin_instansi"]),
        (Certificate, "lms.certificate.revoke", world.users["admin_instansi"]),
        (Certificate, "lms.certificate.reissue", world.users["admin_instansi"]),
        (JPLedgerEntry, "wagtail.delete", world.users["superuser"]),
    ]
    for model, action, user in expected:
        entry = entries_for(model, action).filter(timestamp__gte=started).get()
        assert entry.user_id == user.pk, (model, action)
        assert entry.timestamp >= started
    revoke = entries_for(Certificate, "lms.certificate.revoke").get()
    assert revoke.data["reason"] == "Nama salah ketik"
    assert revoke.object_id == str(certificate.pk)
    assert entries_for(Certificate, "lms.certificate.reissue").get().object_id == (
        str(new_certificate.pk)
    )
    attendance = PageLogEntry.objects.get(page=running, action="lms.webinar.attendance")
    assert attendance.user == world.users["trainer"]
    assert attendance.data["marked"] == [siti.pk]

    # All of it in the superuser's Site history, newest first, with who did it.
    history = client_for(world.users["superuser"]).get("/admin/reports/site-history/")
    assert history.status_code == 200
    html = history.content.decode()
    labels = ("Bimtek SIASN", str(assignment), certificate.number, "Webinar Kini")
    for label in labels:
        assert label in html, label
    assert "Yosef Manek" in html and "Maria Goreti Ndun" in html
    # ... and filtered to one kind of record.
    ledger_type = ContentType.objects.get_for_model(JPLedgerEntry)
    filtered = client_for(world.users["superuser"]).get(
        f"/admin/reports/site-history/?object_type={ledger_type.pk}"
    )
    text = filtered.content.decode()
    assert "Bimtek SIASN" in text and str(assignment) not in text


def test_only_superusers_read_the_site_history(world):
    for role in ("admin_instansi", "other_admin", "supervisor", "trainer"):
        response = client_for(world.users[role]).get("/admin/reports/site-history/")
        assert response.status_code in (302, 403), role
        assert "Siti" not in response.content.decode()
        home = client_for(world.users[role]).get("/admin/").content.decode()
        assert "/admin/reports/site-history/" not in home, role


# Data export ----------------------------------------------------------------------


def test_a_learner_downloads_all_of_their_own_data(world):
    siti = world.users["learner"]
    response = client_for(siti).get("/akun/profil/data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert (
        "no-cache" in response["Cache-Control"]
        or "no-store" in (response["Cache-Control"])
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["profile"]["nip"] == siti.nip
    assert data["profile"]["email"] == siti.email
    courses = {e["course"] for e in data["enrolments"]}
    assert courses == {"Etika ASN", "Dasar JP"}
    assert len(data["module_progress"]) == 1
    assert len(data["quiz_attempts"]) == 2
    submitted = next(a for a in data["quiz_attempts"] if a["submitted_at"])
    assert len(submitted["answers"]) == 4
    assert submitted["answers"][0]["answer"]
    assert data["questionnaires"][0]["comment"] == "Materinya jelas."
    assert {e["activity"] for e in data["jp_ledger"]} == {"Diklat PIM IV", "Dasar JP"}
    assert data["certificates"][0]["number"] == world.certificate.number
    assert data["webinar_registrations"][0]["webinar"] == "Webinar Etika"
    # The certificate PDF is in the archive; the answer key of the quiz is not.
    names = archive.namelist()
    assert any(n.startswith("sertifikat/") and n.endswith(".pdf") for n in names)
    assert archive.read(next(n for n in names if n.endswith(".pdf"))).startswith(
        b"%PDF"
    )
    assert "accepted" not in json.dumps(data)  # the short answers' key
    # The profile page links to it.
    assert (
        "/akun/profil/data/" in client_for(siti).get("/akun/profil/").content.decode()
    )


def test_the_data_download_is_get_only_and_needs_a_login(world):
    assert Client().get("/akun/profil/data/").status_code == 302
    siti = client_for(world.users["learner"])
    assert siti.post("/akun/profil/data/").status_code == 405


# Anonymisation ----------------------------------------------------------------------


def unit_figures(unit):
    """What reports count for one unit, computed from the learning records."""
    records = {"user__unit_kerja": unit}
    return {
        "enrolments": Enrolment.objects.filter(**records).count(),
        "completed": Enrolment.objects.filter(
            **records, completed_at__isnull=False
        ).count(),
        "jp": JPLedgerEntry.objects.filter(**records).aggregate(s=Sum("jp"))["s"],
        "jp_by_path": list(
            JPLedgerEntry.objects.filter(**records)
            .values("path")
            .annotate(s=Sum("jp"))
            .order_by("path")
        ),
        "attempts": QuizAttempt.objects.filter(**records).aggregate(
            n=Count("pk"), avg=Avg("score")
        ),
        "feedback": ModuleFeedback.objects.filter(**records).aggregate(
            n=Count("pk"), avg=Avg("rating_overall")
        ),
        "certificates": Certificate.objects.filter(**records).count(),
        "registrations": WebinarRegistration.objects.filter(**records).count(),
        "people": User.objects.filter(unit_kerja=unit).count(),
    }


def test_anonymising_a_departed_asn_keeps_every_figure(world):
    siti = world.users["learner"]
    before = unit_figures(world.unit)
    assert before["jp"] == Decimal("12")
    evidence_name = world.ledger_entry.evidence_file.name
    assert default_storage.exists(evidence_name)
    # Her open session and a failed login are on record.
    device = Client()
    assert (
        device.post(
            "/akun/masuk/", {"username": siti.nip, "password": DEMO_PASSWORD}
        ).status_code
        == 302
    )
    Client().post("/akun/masuk/", {"username": siti.nip, "password": "salah"})
    assert AccessAttempt.objects.filter(username="siti").exists()

    admin = client_for(world.users["admin_instansi"])
    url = reverse("lms_anonymise_user", args=[siti.pk])
    page = admin.get(url)
    assert page.status_code == 200 and "Siti Rahmawati" in page.content.decode()
    response = admin.post(url)
    assert response.status_code == 302

    assert unit_figures(world.unit) == before
    person = User.objects.get(pk=siti.pk)
    placeholder = f"ASN anonim #{siti.pk}"
    assert person.full_name == placeholder and person.display_name == placeholder
    assert person.nip is None and person.email == "" and person.phone == ""
    assert person.username == f"anonim-{siti.pk}" and person.jabatan == ""
    assert not person.is_active and not person.has_usable_password()
    # Kept for the figures: instansi, unit, status, jabatan type, golongan.
    assert person.unit_kerja == world.unit and person.employment_status == "PNS"
    certificate = Certificate.objects.get(pk=world.certificate.pk)
    assert certificate.holder_name == placeholder and certificate.holder_nip == ""
    assert certificate.is_valid and certificate.jp == world.certificate.jp
    entry = JPLedgerEntry.objects.get(pk=world.ledger_entry.pk)
    assert not entry.evidence_file and not default_storage.exists(evidence_name)
    assert not AccessAttempt.objects.filter(username="siti").exists()
    # Her session has ended; nobody can log in as her.
    assert device.get("/belajar/").status_code == 302
    for identifier in (siti.nip, siti.email, "siti"):
        response = Client(REMOTE_ADDR="10.9.0.1").post(
            "/akun/masuk/", {"username": identifier, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, identifier
    # The certificate page shows no name any more.
    html = Client().get(f"/sertifikat/{certificate.code}/").content.decode()
    assert "Siti" not in html and placeholder in html
    # Logged with who did it; the old name is nowhere in the log.
    entry = entries_for(User, privacy.ANONYMISE_ACTION).get()
    assert entry.user == world.users["admin_instansi"]
    assert entry.object_id == str(siti.pk)
    assert entry.data["jp_entries_kept"] == 2
    assert not ModelLogEntry.objects.filter(label__icontains="Siti").exists()
    assert "Siti" not in json.dumps(list(ModelLogEntry.objects.values("data")))


def test_only_superusers_and_the_persons_admin_instansi_anonymise(world):
    siti = world.users["learner"]
    url = reverse("lms_anonymise_user", args=[siti.pk])
    for role in ("other_admin", "supervisor", "trainer", "other_learner"):
        response = client_for(world.users[role]).post(url)
        assert response.status_code in (302, 403, 404), role
    assert User.objects.get(pk=siti.pk).full_name == "Siti Rahmawati"
    # Not oneself, and an Admin instansi not another administrator.
    with pytest.raises(PermissionDenied):
        privacy.anonymise_person(siti, by=siti)
    with pytest.raises(PermissionDenied):
        privacy.anonymise_person(
            world.users["trainer"], by=world.users["admin_instansi"]
        )
    # A superuser may anonymise anyone else.
    privacy.anonymise_person(world.users["other_learner"], by=world.users["superuser"])
    assert not User.objects.get(pk=world.users["other_learner"].pk).is_active


def test_the_user_listing_offers_anonymise_to_those_who_may(world):
    url = reverse("lms_anonymise_user", args=[world.users["learner"].pk])
    html = client_for(world.users["admin_instansi"]).get("/admin/users/").content
    assert url in html.decode()
    html = client_for(world.users["superuser"]).get("/admin/users/").content
    assert url in html.decode()
    html = client_for(world.users["other_admin"]).get("/admin/users/").content
    assert url not in html.decode()
