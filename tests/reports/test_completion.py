"""Completion reports: every figure equals what the records in conftest say."""

import datetime

import pytest
from django.utils import timezone

from people.models import UnitKerja
from reports.views import CourseCompletionReport
from tests.reports.helpers import REPORTS, by, csv_rows

COURSES = REPORTS + "completion/courses/"
ORGANISATION = REPORTS + "completion/organisation/"
COURSE_KEYS = CourseCompletionReport.list_export
UNIT_KEYS = [
    "label",
    "headcount",
    "learners",
    "enrolled",
    "assigned",
    "started",
    "completed",
    "completion_rate",
    "overdue",
    "quiz_avg",
    "quiz_median",
    "days_median",
    "avg_rating_material",
    "avg_rating_delivery",
    "avg_rating_practical",
    "avg_rating_overall",
]
PEOPLE_KEYS = [
    "label",
    "nip",
    "unit",
    "enrolled",
    "assigned",
    "started",
    "completed",
    "completion_rate",
    "overdue",
    "quiz_avg",
]


def figures(row, *keys):
    return [row[key] for key in keys]


def test_course_figures_for_a_superuser(client, records):
    client.force_login(records["admin"])
    rows = by(csv_rows(client, COURSES, COURSE_KEYS), "course__title")
    assert set(rows) == {"Kursus A", "Kursus B"}
    a, b = rows["Kursus A"], rows["Kursus B"]
    # Siti, Yohanes, Rina (assigned, overdue) and Agustinus; scores 100, 80, 40.
    assert figures(
        a, "enrolled", "assigned", "started", "completed", "completion_rate", "overdue"
    ) == ["4", "1", "3", "1", "25.0", "1"]
    assert figures(a, "quiz_avg", "quiz_median", "days_median") == [
        "73.3",
        "80.0",
        "2.0",
    ]
    # Questionnaires: (5,4,5,5), (3,4,4,3) and (4,4,4,4).
    assert figures(
        a,
        "avg_rating_material",
        "avg_rating_delivery",
        "avg_rating_practical",
        "avg_rating_overall",
    ) == ["4.0", "4.0", "4.3", "4.0"]
    # Siti in 4 days, Kabid in 1: the median of two is their mean.
    assert figures(
        b, "enrolled", "started", "completed", "completion_rate", "days_median"
    ) == ["3", "2", "2", "66.7", "2.5"]
    assert figures(b, "quiz_avg", "quiz_median", "avg_rating_overall") == ["", "", ""]


def test_course_page_totals_and_chart(client, records):
    client.force_login(records["admin"])
    response = client.get(COURSES)
    assert response.status_code == 200
    totals = response.context["totals"]
    assert (totals["enrolled"], totals["completed"], totals["overdue"]) == (7, 3, 1)
    assert totals["started"] == 5
    assert round(totals["completion_rate"], 1) == 42.9
    page = response.content.decode()
    assert page.count('role="img"') == 1
    assert "<title id=" in page and "<desc id=" in page
    # Values are written beside the bars, not only drawn.
    assert ">25%</text>" in page and ">67%</text>" in page


def test_course_figures_for_an_admin_instansi(client, records):
    client.force_login(records["adminntt"])
    rows = by(csv_rows(client, COURSES, COURSE_KEYS), "course__title")
    a = rows["Kursus A"]
    # Agustinus works in Jayapura: out of sight, and out of every figure.
    assert figures(
        a, "enrolled", "started", "completed", "completion_rate", "overdue"
    ) == ["3", "2", "1", "33.3", "1"]
    assert figures(a, "quiz_avg", "quiz_median") == ["90.0", "90.0"]


def test_course_figures_for_a_supervisor(client, records):
    client.force_login(records["kabid"])
    rows = by(csv_rows(client, COURSES, COURSE_KEYS), "course__title")
    a, b = rows["Kursus A"], rows["Kursus B"]
    assert figures(a, "enrolled", "completed", "quiz_avg", "days_median") == [
        "1",
        "1",
        "100.0",
        "2.0",
    ]
    assert figures(a, "avg_rating_material", "avg_rating_practical") == ["4.0", "4.5"]
    assert figures(b, "enrolled", "completed", "days_median") == ["2", "2", "2.5"]
    response = client.get(COURSES)
    assert response.context["totals"]["enrolled"] == 3


def test_filters_narrow_the_course_report(client, records):
    client.force_login(records["admin"])
    managerial = csv_rows(client, f"{COURSES}?competency_type=manajerial", COURSE_KEYS)
    assert managerial == []
    pppk = csv_rows(client, f"{COURSES}?employment_status=PPPK", COURSE_KEYS)
    assert [(row["course__title"], row["enrolled"]) for row in pppk] == [
        ("Kursus A", "1")
    ]
    dinkes = UnitKerja.objects.get(code="ntt-dinkes")
    unit = by(
        csv_rows(client, f"{COURSES}?unit_kerja={dinkes.pk}", COURSE_KEYS),
        "course__title",
    )
    assert (unit["Kursus A"]["enrolled"], unit["Kursus B"]["enrolled"]) == ("1", "2")
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert csv_rows(client, f"{COURSES}?period_from={tomorrow}", COURSE_KEYS) == []
    start = timezone.localtime(records["t0"]).date().isoformat()
    everything = csv_rows(
        client, f"{COURSES}?period_from={start}&period_to={start}", COURSE_KEYS
    )
    assert len(everything) == 2


