"""Logging in by NIP or e-mail, the profile page and NIP validation."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from people.demo import DEMO_PASSWORD
from people.validators import validate_nip


@pytest.mark.parametrize(
    "identifier",
    [
        "199203152019032008",
        "1992 0315 2019 03 2 008",
        "Siti.Rahmawati@Belajar.localhost",
    ],
)
def test_learner_logs_in_with_nip_or_email(client, demo_people, identifier):
    response = client.post(
        reverse("people:login"), {"username": identifier, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(demo_people["siti"].pk)


def test_wrong_password_gives_a_clear_message_in_indonesian(client, demo_people):
    response = client.post(
        reverse("people:login"),
        {"username": "199203152019032008", "password": "salah"},
    )
    assert response.status_code == 200
    assert "salah" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post(client, demo_people):
    client.force_login(demo_people["siti"])
    assert client.get(reverse("people:logout")).status_code == 405
    client.post(reverse("people:logout"))
    assert "_auth_user_id" not in client.session


def test_profile_edits_contact_details_but_not_hr_data(client, demo_people):
    siti = demo_people["siti"]
    client.force_login(siti)
    response = client.post(
        reverse("people:profile"),
        {
            "title_prefix": "",
            "title_suffix": "S.Kep., Ns.",
            "email": "siti.baru@belajar.localhost",
            "phone": "0812 9999 0000",
            "time_zone": "Asia/Jayapura",
            "nip": "199001012019031001",
            "golongan": "IV/e",
        },
    )
    assert response.status_code == 302
    siti.refresh_from_db()
    assert siti.title_suffix == "S.Kep., Ns."
    assert siti.time_zone == "Asia/Jayapura"
    assert siti.nip == "199203152019032008"
    assert siti.golongan == "III/a"


def test_profile_rejects_an_email_used_by_someone_else(client, demo_people):
    siti = demo_people["siti"]
    client.force_login(siti)
    response = client.post(
        reverse("people:profile"),
        {
            "email": "YOHANES.BRIA@belajar.localhost",
            "phone": "",
            "time_zone": "Asia/Makassar",
        },
    )
    assert response.status_code == 200
    assert "sudah dipakai" in response.content.decode()
    siti.refresh_from_db()
    assert siti.email == "siti.rahmawati@belajar.localhost"


def test_profile_needs_login(client, db):
    response = client.get(reverse("people:profile"))
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_password_reset_sends_mail_only_to_known_addresses(client, demo_people):
    url = reverse("people:password_reset")
    known = client.post(url, {"email": "siti.rahmawati@belajar.localhost"})
    unknown = client.post(url, {"email": "nobody@belajar.localhost"})
    # Same answer either way, so the form does not reveal who has an account.
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert "/akun/sandi/atur/" in mail.outbox[0].body


@pytest.mark.parametrize(
    "nip",
    ["199203152019032008", "196805141993032004"],
)
def test_valid_nip_shapes(nip):
    validate_nip(nip)


@pytest.mark.parametrize(
    "nip,code",
    [
        ("12345", "nip_length"),
        ("19920315201903200X", "nip_length"),
        ("199213152019032008", "nip_birth_date"),
        ("199203152019132008", "nip_start"),
        ("199203152019033008", "nip_sex_digit"),
    ],
)
def test_invalid_nip_shapes(nip, code):
    with pytest.raises(ValidationError) as error:
        validate_nip(nip)
    assert error.value.code == code


def test_pppk_nip_carries_21_instead_of_a_month():
    validate_nip("199511202023212011")
    with pytest.raises(ValidationError):
        validate_nip("199511202023222011")


@pytest.mark.parametrize("name", ["unitkerja", "instansi"])
def test_admin_history_pages_of_people_and_units_open(client, demo_people, name):
    from people.models import Instansi, UnitKerja

    client.force_login(demo_people["admin"])
    obj = (UnitKerja if name == "unitkerja" else Instansi).objects.first()
    from wagtail.admin.admin_url_finder import AdminURLFinder

    edit_url = AdminURLFinder(demo_people["admin"]).get_edit_url(obj)
    history_url = edit_url.replace("/edit/", "/history/")
    assert client.get(history_url).status_code == 200


def test_admin_history_page_of_a_user_opens(client, demo_people):
    client.force_login(demo_people["admin"])
    response = client.get(f"/admin/users/history/{demo_people['siti'].pk}/")
    assert response.status_code == 200
