"""Certificates: issued once on completion, verified in public, revoked and
re-issued by administrators, downloaded only by those who may see the NIP."""

import datetime
import re
import threading
import zlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from learning import certificates, services
from learning.certificates import (
    CertificateError,
    issue_certificate,
    pdf_text,
    reissue_certificate,
    render_certificate_pdf,
    revoke_certificate,
)
from learning.models import Certificate, Enrolment, JPLedgerEntry
from tests import builders

JAKARTA = timezone.get_default_timezone()
# 17 August 2026, 10.00 WIB: the completion date every test prints.
COMPLETED_AT = datetime.datetime(2026, 8, 17, 10, 0, tzinfo=JAKARTA)


@pytest.fixture(autouse=True)
def _receivers_connected():
    """The app connects the completion receiver at start-up; connect it again
    (a no-op when present) since another test module clears the signal."""
    from learning.receivers import issue_certificate_and_credit_jp

    services.course_completed.connect(
        issue_certificate_and_credit_jp, dispatch_uid="learning_certificate_and_jp"
    )


def complete(user, course, now=COMPLETED_AT):
    """Enrol ``user`` and complete every module of ``course``."""
    services.enrol(user, course)
    for module in builders.modules_of(course):
        services.complete_module(user, module, now=now)
    return Enrolment.objects.get(user=user, course=course)


@pytest.fixture
def course(db):
    return builders.course(2, title="Etika Pelayanan Publik", jp=Decimal("6"))


@pytest.fixture
def siti_certificate(demo_people, course):
    complete(demo_people["siti"], course)
    return Certificate.objects.get(user=demo_people["siti"])


@pytest.fixture
def agustinus_certificate(demo_people, course):
    """A certificate in Pemkab Jayapura, outside the NTT administrator's scope."""
    complete(demo_people["agustinus"], course)
    return Certificate.objects.get(user=demo_people["agustinus"])


def pdf_page_text(data):
    """The text drawn on the page, from the PDF's compressed content streams."""
    text = b""
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            text += zlib.decompress(stream)
        except zlib.error:
            text += stream
    return text.decode("latin-1")


# Issuing --------------------------------------------------------------------


def test_completing_a_course_issues_one_certificate_and_one_ledger_entry(
    demo_people, course
):
    siti = demo_people["siti"]
    enrolment = complete(siti, course)

    certificate = Certificate.objects.get()
    assert certificate.user == siti and certificate.enrolment == enrolment
    assert certificate.holder_name == "Siti Rahmawati, S.Kep."
    assert certificate.holder_nip == "199203152019032008"
    assert certificate.course_title == "Etika Pelayanan Publik"
    assert certificate.jp == Decimal("6")
    assert certificate.completed_on == datetime.date(2026, 8, 17)
    assert certificate.issuer == "Pemerintah Provinsi Nusa Tenggara Timur"
    assert certificate.competency_type  # the label of "teknis"
    year = timezone.localdate(certificate.issued_at).year
    assert certificate.number == f"SERT/{year}/{certificate.pk:06d}"
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,32}", certificate.code)

    entry = JPLedgerEntry.objects.get()
    assert entry.user == siti and entry.jp == Decimal("6")
    assert entry.source_type == JPLedgerEntry.Source.COURSE
    assert entry.earned_on == datetime.date(2026, 8, 17)
    assert entry.evidence_url == f"/sertifikat/{certificate.code}/"


def test_running_the_completion_receivers_again_changes_nothing(demo_people, course):
    """Make sure that a second signal (a retried job, a replay) neither issues
    a second certificate nor credits JP twice."""
    enrolment = complete(demo_people["siti"], course)
    first = Certificate.objects.get()

    services.course_completed.send(sender=Enrolment, enrolment=enrolment)
    assert issue_certificate(enrolment) == first

    assert Certificate.objects.count() == 1
    assert JPLedgerEntry.objects.count() == 1


