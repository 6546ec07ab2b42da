from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users import apps as wagtail_users_apps


def create_role_groups(sender, using, **kwargs):
    """After ``migrate``: make sure the role groups and their permissions exist."""
    from django.contrib.auth.management import create_permissions

    from .roles import setup_role_groups

    # Receivers run in the order they were connected, and this app comes
    # before django.contrib.auth, so its permissions may not exist yet.
    create_permissions(sender, verbosity=0, using=using)
    setup_role_groups(using=using)


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and organisation")
    default = True

    def ready(self):
        post_migrate.connect(
            create_role_groups, sender=self, dispatch_uid="people_role_groups"
        )


class WagtailUsersAppConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's users app, with the ASN user admin (replaces "wagtail.users")."""

    default = False
    user_viewset = "people.viewsets.UserViewSet"
