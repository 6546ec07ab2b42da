"""Learning without a connection: what a phone saves, and what it sends back.

- ``offline_course``: the pages of a course a learner saves on the phone
  (``static/js/offline.js`` stores them in the Cache Storage).
- ``offline_quiz``: a module's quiz as a page that works offline: the public
  questions of a fresh snapshot, never the answer key. Answers typed offline
  are graded on the server when they arrive, against the snapshot made then;
  question and option ids are block ids, so they match.
- ``sync``: where the phone sends what the learner did offline (modules
  marked done, quiz answers, questionnaires). Each item carries an id made on
  the device, so sending it twice never records it twice.

The writes all go through ``learning.services``.
"""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from courses.models import CoursePage, ModulePage

from . import quiz, services
from .models import RATING_FIELDS, Enrolment
from .progress import course_for_module

# One request carries at most this many items; a phone that was offline for a
# long time sends the rest in the next request.
MAX_ITEMS = 50
KINDS = ("complete", "quiz", "feedback")
# Ids beyond a 64-bit integer cannot be a module (and SQLite cannot look them up).
MAX_ID = 2**63


def _json_error(message, status):
    return JsonResponse({"ok": False, "error": message}, status=status)


def _login_message():
    return _("Log in again to send what you did offline.")


@never_cache
@require_GET
def offline_course(request, course_id):
    """The pages a learner saves to study a course offline (JSON)."""
    if not request.user.is_authenticated:
        return _json_error(_login_message(), 401)
    if not 0 < course_id < MAX_ID:
        raise Http404
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not Enrolment.objects.filter(user=request.user, course=course).exists():
        return _json_error(_("Join the course first to study its modules."), 403)
    pages = [{"url": course.url, "title": course.title, "kind": "course"}]
    for module in course.live_modules():
        pages.append({"url": module.url, "title": module.title, "kind": "module"})
        # question_count reads the raw body: no blocks are built here.
        if module.question_count:
            pages.append(
                {
                    "url": reverse("learning:offline_quiz", args=[module.pk]),
                    "title": _("Quiz: %(title)s") % {"title": module.title},
                    "kind": "quiz",
                }
            )
    return JsonResponse(
        {
            "ok": True,
            "course": {"id": course.pk, "title": course.title, "url": course.url},
            "pages": pages,
            "dashboard": reverse("learning:dashboard"),
        }
    )


def _answers_from_post(post, snapshot):
    """Question id to answer, from the offline quiz form (as the quiz views do)."""
    kinds = {q["id"]: q["type"] for q in snapshot["questions"]}
    answers = {}
    for key in post:
        if key.startswith("q-"):
            question_id = key[2:]
            values = post.getlist(key)
            answers[question_id] = (
                values if kinds.get(question_id) == "multiple" else values[-1]
            )
    return answers


def _module_for_learner(request, module_id):
    """The live module and its course, or a redirect for a learner not enrolled."""
    if not 0 < module_id < MAX_ID:
        raise Http404
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    course = course_for_module(module)
    if not Enrolment.objects.filter(user=request.user, course=course).exists():
        messages.info(request, _("Join the course first to study its modules."))
        return module, course, redirect(course.url)
    return module, course, None


@login_required
@require_http_methods(["GET", "POST"])
def offline_quiz(request, module_id):
    """A module's quiz on one page that can be saved and answered offline.

    Online without JavaScript the form posts here and is graded at once;
    offline, ``offline.js`` keeps the answers and sends them to ``sync``.
    """
    module, course, refusal = _module_for_learner(request, module_id)
    if refusal:
        return refusal
    if request.method == "POST":
        try:
            client_id = uuid.UUID(request.POST.get("client_id", ""))
        except ValueError:
            client_id = uuid.uuid4()
        snapshot = quiz.build_snapshot(module)
        try:
            attempt = services.submit_offline_attempt(
                request.user,
                module,
                _answers_from_post(request.POST, snapshot),
                client_id,
            )
        except (services.LearningError, ValidationError) as error:
            messages.error(request, _error_text(error))
            return redirect(module.url + "#kuis")
        except PermissionDenied:
            messages.error(request, _("These answers were already sent."))
            return redirect(module.url + "#kuis")
        return redirect("learning:quiz_result", attempt_id=attempt.pk)
    timed = bool(module.quiz_time_limit_minutes)
    questions = []
    if module.has_quiz and not timed:
        questions = quiz.public_questions(quiz.build_snapshot(module))
    response = TemplateResponse(
        request,
        "learning/offline_quiz.html",
        {
            "module": module,
            "course": course,
            "questions": questions,
            "timed": timed,
            "client_id": uuid.uuid4(),
        },
    )
    response["Cache-Control"] = "private, no-cache"
    return response


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return error.message