def test_no_certificate_before_the_course_is_completed(demo_people, course):
    enrolment, _created = services.enrol(demo_people["siti"], course)
    with pytest.raises(CertificateError) as error:
        issue_certificate(enrolment)
    assert error.value.code == "not_completed"
    assert not Certificate.objects.exists()


def test_issuer_is_the_setting_when_the_learner_has_no_instansi(
    demo_people, course, settings
):
    settings.LMS_CERTIFICATE_ISSUER = "BPSDM Contoh"
    siti = demo_people["siti"]
    siti.instansi = None
    siti.unit_kerja = None
    siti.save()
    complete(siti, course)
    assert Certificate.objects.get().issuer == "BPSDM Contoh"


def test_a_managerial_course_names_its_competency(demo_people):
    course = builders.course(
        1, competency_type="manajerial", managerial_competency="integritas"
    )
    complete(demo_people["siti"], course)
    certificate = Certificate.objects.get()
    type_label, competency_label = certificate.competency_type.split(": ")
    assert type_label and competency_label
    assert certificate.competency_type != "manajerial"


# The PDF --------------------------------------------------------------------


def test_pdf_is_a_pdf_the_same_at_every_download_and_shows_the_number(
    siti_certificate,
):
    first = render_certificate_pdf(siti_certificate)
    second = render_certificate_pdf(Certificate.objects.get(pk=siti_certificate.pk))
    assert first.startswith(b"%PDF-")
    assert first == second
    text = pdf_page_text(first)
    assert siti_certificate.number in text
    assert "Siti Rahmawati, S.Kep." in text
    assert "199203152019032008" in text
    assert "17 Agustus 2026" in text
    assert f"/sertifikat/{siti_certificate.code}/" in text


def test_pdf_survives_names_outside_latin_1(siti_certificate):
    siti_certificate.holder_name = "Łukasz Nguyễn Văn “Anh” – 王小明, S.T."
    siti_certificate.course_title = "Ethics — ‘Şeffaflık’ …"
    data = render_certificate_pdf(siti_certificate)
    assert data.startswith(b"%PDF-")
    assert 'Lukasz Nguyen Van "Anh" - ???, S.T.' in pdf_page_text(data)


def test_pdf_text_keeps_latin_1_and_replaces_the_rest():
    assert pdf_text("José Müller") == "José Müller"
    assert pdf_text("Đặng Thị Hồng") == "Dang Thi Hong"
    assert pdf_text("a\u200bb\x00c") == "abc"
    assert pdf_text("東京") == "??"


# Public verification ----------------------------------------------------------


def test_verification_page_shows_the_public_facts_and_valid(
    client, siti_certificate, django_assert_num_queries
):
    url = reverse("certificates:verify", args=[siti_certificate.code])
    assert url == f"/sertifikat/{siti_certificate.code}/"
    # 1 query: the certificate (an anonymous visitor has no session to load).
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-status="valid"' in html
    assert "Siti Rahmawati, S.Kep." in html
    assert "Etika Pelayanan Publik" in html
    assert "6 " in html and "JP" in html
    assert "17 Agustus 2026" in html
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in html
    assert siti_certificate.number in html
    assert "199203152019032008" not in html  # never the NIP
    assert "siti.rahmawati@" not in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "max-age=60" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # A visitor gets no download link.
    assert reverse("certificates:download", args=[siti_certificate.code]) not in html


def test_the_holder_sees_a_download_link_on_the_verification_page(
    client, demo_people, siti_certificate
):
    client.force_login(demo_people["siti"])
    html = client.get(
        reverse("certificates:verify", args=[siti_certificate.code])
    ).content.decode()
    assert reverse("certificates:download", args=[siti_certificate.code]) in html


def test_unknown_code_is_404(client, siti_certificate):
    assert client.get("/sertifikat/tidak-ada-kode-ini1234/").status_code == 404
    assert client.get("/sertifikat/tidak-ada-kode-ini1234/pdf/").status_code in (
        302,
        404,
    )


# Revoking and re-issuing -----------------------------------------------------


