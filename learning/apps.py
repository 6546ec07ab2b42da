from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# What each role may do with learning records in the admin. Supervisors
# assign courses to their unit; an Admin instansi also keeps the JP ledger.
ROLE_PERMISSIONS = {
    "Supervisor": (
        "wagtailadmin.access_admin",
        "learning.add_assignment",
        "learning.change_assignment",
        "learning.view_assignment",
    ),
    "Admin instansi": (
        "wagtailadmin.access_admin",
        "learning.add_assignment",
        "learning.change_assignment",
        "learning.view_assignment",
        "learning.add_jpledgerentry",
        "learning.view_jpledgerentry",
    ),
}


def grant_role_permissions(sender, using, **kwargs):
    """After ``migrate``: give the roles their learning permissions."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(sender, verbosity=0, using=using)
    for name, permission_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        for permission_name in permission_names:
            app_label, codename = permission_name.split(".")
            permission = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if permission is not None:
                group.permissions.add(permission)


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning records")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the completion receivers

        post_migrate.connect(
            grant_role_permissions,
            sender=self,
            dispatch_uid="learning_role_permissions",
        )