def _clean_answers(raw):
    """Answers as the services take them: question id to text or list of texts."""
    if not isinstance(raw, dict):
        raise ValidationError(_("The answers could not be read."))
    answers = {}
    for question_id, value in raw.items():
        texts = value if isinstance(value, list) else [value]
        if not all(isinstance(text, str) for text in texts):
            raise ValidationError(_("The answers could not be read."))
        answers[str(question_id)] = value
    return answers


def _apply(user, item):
    """Send one offline action to its service; the result for the device."""
    if not isinstance(item, dict):
        raise ValidationError(_("This item could not be read."))
    kind = item.get("kind")
    if kind not in KINDS:
        raise ValidationError(_("This item could not be read."))
    try:
        client_id = uuid.UUID(str(item.get("client_id")))
        module_id = int(item.get("module"))
    except (TypeError, ValueError) as error:
        raise ValidationError(_("This item could not be read.")) from error
    if not 0 < module_id < MAX_ID:
        raise ValidationError(_("This item could not be read."))
    module = ModulePage.objects.live().filter(pk=module_id).first()
    if module is None:
        raise services.LearningError(_("This module is no longer available."))
    if kind == "complete":
        services.complete_module(user, module)
        return {"client_id": str(client_id), "status": "ok"}
    if kind == "quiz":
        attempt = services.submit_offline_attempt(
            user, module, _clean_answers(item.get("answers")), client_id
        )
        return {
            "client_id": str(client_id),
            "status": "ok",
            "score": float(attempt.score) if attempt.score is not None else None,
            "passed": attempt.passed,
            "result_url": reverse("learning:quiz_result", args=[attempt.pk]),
        }
    ratings = item.get("ratings")
    if not isinstance(ratings, dict):
        raise ValidationError(_("This item could not be read."))
    comment = item.get("comment") or ""
    if not isinstance(comment, str):
        raise ValidationError(_("This item could not be read."))
    services.give_feedback(
        user,
        module,
        {name: ratings.get(name) for name in RATING_FIELDS},
        comment,
        client_id=client_id,
    )
    return {"client_id": str(client_id), "status": "ok"}


@never_cache
@require_http_methods(["GET", "POST"])
def sync(request):
    """GET: who is logged in and a CSRF token; POST: apply queued actions.

    POST takes ``{"items": [{"client_id", "kind", "module", ...}]}`` and
    answers one result per item: ``ok``, or ``refused`` with a message for the
    learner (the device then stops sending it). Items are applied one by one,
    each in its own transaction, so one refusal does not undo the others.
    """
    if not request.user.is_authenticated:
        return _json_error(_login_message(), 401)
    if request.method == "GET":
        return JsonResponse(
            {"ok": True, "user": request.user.pk, "csrf_token": get_token(request)}
        )
    try:
        payload = json.loads(request.body)
        items = payload["items"]
    except (ValueError, TypeError, KeyError):
        return _json_error(_("The request could not be read."), 400)
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        return _json_error(_("The request could not be read."), 400)
    results = []
    for item in items:
        client_id = str(item.get("client_id", "")) if isinstance(item, dict) else ""
        try:
            results.append(_apply(request.user, item))
        except services.LearningError as error:
            results.append(
                {
                    "client_id": client_id,
                    "status": "refused",
                    "message": error.message,
                    "code": error.code,
                }
            )
        except ValidationError as error:
            results.append(
                {
                    "client_id": client_id,
                    "status": "refused",
                    "message": _error_text(error),
                }
            )
        except PermissionDenied:
            results.append(
                {
                    "client_id": client_id,
                    "status": "refused",
                    "message": _("This item belongs to another account."),
                }
            )
    return JsonResponse({"ok": True, "results": results})
