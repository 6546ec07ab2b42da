"""The organisation tree in the Wagtail admin: instansi and unit kerja."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from people.models import Instansi, UnitKerja


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


def test_unit_listing_shows_the_tree_in_order_with_parents(admin_client_):
    response = admin_client_.get(
        reverse("unit_kerja:index"),
        {"instansi": Instansi.objects.get(code="pemprov-ntt").pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    names = [
        "Badan Kepegawaian Daerah",
        "Bidang Mutasi dan Promosi",
        "Bidang Pengembangan Kompetensi",
        "Dinas Kesehatan",
        "Bidang Pelayanan Kesehatan",
        "Dinas Pendidikan dan Kebudayaan",
    ]
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)  # each unit right after its parent
    assert "Pemerintah Kabupaten Jayapura" not in html.split("<tbody")[1]
    rows = list(response.context["object_list"])
    yankes = next(row for row in rows if row.code == "ntt-dinkes-yankes")
    assert yankes.parent_name == "Dinas Kesehatan"
    assert yankes.people_count == 2  # kabid and siti


def test_unit_listing_searches_by_name_and_code(admin_client_):
    url = reverse("unit_kerja:index")
    by_code = admin_client_.get(url, {"q": "dukcapil-pel"}).context["object_list"]
    assert [u.code for u in by_code] == ["jpr-dukcapil-pelayanan"]
    by_name = admin_client_.get(url, {"q": "kesehatan"}).context["object_list"]
    assert {u.code for u in by_name} == {"ntt-dinkes", "ntt-dinkes-yankes"}


def test_unit_listing_query_count_does_not_grow_with_units(admin_client_):
    url = reverse("unit_kerja:index")
    with CaptureQueriesContext(connection) as before:
        admin_client_.get(url)
    root = unit("ntt-dikbud")
    for number in range(8):
        root.add_child(
            instansi=root.instansi, name=f"Seksi {number}", code=f"ntt-seksi-{number}"
        )
        root.refresh_from_db()
    with CaptureQueriesContext(connection) as after:
        admin_client_.get(url)
    # Units with instansi, parent name and head count come in one query.
    assert len(after.captured_queries) == len(before.captured_queries)


def test_superuser_creates_a_unit_under_a_parent(admin_client_):
    dinkes = unit("ntt-dinkes")
    response = admin_client_.post(
        reverse("unit_kerja:add"),
        {
            "instansi": dinkes.instansi_id,
            "parent": dinkes.pk,
            "name": "Bidang Pencegahan dan Pengendalian Penyakit",
            "code": "ntt-dinkes-p2p",
        },
    )
    assert response.status_code == 302
    created = unit("ntt-dinkes-p2p")
    assert created.get_parent() == dinkes
    assert created.instansi == dinkes.instansi
    assert unit("ntt-dinkes").numchild == 2
    # Siblings stay sorted by name.
    assert [c.code for c in unit("ntt-dinkes").get_children()] == [
        "ntt-dinkes-yankes",
        "ntt-dinkes-p2p",
    ]


def test_superuser_creates_a_top_level_unit(admin_client_):
    jayapura = Instansi.objects.get(code="pemkab-jayapura")
    response = admin_client_.post(
        reverse("unit_kerja:add"),
        {
            "instansi": jayapura.pk,
            "parent": "",
            "name": "Dinas Kesehatan",
            "code": "jpr-dinkes",
        },
    )
    assert response.status_code == 302
    assert unit("jpr-dinkes").is_root()


def test_a_parent_in_another_instansi_is_refused(admin_client_):
    jayapura = Instansi.objects.get(code="pemkab-jayapura")
    response = admin_client_.post(
        reverse("unit_kerja:add"),
        {
            "instansi": jayapura.pk,
            "parent": unit("ntt-dinkes").pk,
            "name": "Seksi Salah Tempat",
            "code": "salah-tempat",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("parent", code="parent_in_other_instansi")
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in form.errors["parent"][0]
    assert not UnitKerja.objects.filter(code="salah-tempat").exists()
    assert unit("ntt-dinkes").numchild == 1


def test_editing_moves_a_unit_to_a_new_parent(admin_client_):
    dikbud = unit("ntt-dikbud")
    response = admin_client_.post(
        reverse("unit_kerja:edit", args=[dikbud.pk]),
        {
            "instansi": dikbud.instansi_id,
            "parent": unit("ntt-bkd").pk,
            "name": dikbud.name,
            "code": dikbud.code,
        },
    )
    assert response.status_code == 302
    assert unit("ntt-dikbud").get_parent() == unit("ntt-bkd")
    assert unit("ntt-bkd").numchild == 3


def test_a_unit_cannot_move_under_its_own_sub_unit(admin_client_):
    dinkes = unit("ntt-dinkes")
    response = admin_client_.post(
        reverse("unit_kerja:edit", args=[dinkes.pk]),
        {
            "instansi": dinkes.instansi_id,
            "parent": unit("ntt-dinkes-yankes").pk,
            "name": dinkes.name,
            "code": dinkes.code,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("parent", code="invalid_choice")
    assert unit("ntt-dinkes").is_root()


def test_a_unit_with_people_cannot_change_instansi(admin_client_):
    yankes = unit("ntt-dinkes-yankes")
    response = admin_client_.post(
        reverse("unit_kerja:edit", args=[yankes.pk]),
        {
            "instansi": Instansi.objects.get(code="pemkab-jayapura").pk,
            "parent": "",
            "name": yankes.name,
            "code": yankes.code,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("instansi", code="unit_in_use")
    assert unit("ntt-dinkes-yankes").instansi.code == "pemprov-ntt"


def test_deleting_a_unit_with_people_is_refused(admin_client_):
    yankes = unit("ntt-dinkes-yankes")
    url = reverse("unit_kerja:delete", args=[yankes.pk])
    page = admin_client_.get(url)
    assert page.status_code == 200
    with translation.override("id"):
        reason = ngettext(
            "%(count)d person still works in it; move them to another unit first.",
            "%(count)d people still work in it; move them to another unit first.",
            2,
        ) % {"count": 2}
    assert reason in page.content.decode()
    assert page.context["is_protected"]  # no "Yes, delete" button

    response = admin_client_.post(url, follow=True)
    assert UnitKerja.objects.filter(pk=yankes.pk).exists()
    [message] = [str(m) for m in response.context["messages"]]
    assert str(yankes) in message and reason in message


def test_deleting_a_unit_with_sub_units_is_refused(admin_client_):
    dinkes = unit("ntt-dinkes")
    admin_client_.post(reverse("unit_kerja:delete", args=[dinkes.pk]))
    assert (
        UnitKerja.objects.filter(code__in=["ntt-dinkes", "ntt-dinkes-yankes"]).count()
        == 2
    )


def test_an_empty_unit_can_be_deleted(admin_client_):
    dukcapil = unit("jpr-dukcapil")
    leaf = dukcapil.add_child(
        instansi=dukcapil.instansi, name="Seksi Arsip", code="jpr-arsip"
    )
    response = admin_client_.post(reverse("unit_kerja:delete", args=[leaf.pk]))
    assert response.status_code == 302
    assert not UnitKerja.objects.filter(code="jpr-arsip").exists()
    assert unit("jpr-dukcapil").numchild == 1


def test_deleting_an_instansi_with_units_is_refused(admin_client_):
    ntt = Instansi.objects.get(code="pemprov-ntt")
    admin_client_.post(reverse("instansi:delete", args=[ntt.pk]))
    assert Instansi.objects.filter(pk=ntt.pk).exists()


def test_an_unused_instansi_can_be_created_and_deleted(admin_client_):
    response = admin_client_.post(
        reverse("instansi:add"),
        {"name": "Kementerian Contoh", "code": "kemen-contoh", "kind": "pusat"},
    )
    assert response.status_code == 302
    created = Instansi.objects.get(code="kemen-contoh")
    admin_client_.post(reverse("instansi:delete", args=[created.pk]))
    assert not Instansi.objects.filter(code="kemen-contoh").exists()


def test_organisation_menu_is_shown(admin_client_):
    html = admin_client_.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("unit_kerja:index") in html
    assert reverse("instansi:index") in html


def test_admin_instansi_sees_only_their_units_read_only(adminntt_client):
    response = adminntt_client.get(reverse("unit_kerja:index"))
    assert response.status_code == 200
    codes = {u.code for u in response.context["object_list"]}
    assert "ntt-dinkes-yankes" in codes
    assert not any(code.startswith("jpr-") for code in codes)
    jayapura_unit = unit("jpr-bkpsdm")
    assert (
        adminntt_client.get(
            reverse("unit_kerja:inspect", args=[jayapura_unit.pk])
        ).status_code
        == 404
    )
    assert (
        adminntt_client.get(
            reverse("unit_kerja:inspect", args=[unit("ntt-bkd").pk])
        ).status_code
        == 200
    )
    # View permission only: no adding, editing or deleting.
    assert adminntt_client.get(reverse("unit_kerja:add")).status_code != 200
    ntt_unit = unit("ntt-dikbud")
    adminntt_client.post(reverse("unit_kerja:delete", args=[ntt_unit.pk]))
    assert UnitKerja.objects.filter(pk=ntt_unit.pk).exists()


def test_admin_instansi_sees_only_their_instansi(adminntt_client):
    response = adminntt_client.get(reverse("instansi:index"))
    assert [i.code for i in response.context["object_list"]] == ["pemprov-ntt"]


@pytest.mark.parametrize("code", ["ntt-bkd", "jpr-bkpsdm"])
def test_renaming_a_top_unit_keeps_the_tree_sorted(admin_client_, code):
    """Make sure that renaming re-sorts, even for the first top-level unit."""
    top = unit(code)
    children = {c.code for c in top.get_children()}
    response = admin_client_.post(
        reverse("unit_kerja:edit", args=[top.pk]),
        {
            "instansi": top.instansi_id,
            "parent": "",
            "name": "Zona Terakhir",
            "code": top.code,
        },
    )
    assert response.status_code == 302
    roots = list(UnitKerja.get_root_nodes())
    assert [r.name for r in roots] == sorted(r.name for r in roots)
    assert roots[-1].code == code
    assert {c.code for c in unit(code).get_children()} == children
    assert UnitKerja.find_problems() == ([], [], [], [], [])


def test_a_sub_unit_can_become_a_top_level_unit(admin_client_):
    yankes = unit("ntt-dinkes-yankes")
    response = admin_client_.post(
        reverse("unit_kerja:edit", args=[yankes.pk]),
        {
            "instansi": yankes.instansi_id,
            "parent": "",
            "name": yankes.name,
            "code": yankes.code,
        },
    )
    assert response.status_code == 302
    assert unit("ntt-dinkes-yankes").is_root()
    assert unit("ntt-dinkes").numchild == 0
    assert UnitKerja.find_problems() == ([], [], [], [], [])
