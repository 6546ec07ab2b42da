"""Who may see whom: the one place that turns an account into a set of rows.

The admin screens of this app use these functions, and so do reports in other
apps, so a role sees the same people everywhere:

- a superuser sees everyone and every unit;
- an ``Admin instansi`` sees the people and units of their own instansi;
- a ``Supervisor`` sees the people and units of their own unit kerja subtree;
- anyone else sees only themself, and no unit.

A user with several roles sees the union of what each role sees.
"""

from django.contrib.auth.models import Group
from django.db.models import Q

from .models import Instansi, UnitKerja, User
from .roles import ASSIGNABLE_BY_ADMIN_INSTANSI, is_admin_instansi, is_supervisor


def _supervised_unit(user):
    """The unit whose subtree a supervisor follows, or None."""
    if user.unit_kerja_id and is_supervisor(user):
        return user.unit_kerja
    return None


def people_visible_to(user):
    """The accounts whose data ``user`` may see (a ``User`` QuerySet)."""
    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    visible = Q(pk=user.pk)
    if user.instansi_id and is_admin_instansi(user):
        visible |= Q(instansi_id=user.instansi_id)
    if unit := _supervised_unit(user):
        visible |= unit.subtree_filter("unit_kerja")
    return User.objects.filter(visible)


def units_visible_to(user):
    """The unit kerja whose people ``user`` may see (a ``UnitKerja`` QuerySet)."""
    if not getattr(user, "is_authenticated", False):
        return UnitKerja.objects.none()
    if user.is_superuser:
        return UnitKerja.objects.all()
    visible = Q(pk__in=[])
    if user.instansi_id and is_admin_instansi(user):
        visible |= Q(instansi_id=user.instansi_id)
    if unit := _supervised_unit(user):
        visible |= Q(path__startswith=unit.path)
    return UnitKerja.objects.filter(visible)


def instansi_visible_to(user):
    """The instansi ``user`` may see: all for a superuser, else their own."""
    if not getattr(user, "is_authenticated", False):
        return Instansi.objects.none()
    if user.is_superuser:
        return Instansi.objects.all()
    return Instansi.objects.filter(pk=user.instansi_id)


def groups_assignable_by(user):
    """The role groups ``user`` may give to or take from other accounts."""
    if user.is_superuser:
        return Group.objects.all()
    if is_admin_instansi(user):
        return Group.objects.filter(name__in=ASSIGNABLE_BY_ADMIN_INSTANSI)
    return Group.objects.none()


def people_manageable_by(user):
    """The accounts ``user`` may edit (profile, password, roles): a QuerySet.

    Seeing is not enough: a non-superuser may not edit a superuser or an
    account holding a role they could not give themself (a trainer, another
    administrator), since setting that account's password would hand them its
    rights. Everyone may edit their own account.
    """
    people = people_visible_to(user)
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return people
    assignable = groups_assignable_by(user)
    protected = Q(is_superuser=True) | Q(
        pk__in=User.groups.through.objects.exclude(group__in=assignable).values(
            "user_id"
        )
    )
    return people.exclude(protected & ~Q(pk=user.pk))


def can_manage_account(user, person):
    """Whether ``user`` may edit ``person``'s account (one query)."""
    return people_manageable_by(user).filter(pk=person.pk).exists()
