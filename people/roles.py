"""Roles are Django groups; this module names them and gives them permissions.

A learner is an account in no role group. The group names are fixed because
other apps (and administrators reading the admin) rely on them.
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger("lms")

PELATIH = "Pelatih"
SUPERVISOR = "Supervisor"
ADMIN_INSTANSI = "Admin instansi"

# Roles an administrator of an instansi may hand out; anything else (trainer,
# admin instansi, Wagtail's own groups) needs a superuser.
ASSIGNABLE_BY_ADMIN_INSTANSI = (SUPERVISOR,)

# Permissions given to each role group, as "app_label.codename". Missing ones
# are added; permissions granted by hand are never taken away.
ROLE_PERMISSIONS = {
    ADMIN_INSTANSI: (
        "wagtailadmin.access_admin",
        "people.view_user",
        "people.add_user",
        "people.change_user",
        "people.view_unitkerja",
        "people.view_instansi",
    ),
    SUPERVISOR: (),
}


def role_names(user):
    """The names of the role groups the user belongs to (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, "_people_role_names"):
        user._people_role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._people_role_names


def is_admin_instansi(user):
    """Whether the user administers the people of their own instansi."""
    return ADMIN_INSTANSI in role_names(user)


def is_supervisor(user):
    """Whether the user follows the people of their own unit kerja subtree."""
    return SUPERVISOR in role_names(user)


def _permissions(names, using):
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = (
            Permission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .first()
        )
        if permission is None:
            logger.warning("Permission %s does not exist yet; skipped.", name)
        else:
            found.append(permission)
    return found


def setup_role_groups(using=DEFAULT_DB_ALIAS):
    """Create the role groups and give them their permissions; safe to repeat.

    ``Pelatih`` is only created when missing: its permissions belong to the
    courses app, so they are left alone here.
    """
    with transaction.atomic(using=using):
        Group.objects.using(using).get_or_create(name=PELATIH)
        for name, permission_names in ROLE_PERMISSIONS.items():
            group, _created = Group.objects.using(using).get_or_create(name=name)
            permissions = _permissions(permission_names, using)
            if permissions:
                group.permissions.add(*permissions)
