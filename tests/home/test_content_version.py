"""Cached fragments of published content go stale when content changes."""

import pytest
from django.core.cache import cache
from django.template import Context, Template
from wagtail.models import Page

from home.signals import CONTENT_VERSION_KEY, bump_content_version, content_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page():
    home = Page.objects.get(depth=2)
    child = Page(title="Versi", slug="versi")
    home.add_child(instance=child)
    child.save_revision().publish()
    return child


def test_publishing_unpublishing_moving_and_deleting_bump_the_version(page):
    versions = [content_version()]
    page.save_revision().publish()
    versions.append(content_version())
    page.unpublish()
    versions.append(content_version())
    page.move(Page.objects.get(depth=1), pos="last-child")
    versions.append(content_version())
    page.delete()
    versions.append(content_version())
    assert versions == sorted(set(versions)), versions


def test_saving_a_draft_keeps_the_version(page):
    before = content_version()
    page.title = "Draf"
    page.save_revision()
    assert content_version() == before


def test_a_lost_version_comes_back_higher_than_before():
    first = bump_content_version()
    cache.delete(CONTENT_VERSION_KEY)
    assert content_version() > first
    cache.delete(CONTENT_VERSION_KEY)
    assert bump_content_version() > first


def test_a_fragment_keyed_by_the_version_is_rebuilt_after_a_publication(page):
    template = Template(
        "{% load cache home_tags %}{% content_version as version %}"
        "{% cache 600 title version %}{{ page.title }}{% endcache %}"
    )
    assert template.render(Context({"page": page})) == "Versi"
    page.title = "Versi baru"
    assert template.render(Context({"page": page})) == "Versi"  # still cached
    page.save_revision().publish()
    assert template.render(Context({"page": page})) == "Versi baru"
