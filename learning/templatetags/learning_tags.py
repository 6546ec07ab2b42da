"""Learner-specific parts of course and module pages.

Authored pages (``courses``) never read learner records themselves; their
templates call these tags, which the learning app fills in.
"""

from django import template

register = template.Library()


@register.inclusion_tag("learning/includes/course_panel.html", takes_context=True)
def course_panel(context, course):
    """Enrol button, progress and 'continue' link for a course page."""
    return {"request": context.get("request"), "course": course}


@register.inclusion_tag("learning/includes/module_panel.html", takes_context=True)
def module_panel(context, module):
    """Position in the course, previous/next and 'mark complete' for a module."""
    return {"request": context.get("request"), "module": module}


@register.inclusion_tag("learning/includes/module_quiz.html", takes_context=True)
def module_quiz(context, module):
    """The module's quiz (start, answer, result) and its questionnaire."""
    return {"request": context.get("request"), "module": module}
