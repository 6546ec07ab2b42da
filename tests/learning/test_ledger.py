"""The JP ledger, manual entries and the learner's dashboard."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning import ledger, services
from learning.models import JPLedgerEntry
from tests import builders

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _credit(user, source_id, jp, path="nonklasikal", form="e_learning", **kw):
    return ledger.credit_jp(
        user,
        source_type="course",
        source_id=source_id,
        title=f"Kegiatan {source_id}",
        path=path,
        form=form,
        jp=jp,
        earned_on=kw.pop("earned_on", timezone.localdate()),
        **kw,
    )


def test_crediting_twice_counts_once(demo_people):
    siti = demo_people["siti"]
    first, created = _credit(siti, 1, "4")
    again, created_again = _credit(siti, 1, "4")
    assert created and not created_again and first.pk == again.pk
    assert ledger.jp_summary(siti)["total"] == Decimal("4")


def test_summary_by_path_and_form_and_minimum(demo_people):
    siti, rina = demo_people["siti"], demo_people["rina"]
    _credit(siti, 1, "4")
    _credit(siti, 2, "6", path="klasikal", form="pelatihan")
    _credit(siti, 3, "2", form="webinar")
    last_year = timezone.localdate().replace(year=timezone.localdate().year - 1)
    _credit(siti, 4, "10", earned_on=last_year)
    summary = ledger.jp_summary(siti)
    assert summary["total"] == Decimal("12")
    assert {r["key"]: r["jp"] for r in summary["by_path"]} == {
        "klasikal": Decimal("6"),
        "nonklasikal": Decimal("6"),
    }
    assert summary["minimum"] == 20 and not summary["reached"]
    assert summary["remaining"] == Decimal("8")
    assert ledger.jp_summary(rina)["minimum"] == 24  # PPPK


def test_course_completion_credits_the_course_jp_once(demo_people):
    siti = demo_people["siti"]
    course = builders.course(1, jp=Decimal("3"))
    services.enrol(siti, course)
    module = builders.modules_of(course)[0]
    services.complete_module(siti, module)
    services.complete_module(siti, module)
    entries = JPLedgerEntry.objects.filter(user=siti)
    assert entries.count() == 1
    assert entries.get().jp == Decimal("3.0")
    assert entries.get().path == "nonklasikal"


def _manual_form(**fields):
    data = {
        "nip": "199203152019032008",
        "title": "Pelatihan Dasar Kepemimpinan (tatap muka)",
        "path": "klasikal",
        "form": "pelatihan",
        "jp": "8",
        "earned_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "note": "Diselenggarakan BPSDM Provinsi, sertifikat terlampir.",
        "source_id": str(uuid.uuid4()),
        "evidence_file": SimpleUploadedFile("sertifikat.pdf", PDF, "application/pdf"),
    }
    data.update(fields)
    return data


def test_administrator_adds_a_manual_entry_once(client, demo_people):
    client.force_login(demo_people["adminntt"])
    form = _manual_form()
    response = client.post(reverse("jp_ledger:add"), form)
    assert response.status_code == 302, response.context["form"].errors
    form["evidence_file"] = SimpleUploadedFile("sertifikat.pdf", PDF)
    client.post(reverse("jp_ledger:add"), form)  # double submit
    entry = JPLedgerEntry.objects.get()
    assert entry.manual and entry.recorded_by == demo_people["adminntt"]
    assert entry.user == demo_people["siti"] and entry.jp == Decimal("8")
    assert ledger.jp_summary(demo_people["siti"])["total"] == Decimal("8")


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"nip": "199008172015031005"}, "nip"),  # Agustinus: another instansi
        ({"jp": "0"}, "jp"),
        ({"jp": "-2"}, "jp"),
        ({"note": ""}, "note"),
        ({"earned_on": "2999-01-01"}, "earned_on"),
        ({"earned_on": "2026-13-01"}, "earned_on"),
        (
            {"evidence_file": SimpleUploadedFile("sertifikat.pdf", b"MZ\x90\x00fake")},
            "evidence_file",
        ),
        (
            {"evidence_file": SimpleUploadedFile("sertifikat.exe", PDF)},
            "evidence_file",
        ),
    ],
)
def test_bad_manual_entries_write_nothing(client, demo_people, fields, field):
    client.force_login(demo_people["adminntt"])
    response = client.post(reverse("jp_ledger:add"), _manual_form(**fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not JPLedgerEntry.objects.exists()


def test_ledger_admin_lists_only_people_in_scope(client, demo_people):
    _credit(demo_people["siti"], 1, "2")
    _credit(demo_people["agustinus"], 2, "2")
    client.force_login(demo_people["adminntt"])
    html = client.get(reverse("jp_ledger:index")).content.decode()
    assert "Siti Rahmawati" in html and "Agustinus" not in html


def _dashboard_queries(client):
    client.get(reverse("learning:dashboard"))
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_dashboard_query_count_does_not_grow_with_history(client, demo_people):
    siti = demo_people["siti"]
    client.force_login(siti)
    counts = []
    for round_ in range(2):
        for _ in range(1 + round_ * 5):
            course = builders.course(4)
            services.enrol(siti, course)
            services.complete_module(siti, builders.modules_of(course)[0])
            done = builders.course(1)
            services.enrol(siti, done)
            services.complete_module(siti, builders.modules_of(done)[0])
        counts.append(_dashboard_queries(client)[0])
    assert counts[0] == counts[1], counts
    # session, user, open enrolments, their modules, completed progress,
    # webinars, certificates, completed count, JP sums, JP entries, and the
    # site (for page URLs once the certificate list is shown).
    assert counts[0] == 11


def test_dashboard_shows_overdue_assignments_first_and_jp(client, demo_people):
    siti = demo_people["siti"]
    soon = builders.course(2, title="Kursus Tenggat Dekat")
    late = builders.course(2, title="Kursus Terlambat")
    for course, days in ((soon, 10), (late, -3)):
        services.assign(
            course,
            type(siti).objects.filter(pk=siti.pk),
            assigned_by=demo_people["adminntt"],
            reason="Wajib",
            target="people",
            deadline=timezone.localdate() + datetime.timedelta(days=days),
        )
    _credit(siti, 99, "6")
    client.force_login(siti)
    html = _dashboard_queries(client)[1].content.decode()
    assert html.index("Kursus Terlambat") < html.index("Kursus Tenggat Dekat")
    assert "Terlambat" in html
    assert "6</strong> / 20 JP" in html
