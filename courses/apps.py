from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _setup_groups_after_migrate(sender, **kwargs):
    from .permissions import setup_trainer_group

    setup_trainer_group()


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses and content")

    def ready(self):
        # Groups, trainer permissions and the review workflow follow every
        # migrate (idempotent); page permissions once the index pages exist.
        post_migrate.connect(
            _setup_groups_after_migrate,
            sender=self,
            dispatch_uid="courses.setup_trainer_group",
        )
