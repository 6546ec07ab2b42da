from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# Admin instansi and supervisors assign courses to the people they manage.
ASSIGNING_ROLES = ("Admin instansi", "Supervisor")
ASSIGNING_PERMISSIONS = (
    ("wagtailadmin", "access_admin"),
    ("learning", "add_assignment"),
    ("learning", "change_assignment"),
    ("learning", "view_assignment"),
)


def grant_assignment_permissions(sender, using, **kwargs):
    """After ``migrate``: let the assigning roles create assignments."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(sender, verbosity=0, using=using)
    permissions = [
        permission
        for app_label, codename in ASSIGNING_PERMISSIONS
        if (
            permission := Permission.objects.using(using)
            .filter(content_type__app_label=app_label, codename=codename)
            .first()
        )
    ]
    for name in ASSIGNING_ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*permissions)


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning records")

    def ready(self):
        from . import receivers  # noqa: F401 - connects the completion receivers

        post_migrate.connect(
            grant_assignment_permissions,
            sender=self,
            dispatch_uid="learning_assignment_permissions",
        )