def test_revoked_certificate_says_so_with_the_reason_and_date(
    client, demo_people, siti_certificate, django_assert_num_queries
):
    admin = demo_people["adminntt"]
    revoked_at = datetime.datetime(2026, 9, 2, 9, 0, tzinfo=JAKARTA)
    revoke_certificate(
        siti_certificate, by=admin, reason="Nama salah eja.", now=revoked_at
    )
    assert siti_certificate.revoked_at == revoked_at
    assert siti_certificate.revoked_by == admin
    log_entry = ModelLogEntry.objects.get(action=certificates.REVOKE_ACTION)
    assert log_entry.user_id == admin.pk
    assert log_entry.data["reason"] == "Nama salah eja."

    # 2 queries: the certificate, and its replacement (none yet).
    with django_assert_num_queries(2):
        response = client.get(
            reverse("certificates:verify", args=[siti_certificate.code])
        )
    html = response.content.decode()
    assert 'data-status="revoked"' in html and 'data-status="valid"' not in html
    assert "Nama salah eja." in html
    assert "2 September 2026" in html

    # Revoking again keeps the first reason and logs nothing more.
    revoke_certificate(siti_certificate, by=admin, reason="Alasan lain")
    siti_certificate.refresh_from_db()
    assert siti_certificate.revoked_reason == "Nama salah eja."
    assert ModelLogEntry.objects.filter(action=certificates.REVOKE_ACTION).count() == 1


def test_revoking_without_a_reason_is_refused_with_a_clear_message(
    demo_people, siti_certificate
):
    with pytest.raises(ValidationError) as error:
        revoke_certificate(siti_certificate, by=demo_people["admin"], reason="   ")
    assert "reason" in error.value.message_dict
    assert "alasan" in error.value.message_dict["reason"][0]  # Indonesian UI
    siti_certificate.refresh_from_db()
    assert siti_certificate.is_valid


def test_only_administrators_in_scope_revoke(demo_people, siti_certificate):
    for name in ("siti", "yohanes", "kabid", "pelatih"):
        with pytest.raises(PermissionDenied):
            revoke_certificate(siti_certificate, by=demo_people[name], reason="x")
    siti_certificate.refresh_from_db()
    assert siti_certificate.is_valid


def test_reissue_gives_a_new_valid_certificate_and_keeps_the_old_revoked(
    client, demo_people, siti_certificate
):
    admin, siti = demo_people["adminntt"], demo_people["siti"]
    old = revoke_certificate(siti_certificate, by=admin, reason="Gelar belum lengkap.")
    siti.title_suffix = "S.Kep., Ners"
    siti.save()

    new = reissue_certificate(old, by=admin)

    old.refresh_from_db()
    assert not old.is_valid and new.is_valid
    assert new.replaces == old and new.enrolment_id == old.enrolment_id
    assert new.number != old.number and new.code != old.code
    assert new.holder_name == "Siti Rahmawati, S.Kep., Ners"
    assert new.completed_on == old.completed_on and new.jp == old.jp
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 1
    # The ledger's evidence now points at the valid certificate.
    assert JPLedgerEntry.objects.get().evidence_url == f"/sertifikat/{new.code}/"
    assert ModelLogEntry.objects.filter(action=certificates.REISSUE_ACTION).exists()

    # The old page names its replacement.
    html = client.get(reverse("certificates:verify", args=[old.code])).content.decode()
    assert new.number in html
    assert reverse("certificates:verify", args=[new.code]) in html

    # Re-issuing again, or re-issuing a valid certificate, is refused.
    with pytest.raises(CertificateError) as error:
        reissue_certificate(old, by=admin)
    assert error.value.code == "already_valid"
    with pytest.raises(CertificateError) as error:
        reissue_certificate(new, by=admin)
    assert error.value.code == "not_revoked"
    assert Certificate.objects.count() == 2


# Downloading ----------------------------------------------------------------


