"""Learner-specific parts of course and module pages.

Authored pages (``courses``) never read learner records themselves; their
templates call these tags, which read them through ``learning.progress``.
"""

from django import template

from learning import services
from learning.models import RATING_FIELDS, ModuleFeedback
from learning.progress import course_for_module, course_state, quiz_summary

register = template.Library()


@register.inclusion_tag("learning/includes/course_panel.html", takes_context=True)
def course_panel(context, course):
    """Enrol button, progress and 'continue' link for a course page."""
    request = context.get("request")
    user = request.user
    state = course_state(user, course, request)
    missing = []
    if user.is_authenticated and not state.enrolled:
        missing = services.missing_prerequisites(user, course)
    return {
        "request": request,
        "user": user,
        "course": course,
        "state": state,
        "missing_prerequisites": missing,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("learning/includes/module_panel.html", takes_context=True)
def module_panel(context, module):
    """Position in the course, previous/next and 'mark complete' for a module."""
    request = context.get("request")
    course = course_for_module(module, request)
    state = course_state(request.user, course, request)
    index = state.position_of(module.pk)
    previous_module = next_module = current = None
    if index is not None:
        current = state.modules[index]
        if index > 0:
            previous_module = state.modules[index - 1].module
        if index + 1 < len(state.modules):
            next_module = state.modules[index + 1].module
    quiz_gates_completion = module.has_quiz and course.require_quiz_pass
    return {
        "request": request,
        "course": course,
        "module": module,
        "state": state,
        "current": current,
        "number": (index or 0) + 1,
        "previous_module": previous_module,
        "next_module": next_module,
        "quiz_gates_completion": quiz_gates_completion,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("learning/includes/module_quiz.html", takes_context=True)
def module_quiz(context, module):
    """The module's quiz status and start button, and its questionnaire."""
    request = context.get("request")
    user = request.user
    course = course_for_module(module, request)
    state = course_state(user, course, request)
    summary = None
    feedback = None
    if state.enrolled:
        if module.has_quiz:
            summary = quiz_summary(user, module)
            summary["left"] = services.attempts_left(module, summary["used"])
        feedback = ModuleFeedback.objects.filter(user=user, module=module).first()
    return {
        "request": request,
        "course": course,
        "module": module,
        "state": state,
        "quiz": summary,
        "question_count": len(module.question_blocks),
        "pass_mark": module.effective_pass_mark(course) if module.has_quiz else None,
        "feedback": feedback,
        "feedback_locked": bool(
            feedback and state.enrolment and state.enrolment.completed_at
        ),
        "rating_fields": feedback_rating_fields(feedback),
        "csrf_token": context.get("csrf_token"),
    }


def feedback_rating_fields(feedback):
    """The questionnaire's rating rows with their labels and current values."""
    return [
        {
            "name": name,
            "label": ModuleFeedback._meta.get_field(name).verbose_name,
            "value": getattr(feedback, name, None),
        }
        for name in RATING_FIELDS
    ]


@register.filter
def percent_width(value):
    """Clamp a number to 0-100 for a progress bar width."""
    try:
        return max(0, min(100, int(value)))
    except (TypeError, ValueError):
        return 0
