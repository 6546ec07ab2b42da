"""Row scoping per role, and the role groups created after migrate."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from people.models import UnitKerja, User
from people.roles import ROLE_PERMISSIONS, setup_role_groups
from people.scoping import (
    can_manage_account,
    groups_assignable_by,
    instansi_visible_to,
    people_manageable_by,
    people_visible_to,
    units_visible_to,
)

NTT_PEOPLE = {"pelatih", "adminntt", "kabid", "siti", "yohanes", "rina"}
NTT_UNITS = {
    "ntt-bkd",
    "ntt-bkd-bangkom",
    "ntt-bkd-mutasi",
    "ntt-dinkes",
    "ntt-dinkes-yankes",
    "ntt-dikbud",
}


def usernames(queryset):
    return set(queryset.values_list("username", flat=True))


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


def test_superuser_sees_everyone_and_every_unit(demo_people):
    admin = demo_people["admin"]
    assert usernames(people_visible_to(admin)) == set(demo_people)
    assert units_visible_to(admin).count() == UnitKerja.objects.count()
    assert instansi_visible_to(admin).count() == 2


def test_admin_instansi_sees_their_own_instansi_only(demo_people):
    adminntt = demo_people["adminntt"]
    assert usernames(people_visible_to(adminntt)) == NTT_PEOPLE
    assert codes(units_visible_to(adminntt)) == NTT_UNITS
    assert list(instansi_visible_to(adminntt)) == [adminntt.instansi]


def test_supervisor_sees_their_unit_subtree(demo_people):
    kabid = demo_people["kabid"]
    yankes = kabid.unit_kerja
    puskesmas = yankes.add_child(
        instansi=yankes.instansi, name="Seksi Puskesmas", code="ntt-yankes-pkm"
    )
    User.objects.create(
        username="perawat", instansi=yankes.instansi, unit_kerja=puskesmas
    )
    # siti works in the same unit; perawat one level below; yohanes elsewhere.
    assert usernames(people_visible_to(kabid)) == {"kabid", "siti", "perawat"}
    assert codes(units_visible_to(kabid)) == {"ntt-dinkes-yankes", "ntt-yankes-pkm"}


def test_learner_sees_only_themself_and_no_unit(demo_people):
    siti = demo_people["siti"]
    assert usernames(people_visible_to(siti)) == {"siti"}
    assert not units_visible_to(siti).exists()
    assert list(instansi_visible_to(siti)) == [siti.instansi]


def test_anonymous_sees_nothing(db):
    anonymous = AnonymousUser()
    assert not people_visible_to(anonymous).exists()
    assert not units_visible_to(anonymous).exists()
    assert not instansi_visible_to(anonymous).exists()


def test_admin_instansi_without_an_instansi_sees_only_themself(demo_people):
    adminntt = demo_people["adminntt"]
    User.objects.filter(pk=adminntt.pk).update(instansi=None)
    adminntt.refresh_from_db()
    assert usernames(people_visible_to(adminntt)) == {"adminntt"}
    assert not units_visible_to(adminntt).exists()


def test_two_roles_see_the_union(demo_people):
    kabid = User.objects.get(username="kabid")
    kabid.groups.add(Group.objects.get(name="Admin instansi"))
    assert usernames(people_visible_to(kabid)) == NTT_PEOPLE


def test_admin_instansi_manages_learners_and_supervisors_not_trainers(demo_people):
    adminntt = demo_people["adminntt"]
    assert usernames(people_manageable_by(adminntt)) == {
        "adminntt",
        "kabid",
        "siti",
        "yohanes",
        "rina",
    }
    assert can_manage_account(adminntt, demo_people["siti"])
    assert not can_manage_account(adminntt, demo_people["pelatih"])
    assert not can_manage_account(adminntt, demo_people["agustinus"])
    assert not can_manage_account(adminntt, demo_people["admin"])
    assert list(groups_assignable_by(adminntt).values_list("name", flat=True)) == [
        "Supervisor"
    ]


def test_a_superuser_in_the_instansi_is_not_manageable_by_its_admin(demo_people):
    siti = demo_people["siti"]
    User.objects.filter(pk=siti.pk).update(is_superuser=True)
    assert not can_manage_account(demo_people["adminntt"], siti)


def granted(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_role_groups_exist_after_migrate_with_their_permissions(db):
    # Other apps add their own permissions to these groups too.
    assert granted("Admin instansi") >= set(ROLE_PERMISSIONS["Admin instansi"])
    assert Group.objects.filter(name__in=["Pelatih", "Supervisor"]).count() == 2


def test_setup_role_groups_is_idempotent_and_leaves_other_permissions(db):
    pelatih = Group.objects.get(name="Pelatih")
    pelatih.permissions.set([])
    admin_group = Group.objects.get(name="Admin instansi")
    admin_group.permissions.remove(Permission.objects.get(codename="change_user"))
    extra = Permission.objects.get(codename="delete_user")
    admin_group.permissions.add(extra)

    setup_role_groups()
    after_first = granted("Admin instansi")
    setup_role_groups()

    assert Group.objects.filter(name="Admin instansi").count() == 1
    assert granted("Admin instansi") == after_first
    assert "people.change_user" in after_first  # put back
    assert "people.delete_user" in after_first  # granted by hand, kept
    # Pelatih's permissions belong to the courses app: left as they were.
    assert not pelatih.permissions.exists()


def test_setup_role_groups_creates_missing_groups(db):
    Group.objects.filter(name__in=["Pelatih", "Supervisor", "Admin instansi"]).delete()
    setup_role_groups()
    assert set(
        Group.objects.filter(
            name__in=["Pelatih", "Supervisor", "Admin instansi"]
        ).values_list("name", flat=True)
    ) == {"Pelatih", "Supervisor", "Admin instansi"}


@pytest.mark.parametrize("username", ["siti", "kabid", "adminntt"])
def test_scoping_costs_a_fixed_number_of_queries(
    demo_people, django_assert_max_num_queries, username
):
    user = User.objects.get(username=username)
    # role names (1) + the supervisor's unit (1) + the people query (1)
    with django_assert_max_num_queries(3):
        list(people_visible_to(user))
