"""Template tags of the site chrome."""

from django import template

from home.signals import content_version as current_content_version

register = template.Library()


@register.simple_tag
def content_version():
    """The published-content version, for ``{% cache %}`` keys (see home.signals)."""
    return current_content_version()