def test_the_holder_downloads_the_pdf(client, demo_people, siti_certificate):
    client.force_login(demo_people["siti"])
    response = client.get(
        reverse("certificates:download", args=[siti_certificate.code])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    number = siti_certificate.pk
    assert response["Content-Disposition"] == (
        f'attachment; filename="sertifikat-SERT-'
        f'{siti_certificate.number.split("/")[1]}-{number:06d}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content == render_certificate_pdf(siti_certificate)


def test_other_learners_and_visitors_cannot_download(
    client, demo_people, siti_certificate
):
    url = reverse("certificates:download", args=[siti_certificate.code])
    response = client.get(url)
    assert response.status_code == 302 and "/akun/" in response["Location"]
    for name in ("yohanes", "agustinus", "pelatih", "kabid"):
        client.force_login(demo_people[name])
        assert client.get(url).status_code == 404, name


def test_administrators_download_within_their_scope(
    client, demo_people, siti_certificate, agustinus_certificate
):
    client.force_login(demo_people["adminntt"])
    siti_url = reverse("certificates:download", args=[siti_certificate.code])
    agustinus_url = reverse("certificates:download", args=[agustinus_certificate.code])
    assert client.get(siti_url).status_code == 200
    assert client.get(agustinus_url).status_code == 404
    client.force_login(demo_people["admin"])
    assert client.get(agustinus_url).status_code == 200


def test_a_revoked_certificate_is_not_downloaded(client, demo_people, siti_certificate):
    revoke_certificate(siti_certificate, by=demo_people["admin"], reason="Duplikat.")
    client.force_login(demo_people["siti"])
    response = client.get(
        reverse("certificates:download", args=[siti_certificate.code])
    )
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    assert "Duplikat." in response.content.decode()

    new = reissue_certificate(siti_certificate, by=demo_people["admin"])
    html = client.get(
        reverse("certificates:download", args=[siti_certificate.code])
    ).content.decode()
    assert reverse("certificates:download", args=[new.code]) in html


def test_certificate_list_include_links_download_and_verification(siti_certificate):
    html = render_to_string(
        "learning/includes/certificate_list.html",
        {"certificates": certificates.certificates_of(siti_certificate.user)},
    )
    assert siti_certificate.number in html
    assert reverse("certificates:download", args=[siti_certificate.code]) in html
    assert reverse("certificates:verify", args=[siti_certificate.code]) in html


# The admin ------------------------------------------------------------------


def admin_url(name, *args):
    return reverse(f"certificates_admin:{name}", args=args)


def test_admin_instansi_lists_only_their_instansi(
    client, demo_people, siti_certificate, agustinus_certificate
):
    client.force_login(demo_people["adminntt"])
    response = client.get(admin_url("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert siti_certificate.number in html
    assert agustinus_certificate.number not in html
    assert admin_url("inspect", siti_certificate.pk) in html
    assert admin_url("revoke", siti_certificate.pk) in html
    assert admin_url("add") not in html

    found = client.get(admin_url("index"), {"q": "199203152019032008"})
    assert siti_certificate.number in found.content.decode()
    assert client.get(admin_url("inspect", siti_certificate.pk)).status_code == 200
    assert client.get(admin_url("inspect", agustinus_certificate.pk)).status_code == 404
    assert client.get(admin_url("history", agustinus_certificate.pk)).status_code == 404


def test_superuser_lists_all_and_filters_by_status(
    client, demo_people, siti_certificate, agustinus_certificate
):
    revoke_certificate(agustinus_certificate, by=demo_people["admin"], reason="Uji.")
    client.force_login(demo_people["admin"])
    html = client.get(admin_url("index")).content.decode()
    assert siti_certificate.number in html and agustinus_certificate.number in html
    revoked = client.get(admin_url("index"), {"status": "revoked"}).content.decode()
    assert agustinus_certificate.number in revoked
    assert siti_certificate.number not in revoked
    assert admin_url("reissue", agustinus_certificate.pk) in revoked
    valid = client.get(admin_url("index"), {"status": "valid"}).content.decode()
    assert siti_certificate.number in valid
    assert agustinus_certificate.number not in valid


def test_nobody_edits_adds_or_deletes_certificates(
    client, demo_people, siti_certificate
):
    client.force_login(demo_people["admin"])
    assert client.get(admin_url("add")).status_code in (302, 403)
    assert client.get(admin_url("edit", siti_certificate.pk)).status_code in (302, 403)
    assert client.post(admin_url("delete", siti_certificate.pk)).status_code in (
        302,
        403,
    )
    assert Certificate.objects.filter(pk=siti_certificate.pk).exists()


def test_learners_and_supervisors_have_no_certificate_admin(
    client, demo_people, siti_certificate
):
    for name in ("siti", "kabid"):
        client.force_login(demo_people[name])
        assert client.get(admin_url("index")).status_code in (302, 403), name
        assert client.post(
            admin_url("revoke", siti_certificate.pk), {"reason": "x"}
        ).status_code in (302, 403, 404)
    siti_certificate.refresh_from_db()
    assert siti_certificate.is_valid


def test_admin_revokes_with_a_reason_then_reissues(
    client, demo_people, siti_certificate
):
    client.force_login(demo_people["adminntt"])
    revoke_url = admin_url("revoke", siti_certificate.pk)
    assert client.get(revoke_url).status_code == 200

    response = client.post(revoke_url, {"reason": ""})
    assert response.status_code == 200
    assert "reason" in response.content.decode()  # the service's message
    siti_certificate.refresh_from_db()
    assert siti_certificate.is_valid

    response = client.post(revoke_url, {"reason": "NIP keliru."})
    assert response.status_code == 302
    siti_certificate.refresh_from_db()
    assert siti_certificate.revoked_reason == "NIP keliru."
    history = client.get(admin_url("history", siti_certificate.pk))
    assert "NIP keliru." in history.content.decode()

    reissue_url = admin_url("reissue", siti_certificate.pk)
    assert client.get(reissue_url).status_code == 200
    response = client.post(reissue_url)
    new = Certificate.objects.get(revoked_at__isnull=True)
    assert response["Location"] == admin_url("inspect", new.pk)
    assert new.replaces == siti_certificate


def test_admin_instansi_cannot_revoke_another_instansi(
    client, demo_people, agustinus_certificate
):
    client.force_login(demo_people["adminntt"])
    url = admin_url("revoke", agustinus_certificate.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "Bukan wewenang."}).status_code == 404
    agustinus_certificate.refresh_from_db()
    assert agustinus_certificate.is_valid


# Parallel writers (PostgreSQL) -----------------------------------------------

PARALLEL = 10


def _in_parallel(target):
    """Run ``target`` in PARALLEL threads released at once; return errors."""
    barrier = threading.Barrier(PARALLEL)
    errors = []

    def worker():
        try:
            barrier.wait(timeout=30)
            target()
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_completion_issues_one_certificate_and_one_entry(demo_people):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    from django.test import Client

    siti = demo_people["siti"]
    course = builders.course(1)
    services.enrol(siti, course)
    module = builders.modules_of(course)[0]
    url = reverse("learning:complete", args=[module.pk])
    codes = []

    def post():
        client = Client()
        client.force_login(siti)
        codes.append(client.post(url).status_code)

    assert not _in_parallel(post)
    assert set(codes) == {302}
    assert Certificate.objects.filter(user=siti).count() == 1
    assert JPLedgerEntry.objects.filter(user=siti).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_issue_calls_share_one_certificate(demo_people):
    """Make sure that issuing from many places at once (a completion, a
    back-fill job) still leaves one valid certificate."""
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    siti = demo_people["siti"]
    course = builders.course(1)
    enrolment, _created = services.enrol(siti, course)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=COMPLETED_AT)
    enrolment.refresh_from_db()
    issued = []

    def issue():
        issued.append(issue_certificate(Enrolment.objects.get(pk=enrolment.pk)).pk)

    assert not _in_parallel(issue)
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert set(issued) == {Certificate.objects.get(enrolment=enrolment).pk}
