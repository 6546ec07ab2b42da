"""Acting on a report: assign a course to the people it shows."""

import datetime
from urllib.parse import urlencode

from django.utils import timezone

from learning.models import Assignment, Enrolment
from people.models import UnitKerja
from tests.reports.helpers import REPORTS

ASSIGN = REPORTS + "assign/"

# The records fixture holds one assignment already: Rina's, to course A.


def post(client, filters, course, **fields):
    data = {
        "filters": urlencode(filters),
        "course": course.pk,
        "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "reason": "Di bawah 20 JP tahun ini",
        **fields,
    }
    return client.post(f"{ASSIGN}?{urlencode(filters)}", data)


def enrolled_usernames(course):
    return set(
        Enrolment.objects.filter(course=course).values_list("user__username", flat=True)
    )


def test_assign_everyone_below_the_minimum_in_scope(client, records):
    client.force_login(records["adminntt"])
    course = records["course_b"]
    filters = {"report": "jp"}
    page = client.get(ASSIGN, filters)
    assert page.status_code == 200
    # NTT's ASN all below their minimum: Pelatih, Kabid, Siti, Yohanes, Rina.
    assert page.context["people_count"] == 5
    response = post(client, filters, course)
    assert response.status_code == 302
    assert response["Location"].startswith(REPORTS + "jp/")
    assignment = Assignment.objects.get(course=course)
    assert assignment.people_count == 5
    assert assignment.assigned_by == records["adminntt"]
    assert assignment.reason == "Di bawah 20 JP tahun ini"
    assert enrolled_usernames(course) == {"siti", "kabid", "yohanes", "pelatih", "rina"}
    rina = Enrolment.objects.get(course=course, user=records["rina"])
    assert (rina.source, rina.assignment) == ("assignment", assignment)
    assert rina.deadline == timezone.localdate() + datetime.timedelta(days=30)


def test_assign_follows_the_report_filters(client, records):
    client.force_login(records["adminntt"])
    course = records["course_b"]
    dikbud = UnitKerja.objects.get(code="ntt-dikbud")
    filters = {"report": "organisation", "unit_kerja": dikbud.pk, "people": "1"}
    assert client.get(ASSIGN, filters).context["people_count"] == 1
    post(client, filters, course)
    assignment = Assignment.objects.get(course=course)
    assert assignment.people_count == 1
    # Yohanes had joined course B himself: his enrolment now carries the
    # assignment; Siti's and Kabid's are untouched.
    tagged = Enrolment.objects.filter(course=course, assignment=assignment)
    assert [e.user.username for e in tagged] == ["yohanes"]


def test_a_supervisor_assigns_only_within_their_unit(client, records):
    client.force_login(records["kabid"])
    course = records["course_a"]
    response = post(client, {"report": "organisation"}, course)
    assert response.status_code == 302
    assert (
        Assignment.objects.get(course=course, assigned_by=records["kabid"]).people_count
        == 2
    )


def test_a_filter_out_of_scope_assigns_nobody(client, records):
    client.force_login(records["kabid"])
    bkd = UnitKerja.objects.get(code="ntt-bkd")
    response = post(client, {"report": "jp", "unit_kerja": bkd.pk}, records["course_b"])
    assert response.status_code == 404
    assert not Assignment.objects.filter(course=records["course_b"]).exists()


def test_the_form_checks_its_fields(client, records):
    client.force_login(records["adminntt"])
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = post(
        client, {"report": "jp"}, records["course_b"], reason="", deadline=yesterday
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"reason", "deadline"}
    assert not Assignment.objects.filter(course=records["course_b"]).exists()


def test_learners_cannot_assign(client, records):
    client.force_login(records["siti"])
    response = post(client, {"report": "jp"}, records["course_b"])
    assert response.status_code == 302
    assert not Assignment.objects.filter(course=records["course_b"]).exists()
