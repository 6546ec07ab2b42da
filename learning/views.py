"""The learner's actions: enrol, complete, take a quiz, give feedback.

Views stay thin: they find the objects (only the learner's own), call a
function of ``learning.services`` and turn its answer into a page or a
redirect with a message in the learner's language.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage, ModulePage

from . import quiz, services
from .dashboard import dashboard_data
from .models import ModuleFeedback, QuizAttempt
from .progress import course_for_module, course_state


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return error.message


@login_required
@require_POST
def enrol(request, course_id):
    """'Ikuti kursus': join an open course, then go to its first module."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        _enrolment, created = services.enrol(request.user, course)
    except services.EnrolmentRefused as error:
        messages.error(request, error.message)
        return redirect(course.url)
    if created:
        messages.success(
            request,
            _("You have joined %(course)s. Good luck!") % {"course": course.title},
        )
    state = course_state(request.user, course, request)
    target = state.next_module
    return redirect(target.url if target else course.url)


@login_required
@require_POST
def complete_module(request, module_id):
    """'Tandai selesai': mark a module done and go on to the next one."""
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    course = course_for_module(module)
    try:
        services.complete_module(request.user, module)
    except services.LearningError as error:
        messages.error(request, error.message)
        return redirect(module.url)
    state = course_state(request.user, course, request)
    if state.enrolment and state.enrolment.completed_at:
        messages.success(
            request,
            _("Congratulations, you have completed %(course)s!")
            % {"course": course.title},
        )
        return redirect(course.url)
    messages.success(request, _("Module marked as done."))
    target = state.next_module
    return redirect(target.url if target else course.url)


