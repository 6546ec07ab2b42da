"""Wagtail's user admin with the ASN profile, and its scoping per administrator."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from people.models import Instansi, UnitKerja, User

PASSWORD = "Tenun-Ikat-Sumba-2026"


@pytest.fixture
def admin_client_(client, demo_people):
    client.force_login(demo_people["admin"])
    return client


@pytest.fixture
def adminntt_client(client, demo_people):
    client.force_login(demo_people["adminntt"])
    return client


def unit(code):
    return UnitKerja.objects.get(code=code)


def new_learner(**overrides):
    """POST data for a new learner in Dinas Pendidikan, NTT."""
    dikbud = unit("ntt-dikbud")
    data = {
        "username": "",
        "full_name": "Maria  Lona",
        "title_prefix": "",
        "title_suffix": "S.Pd.",
        "email": "maria.lona@belajar.localhost",
        "phone": "",
        "time_zone": "Asia/Makassar",
        "nip": "1994 0612 2020 12 2 004",
        "employment_status": "PNS",
        "instansi": dikbud.instansi_id,
        "unit_kerja": dikbud.pk,
        "jabatan": "Guru Ahli Pertama",
        "jabatan_type": "fungsional",
        "golongan": "III/a",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def edit_data(person, **overrides):
    """POST data that keeps ``person`` as they are, except ``overrides``."""
    data = {
        "username": person.username,
        "full_name": person.full_name,
        "title_prefix": person.title_prefix,
        "title_suffix": person.title_suffix,
        "email": person.email,
        "phone": person.phone,
        "time_zone": person.time_zone,
        "nip": person.nip or "",
        "employment_status": person.employment_status,
        "instansi": person.instansi_id or "",
        "unit_kerja": person.unit_kerja_id or "",
        "jabatan": person.jabatan,
        "jabatan_type": person.jabatan_type,
        "golongan": person.golongan,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": list(person.groups.values_list("pk", flat=True)),
    }
    data.update(overrides)
    return data


def test_superuser_creates_a_learner_with_asn_fields(admin_client_):
    supervisor = Group.objects.get(name="Supervisor")
    response = admin_client_.post(
        reverse("wagtailusers_users:add"), new_learner(groups=[supervisor.pk])
    )
    assert response.status_code == 302
    maria = User.objects.get(nip="199406122020122004")  # spaces removed
    assert maria.username == "199406122020122004"  # blank username: the NIP
    assert maria.full_name == "Maria Lona"
    assert maria.get_full_name() == "Maria Lona, S.Pd."
    assert maria.unit_kerja.code == "ntt-dikbud"
    assert maria.instansi.code == "pemprov-ntt"
    assert (maria.golongan, maria.jabatan_type) == ("III/a", "fungsional")
    assert maria.time_zone == "Asia/Makassar"
    assert maria.first_name == maria.last_name == ""
    assert list(maria.groups.all()) == [supervisor]
    assert maria.check_password(PASSWORD)


def test_user_form_uses_full_name_not_first_and_last_name(admin_client_):
    response = admin_client_.get(reverse("wagtailusers_users:add"))
    form = response.context["form"]
    assert "first_name" not in form.fields and "last_name" not in form.fields
    assert form.fields["full_name"].required
    html = response.content.decode()
    assert 'name="first_name"' not in html
    for name in ("nip", "instansi", "unit_kerja", "golongan", "time_zone"):
        assert f'name="{name}"' in html
    # Units are grouped per instansi and indented under their parent.
    assert '<optgroup label="Pemerintah Provinsi Nusa Tenggara Timur">' in html
    assert "— Bidang Pelayanan Kesehatan" in html


def test_a_unit_alone_fills_in_its_instansi(admin_client_):
    response = admin_client_.post(
        reverse("wagtailusers_users:add"),
        new_learner(instansi="", unit_kerja=unit("jpr-bkpsdm").pk),
    )
    assert response.status_code == 302
    assert User.objects.get(nip="199406122020122004").instansi.code == (
        "pemkab-jayapura"
    )


@pytest.mark.parametrize(
    "overrides,field,code",
    [
        ({"nip": "1994061220201220"}, "nip", "nip_length"),
        ({"nip": "199413122020122004"}, "nip", "nip_birth_date"),
        ({"nip": "199203152019032008"}, "nip", "duplicate_nip"),  # siti's
        ({"email": "Siti.Rahmawati@BELAJAR.localhost"}, "email", "duplicate_email"),
        ({"full_name": ""}, "full_name", "required"),
    ],
)
def test_bad_asn_data_is_rejected_and_nothing_is_written(
    admin_client_, overrides, field, code
):
    count = User.objects.count()
    response = admin_client_.post(
        reverse("wagtailusers_users:add"), new_learner(**overrides)
    )
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code=code)
    assert User.objects.count() == count


def test_error_messages_say_what_is_wrong(admin_client_):
    response = admin_client_.post(
        reverse("wagtailusers_users:add"),
        new_learner(email="YOHANES.BRIA@belajar.localhost", nip="12345"),
    )
    errors = response.context["form"].errors
    # Indonesian is the default language of the admin too.
    assert errors["email"] == ["Alamat e-mail ini sudah dipakai akun lain."]
    assert errors["nip"] == ["NIP harus terdiri dari tepat 18 angka."]


def test_a_unit_of_another_instansi_is_rejected(admin_client_):
    response = admin_client_.post(
        reverse("wagtailusers_users:add"),
        new_learner(unit_kerja=unit("jpr-bkpsdm").pk),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("unit_kerja", code="unit_outside_instansi")
    assert "Pemerintah Kabupaten Jayapura" in form.errors["unit_kerja"][0]
    assert not User.objects.filter(nip="199406122020122004").exists()


def test_without_username_or_nip_the_form_asks_for_one(admin_client_):
    response = admin_client_.post(
        reverse("wagtailusers_users:add"), new_learner(nip="")
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


def test_superuser_edits_a_learners_asn_fields(admin_client_, demo_people):
    siti = demo_people["siti"]
    response = admin_client_.post(
        reverse("wagtailusers_users:edit", args=[siti.pk]),
        edit_data(
            siti,
            unit_kerja=unit("ntt-dinkes").pk,
            golongan="III/b",
            jabatan="Perawat Ahli Muda",
            email="SITI.RAHMAWATI@belajar.localhost",  # her own, other case
        ),
    )
    assert response.status_code == 302
    siti.refresh_from_db()
    assert siti.unit_kerja.code == "ntt-dinkes"
    assert (siti.golongan, siti.jabatan) == ("III/b", "Perawat Ahli Muda")
    assert siti.nip == "199203152019032008"


def test_editing_with_a_bad_nip_changes_nothing(admin_client_, demo_people):
    siti = demo_people["siti"]
    response = admin_client_.post(
        reverse("wagtailusers_users:edit", args=[siti.pk]),
        edit_data(siti, nip="199203152019033008", golongan="IV/e"),
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("nip", code="nip_sex_digit")
    siti.refresh_from_db()
    assert siti.golongan == "III/a"


def test_listing_shows_nip_instansi_and_unit(admin_client_):
    response = admin_client_.get(reverse("wagtailusers_users:index"))
    html = response.content.decode()
    assert "199203152019032008" in html
    assert "Bidang Pelayanan Kesehatan" in html
    assert "Siti Rahmawati, S.Kep." in html  # get_full_name, with titles


def test_listing_searches_by_nip_and_full_name(admin_client_):
    url = reverse("wagtailusers_users:index")
    by_nip = admin_client_.get(url, {"q": "199008172015"}).context["object_list"]
    assert [u.username for u in by_nip] == ["agustinus"]
    by_name = admin_client_.get(url, {"q": "rahmawati"}).context["object_list"]
    assert [u.username for u in by_name] == ["siti"]


def test_listing_sorts_by_full_name(admin_client_):
    response = admin_client_.get(
        reverse("wagtailusers_users:index"), {"ordering": "name"}
    )
    names = [u.full_name for u in response.context["object_list"]]
    assert names == sorted(names)


# --- Admin instansi --------------------------------------------------------


def test_admin_instansi_lists_only_their_instansi(adminntt_client):
    response = adminntt_client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    listed = {u.username for u in response.context["object_list"]}
    assert "siti" in listed
    assert "agustinus" not in listed
    assert "Agustinus" not in response.content.decode()


def test_admin_instansi_cannot_open_another_instansis_user(
    adminntt_client, demo_people
):
    agustinus = demo_people["agustinus"]
    for name in ("edit", "delete", "history"):
        url = reverse(f"wagtailusers_users:{name}", args=[agustinus.pk])
        assert adminntt_client.get(url).status_code == 404
    response = adminntt_client.post(
        reverse("wagtailusers_users:edit", args=[agustinus.pk]),
        edit_data(agustinus, jabatan="Diubah"),
    )
    assert response.status_code == 404
    agustinus.refresh_from_db()
    assert agustinus.jabatan == "Penata Kependudukan"


def test_admin_instansi_cannot_edit_a_trainer_of_their_instansi(
    adminntt_client, demo_people
):
    pelatih = demo_people["pelatih"]
    url = reverse("wagtailusers_users:edit", args=[pelatih.pk])
    # Wagtail answers a PermissionDenied with a redirect to the dashboard.
    assert adminntt_client.get(url).status_code in (302, 403)
    adminntt_client.post(url, edit_data(pelatih, password1="x", password2="x"))
    pelatih.refresh_from_db()
    assert not pelatih.check_password("x")
    listing = adminntt_client.get(reverse("wagtailusers_users:index"))
    assert url not in listing.content.decode()  # listed, but not as a link


def test_admin_instansi_edits_a_learner_but_cannot_make_a_superuser(
    adminntt_client, demo_people
):
    siti = demo_people["siti"]
    supervisor = Group.objects.get(name="Supervisor")
    url = reverse("wagtailusers_users:edit", args=[siti.pk])
    form = adminntt_client.get(url).context["form"]
    assert "is_superuser" not in form.fields
    assert list(form.fields["groups"].queryset) == [supervisor]
    response = adminntt_client.post(
        url,
        edit_data(siti, is_superuser="on", groups=[supervisor.pk], golongan="III/b"),
    )
    assert response.status_code == 302
    siti.refresh_from_db()
    assert not siti.is_superuser
    assert siti.golongan == "III/b"
    assert list(siti.groups.all()) == [supervisor]


def test_admin_instansi_cannot_hand_out_other_roles(adminntt_client, demo_people):
    siti = demo_people["siti"]
    pelatih_group = Group.objects.get(name="Pelatih")
    response = adminntt_client.post(
        reverse("wagtailusers_users:edit", args=[siti.pk]),
        edit_data(siti, groups=[pelatih_group.pk]),
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("groups", code="invalid_choice")
    assert not siti.groups.exists()


def test_admin_instansi_keeps_roles_they_cannot_change(adminntt_client, demo_people):
    adminntt = demo_people["adminntt"]
    response = adminntt_client.post(
        reverse("wagtailusers_users:edit", args=[adminntt.pk]),
        edit_data(adminntt, groups=[], is_active=""),
    )
    assert response.status_code == 302
    assert list(adminntt.groups.values_list("name", flat=True)) == ["Admin instansi"]


def test_admin_instansi_cannot_move_anyone_to_another_instansi(
    adminntt_client, demo_people
):
    siti = demo_people["siti"]
    jayapura = Instansi.objects.get(code="pemkab-jayapura")
    response = adminntt_client.post(
        reverse("wagtailusers_users:edit", args=[siti.pk]),
        edit_data(siti, instansi=jayapura.pk, unit_kerja=unit("jpr-bkpsdm").pk),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("instansi", code="invalid_choice")
    assert form.has_error("unit_kerja", code="invalid_choice")
    siti.refresh_from_db()
    assert siti.instansi.code == "pemprov-ntt"


def test_admin_instansi_creates_a_learner_in_their_instansi(adminntt_client):
    form = adminntt_client.get(reverse("wagtailusers_users:add")).context["form"]
    assert form["instansi"].value() == Instansi.objects.get(code="pemprov-ntt").pk
    response = adminntt_client.post(reverse("wagtailusers_users:add"), new_learner())
    assert response.status_code == 302
    maria = User.objects.get(nip="199406122020122004")
    assert not maria.is_superuser
    assert maria.instansi.code == "pemprov-ntt"


def test_admin_instansi_cannot_create_a_superuser(adminntt_client):
    response = adminntt_client.post(
        reverse("wagtailusers_users:add"), new_learner(is_superuser="on")
    )
    assert response.status_code == 302
    assert not User.objects.get(nip="199406122020122004").is_superuser


def test_bulk_actions_stay_inside_the_scope(adminntt_client, demo_people):
    admin, agustinus, siti = (
        demo_people["admin"],
        demo_people["agustinus"],
        demo_people["siti"],
    )
    url = reverse("wagtail_bulk_action", args=["people", "user", "set_active_state"])
    query = f"?id={admin.pk}&id={agustinus.pk}&id={siti.pk}"
    response = adminntt_client.post(url + query, {"mark_as_active": "False"})
    assert response.status_code == 302
    assert User.objects.get(pk=admin.pk).is_active
    assert User.objects.get(pk=agustinus.pk).is_active
    assert not User.objects.get(pk=siti.pk).is_active


def test_bulk_role_assignment_offers_only_assignable_roles(
    adminntt_client, demo_people
):
    siti = demo_people["siti"]
    url = reverse("wagtail_bulk_action", args=["people", "user", "assign_role"])
    query = f"?id={siti.pk}"
    admin_group = Group.objects.get(name="Admin instansi")
    response = adminntt_client.post(url + query, {"role": admin_group.pk})
    assert response.status_code == 200  # form error: not a valid choice
    assert not siti.groups.exists()
    supervisor = Group.objects.get(name="Supervisor")
    adminntt_client.post(url + query, {"role": supervisor.pk})
    assert list(siti.groups.all()) == [supervisor]


def test_a_learner_cannot_open_the_user_admin(client, demo_people):
    client.force_login(demo_people["siti"])
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or response["Location"] == "/"


def test_listing_filters_by_instansi(admin_client_):
    jayapura = Instansi.objects.get(code="pemkab-jayapura")
    response = admin_client_.get(
        reverse("wagtailusers_users:index"), {"instansi": jayapura.pk}
    )
    listed = {u.username for u in response.context["object_list"]}
    assert listed == {"pelatih2", "agustinus"}
    without_nip = admin_client_.get(
        reverse("wagtailusers_users:index"), {"has_nip": "false"}
    ).context["object_list"]
    assert {u.username for u in without_nip} == {"admin", "pelatih2", "adminntt"}


def test_new_accounts_start_in_the_administrators_time_zone(adminntt_client):
    form = adminntt_client.get(reverse("wagtailusers_users:add")).context["form"]
    assert form["time_zone"].value() == "Asia/Makassar"


def test_account_page_saves_full_name_instead_of_first_and_last(
    adminntt_client, demo_people
):
    """Make sure that the admin's own account page can be saved at all."""
    response = adminntt_client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-full_name": "Yosef  Manek",
            "name_email-email": "ADMIN.NTT@belajar.localhost",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "dark",
            "theme-density": "default",
            "theme-contrast": "system",
        },
    )
    assert response.status_code == 302
    adminntt = User.objects.get(username="adminntt")
    assert adminntt.full_name == "Yosef Manek"
    assert adminntt.wagtail_userprofile.theme == "dark"


def test_account_page_refuses_an_email_someone_else_uses(adminntt_client):
    response = adminntt_client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-full_name": "Yosef Manek",
            "name_email-email": "Siti.Rahmawati@belajar.localhost",
            "locale-preferred_language": "id",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
        },
    )
    assert response.status_code == 200
    assert User.objects.get(username="adminntt").email == "admin.ntt@belajar.localhost"