def test_organisation_starts_at_the_instansi_for_a_superuser(client, records):
    client.force_login(records["admin"])
    rows = by(csv_rows(client, ORGANISATION, UNIT_KEYS), "label")
    ntt = rows["Pemerintah Provinsi Nusa Tenggara Timur"]
    jayapura = rows["Pemerintah Kabupaten Jayapura"]
    assert figures(ntt, "headcount", "learners", "enrolled", "completed") == [
        "6",
        "4",
        "6",
        "3",
    ]
    assert figures(jayapura, "headcount", "enrolled", "started", "quiz_avg") == [
        "2",
        "1",
        "1",
        "40.0",
    ]


def test_organisation_units_for_an_admin_instansi(client, records):
    client.force_login(records["adminntt"])
    response = client.get(ORGANISATION)
    assert response.context["level"] == "unit"
    rows = by(csv_rows(client, ORGANISATION, UNIT_KEYS), "label")
    assert set(rows) == {
        "Badan Kepegawaian Daerah",
        "Dinas Kesehatan",
        "Dinas Pendidikan dan Kebudayaan",
    }
    bkd, dinkes = rows["Badan Kepegawaian Daerah"], rows["Dinas Kesehatan"]
    dikbud = rows["Dinas Pendidikan dan Kebudayaan"]
    # Pelatih and Adminntt in Bangkom, Rina in Mutasi: only Rina learns.
    assert figures(bkd, "headcount", "learners", "enrolled", "overdue") == [
        "3",
        "1",
        "1",
        "1",
    ]
    # Siti's two courses and Kabid's one, all completed in 2, 4 and 1 days.
    assert figures(
        dinkes, "headcount", "enrolled", "completed", "completion_rate", "days_median"
    ) == ["2", "3", "3", "100.0", "2.0"]
    assert figures(dinkes, "quiz_avg", "quiz_median", "avg_rating_practical") == [
        "100.0",
        "100.0",
        "4.5",
    ]
    assert figures(dikbud, "enrolled", "started", "completed", "quiz_median") == [
        "2",
        "1",
        "0",
        "80.0",
    ]
    totals = response.context["totals"]
    assert (totals["headcount"], totals["learners"], totals["enrolled"]) == (6, 4, 6)


def test_organisation_drills_down_to_sub_units_and_people(client, records):
    client.force_login(records["adminntt"])
    dinkes = UnitKerja.objects.get(code="ntt-dinkes")
    response = client.get(ORGANISATION)
    page = response.content.decode()
    assert f"unit_kerja={dinkes.pk}" in page
    rows = csv_rows(client, f"{ORGANISATION}?unit_kerja={dinkes.pk}", UNIT_KEYS)
    assert [(row["label"], row["enrolled"]) for row in rows] == [
        ("Bidang Pelayanan Kesehatan", "3")
    ]
    people = by(
        csv_rows(
            client, f"{ORGANISATION}?unit_kerja={dinkes.pk}&people=1", PEOPLE_KEYS
        ),
        "nip",
    )
    siti, kabid = people["199203152019032008"], people["197603092001122003"]
    assert figures(siti, "enrolled", "completed", "quiz_avg") == ["2", "2", "100.0"]
    assert figures(kabid, "enrolled", "completed", "quiz_avg") == ["1", "1", ""]


def test_organisation_for_a_supervisor_is_their_unit(client, records):
    client.force_login(records["kabid"])
    rows = csv_rows(client, ORGANISATION, UNIT_KEYS)
    assert len(rows) == 1
    assert figures(rows[0], "headcount", "enrolled", "completed") == ["2", "3", "3"]
    people = csv_rows(client, f"{ORGANISATION}?people=1", PEOPLE_KEYS)
    assert sorted(row["nip"] for row in people) == [
        "197603092001122003",
        "199203152019032008",
    ]


def test_organisation_filtered_by_course(client, records):
    client.force_login(records["adminntt"])
    course = records["course_a"]
    rows = by(
        csv_rows(client, f"{ORGANISATION}?course={course.pk}", UNIT_KEYS), "label"
    )
    # Headcount stays; only Course A's enrolments count.
    assert figures(rows["Dinas Kesehatan"], "headcount", "enrolled", "completed") == [
        "2",
        "1",
        "1",
    ]


@pytest.mark.parametrize("url", [COURSES, ORGANISATION])
def test_reports_with_no_records_render(client, demo_people, url):
    client.force_login(demo_people["adminntt"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["totals"]["enrolled"] == 0
