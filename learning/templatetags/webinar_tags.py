"""The learner's part of a webinar page: registration, join link, check-in."""

from django import template

register = template.Library()


@register.inclusion_tag("learning/includes/webinar_panel.html", takes_context=True)
def webinar_panel(context, webinar):
    """Registration state and actions for ``webinar`` (filled in below)."""
    return {"request": context.get("request"), "webinar": webinar}
