"""Administrators and supervisors assign courses through the Wagtail admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Assignment, Enrolment
from people.models import UnitKerja
from tests import builders


@pytest.fixture
def mandatory_course(db):
    return builders.course(2, title="Kursus Wajib", enrolment_mode="assigned")


def _form(course, **fields):
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    data = {
        "course": course.pk,
        "target": "unit",
        "nips": "",
        "unit_kerja": "",
        "jabatan_type": "",
        "reason": "Wajib bagi seluruh pegawai 2026",
        "deadline": deadline.isoformat(),
    }
    data.update(fields)
    return data


def test_admin_instansi_assigns_a_unit_subtree(client, demo_people, mandatory_course):
    client.force_login(demo_people["adminntt"])
    dinkes = UnitKerja.objects.get(code="ntt-dinkes")
    response = client.post(
        reverse("assignments:add"),
        _form(mandatory_course, unit_kerja=dinkes.pk),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    enrolled = set(
        Enrolment.objects.filter(course=mandatory_course).values_list(
            "user__username", flat=True
        )
    )
    # Siti and her supervisor work in Dinkes > Bidang Yankes.
    assert enrolled == {"siti", "kabid"}
    enrolment = Enrolment.objects.get(user=demo_people["siti"])
    assert enrolment.source == "assignment"
    assert enrolment.deadline == timezone.localdate() + datetime.timedelta(days=30)

    # The learner sees why and by when.
    client.force_login(demo_people["siti"])
    page = client.get(mandatory_course.url).content.decode()
    assert "Wajib bagi seluruh pegawai 2026" in page
    assert "Tenggat" in page


def test_assigning_again_creates_no_second_enrolment(
    client, demo_people, mandatory_course
):
    client.force_login(demo_people["adminntt"])
    dinkes = UnitKerja.objects.get(code="ntt-dinkes")
    for _ in range(2):
        client.post(
            reverse("assignments:add"), _form(mandatory_course, unit_kerja=dinkes.pk)
        )
    assert Enrolment.objects.filter(course=mandatory_course).count() == 2
    assert Assignment.objects.count() == 2


def test_people_outside_the_scope_cannot_be_assigned(
    client, demo_people, mandatory_course
):
    client.force_login(demo_people["adminntt"])
    response = client.post(
        reverse("assignments:add"),
        _form(
            mandatory_course,
            target="people",
            nips="199203152019032008\n199008172015031005",  # Siti, Agustinus
        ),
    )
    assert response.status_code == 200
    assert "199008172015031005" in response.content.decode()
    assert not Enrolment.objects.exists()
    assert not Assignment.objects.exists()


def test_supervisor_assigns_within_own_unit_only(client, demo_people, mandatory_course):
    client.force_login(demo_people["kabid"])
    own = UnitKerja.objects.get(code="ntt-dinkes-yankes")
    other = UnitKerja.objects.get(code="ntt-dikbud")
    response = client.post(
        reverse("assignments:add"), _form(mandatory_course, unit_kerja=other.pk)
    )
    assert response.status_code == 200  # not a choice for this supervisor
    assert not Enrolment.objects.exists()
    response = client.post(
        reverse("assignments:add"), _form(mandatory_course, unit_kerja=own.pk)
    )
    assert response.status_code == 302
    assert set(Enrolment.objects.values_list("user__username", flat=True)) == {
        "siti",
        "kabid",
    }


def test_assignment_by_jabatan_type(client, demo_people, mandatory_course):
    client.force_login(demo_people["adminntt"])
    response = client.post(
        reverse("assignments:add"),
        _form(mandatory_course, target="jabatan", jabatan_type="pelaksana"),
    )
    assert response.status_code == 302
    # Rina is the only pelaksana of pemprov-ntt; Agustinus is in Jayapura.
    assert list(Enrolment.objects.values_list("user__username", flat=True)) == ["rina"]


@pytest.mark.parametrize(
    "fields,error_field",
    [
        ({"target": "unit"}, "unit_kerja"),
        ({"target": "people", "nips": ""}, "nips"),
        ({"target": "jabatan"}, "jabatan_type"),
        (
            {
                "deadline": "2020-01-01",
                "target": "jabatan",
                "jabatan_type": "pelaksana",
            },
            "deadline",
        ),
        (
            {
                "deadline": "2026-02-30",
                "target": "jabatan",
                "jabatan_type": "pelaksana",
            },
            "deadline",
        ),
    ],
)
def test_bad_assignment_input_writes_nothing(
    client, demo_people, mandatory_course, fields, error_field
):
    client.force_login(demo_people["adminntt"])
    response = client.post(
        reverse("assignments:add"), _form(mandatory_course, **fields)
    )
    assert response.status_code == 200
    assert error_field in response.context["form"].errors
    assert not Assignment.objects.exists() and not Enrolment.objects.exists()


def test_learners_cannot_open_the_assignment_admin(client, demo_people):
    client.force_login(demo_people["siti"])
    response = client.get(reverse("assignments:add"))
    assert response.status_code in (302, 403)
