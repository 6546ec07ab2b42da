"""JP compliance: shares per unit and the people below their minimum."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from learning.ledger import credit_jp
from reports.views import JPComplianceReport
from tests.reports.helpers import REPORTS, by, csv_rows

JP = REPORTS + "jp/"
KEYS = JPComplianceReport.list_export


@pytest.fixture
def jp_records(records):
    """Course completions credited Siti 8 JP and Kabid 4 (nonklasikal); add a
    classroom training for Siti (14) and 20 JP for Rina, who is PPPK."""
    today = timezone.localdate()
    credit_jp(
        records["siti"],
        source_type="manual",
        source_id="bimtek-1",
        title="Bimtek pelayanan",
        path="klasikal",
        form="bimtek",
        jp=Decimal("14"),
        earned_on=today,
    )
    credit_jp(
        records["rina"],
        source_type="manual",
        source_id="pelatihan-1",
        title="Pelatihan data",
        path="klasikal",
        form="pelatihan",
        jp=Decimal("20"),
        earned_on=today,
    )
    credit_jp(
        records["yohanes"],
        source_type="manual",
        source_id="last-year",
        title="Tahun lalu",
        path="klasikal",
        form="pelatihan",
        jp=Decimal("30"),
        earned_on=datetime.date(today.year - 1, 6, 1),
    )
    return records


def test_compliance_per_unit_for_an_admin_instansi(client, jp_records):
    client.force_login(jp_records["adminntt"])
    response = client.get(JP)
    assert response.status_code == 200
    totals = response.context["totals"]
    # ASN of NTT: Pelatih, Kabid, Siti, Yohanes, Rina (Adminntt has no ASN
    # status). Only Siti (8 + 14 = 22 JP) reaches her 20.
    assert (totals["people"], totals["reached"]) == (5, 1)
    assert totals["share"] == 20
    assert totals["jp_sum"] == Decimal("46")
    units = {row["label"]: row for row in response.context["units"]}
    assert (
        units["Dinas Kesehatan"]["people"],
        units["Dinas Kesehatan"]["reached"],
    ) == (
        2,
        1,
    )
    assert units["Dinas Kesehatan"]["share"] == 50
    assert units["Badan Kepegawaian Daerah"]["jp_sum"] == Decimal("20")
    assert units["Dinas Pendidikan dan Kebudayaan"]["reached"] == 0
    page = response.content.decode()
    assert ">50% (1/2)</text>" in page


def test_people_below_the_minimum_with_their_jp_by_path(client, jp_records):
    client.force_login(jp_records["adminntt"])
    rows = by(csv_rows(client, JP, KEYS), "nip")
    assert set(rows) == {
        "196805141993032004",  # Pelatih
        "197603092001122003",  # Kabid
        "198705122010011003",  # Yohanes: last year's 30 JP do not count
        "199511202023212011",  # Rina
    }
    rina = rows["199511202023212011"]
    # PPPK: 24 JP, 20 reached, 4 to go.
    assert [
        rina[key] for key in ("jp_minimum", "jp_total", "jp_klasikal", "shortfall")
    ] == [
        "24",
        "20.0",
        "20.0",
        "4.0",
    ]
    kabid = rows["197603092001122003"]
    assert [kabid[key] for key in ("jp_total", "jp_nonklasikal", "shortfall")] == [
        "4.0",
        "4.0",
        "16.0",
    ]
    reached = csv_rows(client, f"{JP}?compliance=reached", KEYS)
    assert [
        (row["nip"], row["jp_klasikal"], row["jp_nonklasikal"]) for row in reached
    ] == [("199203152019032008", "14.0", "8.0")]


def test_year_filter(client, jp_records):
    client.force_login(jp_records["adminntt"])
    last_year = timezone.localdate().year - 1
    rows = by(csv_rows(client, f"{JP}?year={last_year}&compliance=all", KEYS), "nip")
    assert rows["198705122010011003"]["jp_total"] == "30.0"
    assert rows["199203152019032008"]["jp_total"] == "0.0"
    response = client.get(f"{JP}?year={last_year}")
    assert response.context["totals"]["reached"] == 1


def test_superuser_sees_compliance_per_instansi(client, jp_records):
    client.force_login(jp_records["admin"])
    response = client.get(JP)
    units = {row["label"]: row for row in response.context["units"]}
    assert units["Pemerintah Kabupaten Jayapura"]["people"] == 1  # Agustinus
    assert units["Pemerintah Provinsi Nusa Tenggara Timur"]["people"] == 5


def test_supervisor_sees_their_unit(client, jp_records):
    client.force_login(jp_records["kabid"])
    response = client.get(JP)
    assert (
        response.context["totals"]["people"],
        response.context["totals"]["reached"],
    ) == (
        2,
        1,
    )
    rows = csv_rows(client, f"{JP}?compliance=all", KEYS)
    assert sorted(row["nip"] for row in rows) == [
        "197603092001122003",
        "199203152019032008",
    ]
