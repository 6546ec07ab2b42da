"""A version number for cached fragments of published content.

Templates may cache an expensive fragment (the course cards of the catalogue,
a course's module list) with the version in its key::

    {% load cache home_tags %}{% content_version as version %}
    {% cache 600 course_cards version request.get_full_path LANGUAGE_CODE %}
    ...
    {% endcache %}

Publishing, unpublishing, moving or deleting any page bumps the version, so
every such fragment is rebuilt on its next view, on every app server: the
number lives in the shared cache (Redis in production). A fragment never has
to know which pages it shows. Learner-specific parts (progress, buttons)
must stay outside cached fragments.
"""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

CONTENT_VERSION_KEY = "lms:content-version"


def _fresh_version():
    # Microseconds: a version recreated after the cache lost it (restart,
    # eviction) is still higher than any number handed out before, since
    # publications never come a million a second.
    return time.time_ns() // 1000


def content_version():
    """The current version of published content (one cache read)."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, _fresh_version(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY) or _fresh_version()
    return version


def bump_content_version():
    """Make every fragment cached under the old version stale."""
    try:
        return cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not in the cache (yet, or any more)
        version = _fresh_version()
        cache.set(CONTENT_VERSION_KEY, version, timeout=None)
        return version


@receiver(page_published, dispatch_uid="home_content_version_published")
@receiver(page_unpublished, dispatch_uid="home_content_version_unpublished")
@receiver(post_page_move, dispatch_uid="home_content_version_moved")
def content_changed(sender, **kwargs):
    bump_content_version()


@receiver(post_delete, dispatch_uid="home_content_version_deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_content_version()