@login_required
@require_POST
def start_quiz(request, module_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    try:
        attempt, _created = services.start_attempt(request.user, module)
    except services.LearningError as error:
        messages.error(request, error.message)
        return redirect(module.url + "#kuis")
    return redirect("learning:quiz_attempt", attempt_id=attempt.pk)


def _own_attempt_or_404(request, attempt_id):
    attempt = (
        QuizAttempt.objects.filter(pk=attempt_id, user=request.user)
        .select_related("module")
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


def _answers_from_post(post, attempt):
    """Map question id to the submitted value(s) from the quiz form.

    Multiple-choice questions send several values under one name; unknown
    question ids are passed on so the service can refuse them.
    """
    kinds = {q["id"]: q["type"] for q in attempt.snapshot["questions"]}
    answers = {}
    for key in post:
        if key.startswith("q-"):
            question_id = key[2:]
            values = post.getlist(key)
            answers[question_id] = (
                values if kinds.get(question_id) == "multiple" else values[-1]
            )
    return answers


@login_required
def quiz_attempt(request, attempt_id):
    """Show an open attempt's questions; save or submit its answers."""
    attempt = _own_attempt_or_404(request, attempt_id)
    module = attempt.module.specific
    if attempt.submitted_at is None and services.close_if_expired(attempt):
        messages.warning(
            request, _("Time is up. Your attempt was graded with the answers saved.")
        )
    if attempt.submitted_at is not None:
        return redirect("learning:quiz_result", attempt_id=attempt.pk)
    if request.method == "POST":
        answers = _answers_from_post(request.POST, attempt)
        action = request.POST.get("action", "submit")
        try:
            if action == "save":
                services.save_answers(request.user, attempt.pk, answers)
                messages.success(request, _("Your answers are saved."))
                return redirect("learning:quiz_attempt", attempt_id=attempt.pk)
            services.submit_attempt(request.user, attempt.pk, answers)
        except (services.LearningError, ValidationError) as error:
            messages.error(request, _error_text(error))
            return redirect("learning:quiz_attempt", attempt_id=attempt.pk)
        return redirect("learning:quiz_result", attempt_id=attempt.pk)
    saved = dict(attempt.answers.values_list("question_id", "value"))
    questions = quiz.public_questions(attempt.snapshot)
    for question in questions:
        question["saved"] = saved.get(question["id"])
    return TemplateResponse(
        request,
        "learning/quiz_attempt.html",
        {
            "attempt": attempt,
            "module": module,
            "questions": questions,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def quiz_autosave(request, attempt_id):
    """Save answers in the background while the learner works (JavaScript)."""
    attempt = _own_attempt_or_404(request, attempt_id)
    try:
        services.save_answers(
            request.user, attempt.pk, _answers_from_post(request.POST, attempt)
        )
    except services.QuizClosed as error:
        return JsonResponse({"ok": False, "error": error.message}, status=409)
    except ValidationError as error:
        return JsonResponse({"ok": False, "error": _error_text(error)}, status=400)
    return JsonResponse({"ok": True, "saved_at": timezone.now().isoformat()})


@login_required
def quiz_result(request, attempt_id):
    """Score, pass/fail and per-question feedback of a submitted attempt."""
    attempt = _own_attempt_or_404(request, attempt_id)
    if attempt.submitted_at is None:
        return redirect("learning:quiz_attempt", attempt_id=attempt.pk)
    module = attempt.module.specific
    course = course_for_module(module)
    answers = {a.question_id: a for a in attempt.answers.all()}
    attempts = list(
        QuizAttempt.objects.filter(user=request.user, module=module).only(
            "pk", "score", "submitted_at", "passed", "number"
        )
    )
    used = len(attempts)
    left = services.attempts_left(module, used)
    best = max(
        (a for a in attempts if a.submitted_at), key=lambda a: a.score, default=None
    )
    show = module.quiz_show_answers
    reveal = show == ModulePage.ShowAnswers.ALWAYS or (
        show == ModulePage.ShowAnswers.PASSED and (attempt.passed or left == 0)
    )
    rows = []
    for number, question in enumerate(attempt.snapshot["questions"], start=1):
        answer = answers.get(question["id"])
        value = answer.value if answer else None
        rows.append(
            {
                "number": number,
                "question": question,
                "answer_text": _describe(question, value),
                "correct": bool(answer and answer.is_correct),
                "points": answer.points if answer else 0,
                "right_answer": _describe_key(question) if reveal else "",
            }
        )
    state = course_state(request.user, course, request)
    return TemplateResponse(
        request,
        "learning/quiz_result.html",
        {
            "attempt": attempt,
            "module": module,
            "course": course,
            "rows": rows,
            "reveal": reveal,
            "show_feedback": show != ModulePage.ShowAnswers.NEVER,
            "attempts_left": left,
            "best": best,
            "next_module": state.next_module,
        },
    )


def _option_texts(question, ids):
    texts = {o["id"]: o["text"] for o in question.get("options", [])}
    return ", ".join(texts.get(i, "?") for i in ids)


def _describe(question, value):
    if value in (None, "", []):
        return _("(no answer)")
    if question["type"] == "single":
        return _option_texts(question, [value])
    if question["type"] == "multiple":
        return _option_texts(question, value)
    if question["type"] == "true_false":
        return _("True") if value == "true" else _("False")
    return value


def _describe_key(question):
    if question["type"] in ("single", "multiple"):
        return _option_texts(
            question, [o["id"] for o in question["options"] if o["correct"]]
        )
    if question["type"] == "true_false":
        return _("True") if question["answer"] == "true" else _("False")
    return " / ".join(question["accepted"])


@login_required
@require_POST
def give_feedback(request, module_id):
    """The module questionnaire: four ratings and suggestions."""
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    ratings = {
        name: request.POST.get(name)
        for name in (f.name for f in ModuleFeedback._meta.fields)
        if name.startswith("rating_")
    }
    try:
        services.give_feedback(
            request.user, module, ratings, request.POST.get("comment", "")
        )
    except (services.LearningError, ValidationError) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Thank you, your evaluation is saved."))
    return redirect(module.url + "#kuesioner")


@login_required
def dashboard(request):
    """'Pembelajaran saya': courses, deadlines, webinars, certificates and JP."""
    context = dashboard_data(request.user)
    context["user_zone"] = request.user.time_zone
    return TemplateResponse(request, "learning/dashboard.html", context)
