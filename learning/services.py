"""The write functions for learner records.

Every learner action (and every staff action on learner records) goes
through one of these. Each runs in a transaction, checks that the learner is
allowed to do it, and is safe to call twice: the second call returns the
first result instead of writing again, backed by the unique constraints in
``learning.models``.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, ModulePage

from . import quiz
from .models import (
    RATING_FIELDS,
    Enrolment,
    ModuleFeedback,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
)

logger = logging.getLogger(__name__)

# Sent once per enrolment, inside the transaction that completes it.
course_completed = Signal()

# A visit adds the time since the previous one when it is this recent.
VISIT_GAP_COUNTED = datetime.timedelta(minutes=30)
VISIT_GAP_CAP = datetime.timedelta(minutes=10)
# Avoid a write on every reload: visits closer than this only move nothing.
VISIT_WRITE_INTERVAL = datetime.timedelta(seconds=30)


class LearningError(Exception):
    """A learner action that cannot be done; the message is for the learner."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code


class NotEnrolled(LearningError):
    pass


class EnrolmentRefused(LearningError):
    pass


class QuizClosed(LearningError):
    pass


def _grace():
    return datetime.timedelta(seconds=getattr(settings, "LMS_QUIZ_GRACE_SECONDS", 60))


def course_of(module):
    """The CoursePage a module belongs to (one query)."""
    return CoursePage.objects.get(
        path=module.path[: -module.steplen], depth=module.depth - 1
    )


def enrolment_for(user, course, *, lock=False):
    """The learner's enrolment in a course, or raise NotEnrolled."""
    queryset = Enrolment.objects.filter(user=user, course=course)
    if lock:
        queryset = queryset.select_for_update()
    enrolment = queryset.first()
    if enrolment is None:
        raise NotEnrolled(_("Join the course first to study its modules."))
    return enrolment


def _course_id_of(module):
    return (
        CoursePage.objects.filter(
            path=module.path[: -module.steplen], depth=module.depth - 1
        )
        .values_list("pk", flat=True)
        .first()
    )


def _module_enrolment(user, module, *, lock=False):
    return enrolment_for(user, _course_id_of(module), lock=lock)


# Enrolment ---------------------------------------------------------------


def missing_prerequisites(user, course):
    """Prerequisite courses the learner has not completed yet."""
    # In a page preview the prerequisites are an in-memory list, not a query.
    required = [prerequisite.pk for prerequisite in course.prerequisites.all()]
    if not required:
        return []
    done = Enrolment.objects.filter(user=user, completed_at__isnull=False).values(
        "course_id"
    )
    return list(
        CoursePage.objects.filter(pk__in=required)
        .exclude(pk__in=done)
        .order_by("title")
    )


def enrol(user, course, *, assignment=None, now=None):
    """Enrol a learner in a course; return (enrolment, created).

    Learners join open courses themselves once the prerequisites are done.
    An assignment enrols into any course and attaches its deadline.
    """
    now = now or timezone.now()
    with transaction.atomic():
        existing = Enrolment.objects.filter(user=user, course=course).first()
        if existing is not None:
            if assignment is not None and existing.assignment_id is None:
                existing.assignment = assignment
                existing.deadline = assignment.deadline
                existing.save(update_fields=["assignment", "deadline"])
            return existing, False
        if assignment is None:
            if not course.live:
                raise EnrolmentRefused(_("This course is not open for enrolment."))
            if course.enrolment_mode == CoursePage.EnrolmentMode.ASSIGNED:
                raise EnrolmentRefused(
                    _(
                        "This course is by assignment only. Ask your administrator "
                        "or supervisor to assign it to you."
                    ),
                    code="assigned_only",
                )
            missing = missing_prerequisites(user, course)
            if missing:
                raise EnrolmentRefused(
                    _("Complete this course first: %(courses)s.")
                    % {"courses": ", ".join(c.title for c in missing)},
                    code="prerequisites",
                )
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    user=user,
                    course=course,
                    source=(
                        Enrolment.Source.ASSIGNMENT
                        if assignment
                        else Enrolment.Source.SELF
                    ),
                    assignment=assignment,
                    deadline=assignment.deadline if assignment else None,
                    enrolled_at=now,
                )
        except IntegrityError:
            # A parallel request enrolled the same learner a moment earlier.
            return Enrolment.objects.get(user=user, course=course), False
        return enrolment, True


# Progress ----------------------------------------------------------------


def _progress(user, module, enrolment, now):
    progress = ModuleProgress.objects.filter(user=user, module=module).first()
    if progress is not None:
        return progress, False
    try:
        with transaction.atomic():
            return (
                ModuleProgress.objects.create(
                    user=user,
                    module=module,
                    enrolment=enrolment,
                    started_at=now,
                    last_seen_at=now,
                ),
                True,
            )
    except IntegrityError:
        return ModuleProgress.objects.get(user=user, module=module), False


def record_visit(user, module, enrolment, *, now=None):
    """Note that the learner opened a module: first/last visit and time spent."""
    now = now or timezone.now()
    with transaction.atomic():
        progress, created = _progress(user, module, enrolment, now)
        if created:
            return progress
        gap = now - progress.last_seen_at
        if gap < VISIT_WRITE_INTERVAL:
            return progress
        added = min(gap, VISIT_GAP_CAP) if gap < VISIT_GAP_COUNTED else None
        ModuleProgress.objects.filter(pk=progress.pk).update(
            last_seen_at=now,
            seconds_spent=F("seconds_spent")
            + int(added.total_seconds() if added else 0),
        )
    return progress


def complete_module(user, module, *, by=ModuleProgress.CompletedBy.LEARNER, now=None):
    """Mark a module completed (once) and complete the course if that was the
    last condition. Returns the progress row."""
    now = now or timezone.now()
    with transaction.atomic():
        # Locked: two modules completed at the same moment must not both
        # miss that, together, they were the last ones of the course.
        enrolment = _module_enrolment(user, module, lock=True)
        if by == ModuleProgress.CompletedBy.LEARNER and module.has_quiz:
            course = enrolment.course
            if course.require_quiz_pass:
                raise LearningError(
                    _("Pass this module's quiz to complete it."), code="quiz_required"
                )
        progress, _created = _progress(user, module, enrolment, now)
        updated = ModuleProgress.objects.filter(
            pk=progress.pk, completed_at__isnull=True
        ).update(completed_at=now, completed_by=by, last_seen_at=now)
        if updated:
            complete_course_if_done(enrolment, now=now)
        progress.refresh_from_db()
    return progress


def required_module_ids(course_id):
    """Ids of the live modules a course requires (all, if none is marked)."""
    course_path = CoursePage.objects.filter(pk=course_id).values_list(
        "path", flat=True
    )[0]
    modules = ModulePage.objects.live().filter(
        path__startswith=course_path, depth=len(course_path) // 4 + 1
    )
    required = [pk for pk, flag in modules.values_list("pk", "is_required") if flag]
    return required or list(modules.values_list("pk", flat=True))


def complete_course_if_done(enrolment, *, now=None):
    """Record the course as completed once every rule is met; True if it is."""
    if enrolment.completed_at is not None:
        return True
    now = now or timezone.now()
    course = enrolment.course
    required = required_module_ids(course.pk)
    if not required:
        return False
    done = ModuleProgress.objects.filter(
        user_id=enrolment.user_id, module_id__in=required, completed_at__isnull=False
    ).count()
    if done < len(required):
        return False
    if course.require_feedback:
        given = ModuleFeedback.objects.filter(
            user_id=enrolment.user_id, module_id__in=required
        ).count()
        if given < len(required):
            return False
    with transaction.atomic():
        updated = Enrolment.objects.filter(
            pk=enrolment.pk, completed_at__isnull=True
        ).update(completed_at=now)
        enrolment.completed_at = now if updated else enrolment.completed_at
        if updated:
            logger.info("Course %s completed by user %s", course.pk, enrolment.user_id)
            course_completed.send(sender=Enrolment, enrolment=enrolment)
    if not updated:
        enrolment.refresh_from_db(fields=["completed_at"])
    return True


# Quizzes -----------------------------------------------------------------


def attempt_expired(attempt, now):
    return attempt.deadline_at is not None and now > attempt.deadline_at + _grace()


def _finalise(attempt, now, *, expired=False):
    """Grade an open attempt with the answers it holds and close it."""
    questions = {q["id"]: q for q in attempt.snapshot["questions"]}
    answers = list(attempt.answers.all())
    earned = 0
    for answer in answers:
        question = questions.get(answer.question_id)
        if question is None:
            continue
        points, correct = quiz.grade_answer(question, answer.value)
        answer.points, answer.is_correct = points, correct
        earned += points
    QuizAnswer.objects.bulk_update(answers, ["points", "is_correct"])
    attempt.score = quiz.score_percent(earned, attempt.snapshot["total_points"])
    attempt.passed = attempt.score >= attempt.pass_mark
    attempt.expired = expired
    attempt.submitted_at = min(now, attempt.deadline_at) if expired else now
    attempt.save(update_fields=["score", "passed", "expired", "submitted_at"])
    if attempt.passed:
        module = ModulePage.objects.get(pk=attempt.module_id)
        complete_module(
            attempt.user, module, by=ModuleProgress.CompletedBy.QUIZ, now=now
        )


def close_if_expired(attempt, *, now=None):
    """Grade and close an attempt whose time is up; True if it was closed now."""
    now = now or timezone.now()
    if attempt.submitted_at is None and attempt_expired(attempt, now):
        with transaction.atomic():
            locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
            if locked.submitted_at is None:
                _finalise(locked, now, expired=True)
                attempt.refresh_from_db()
                return True
    return False


def attempts_left(module, used):
    if not module.quiz_max_attempts:
        return None
    return max(0, module.quiz_max_attempts - used)


def start_attempt(user, module, *, now=None, client_id=None):
    """Open an attempt (or return the one already open): (attempt, created)."""
    now = now or timezone.now()
    if not module.has_quiz:
        raise QuizClosed(_("This module has no quiz."))
    with transaction.atomic():
        enrolment = _module_enrolment(user, module, lock=True)
        open_attempt = QuizAttempt.objects.filter(
            user=user, module=module, submitted_at__isnull=True
        ).first()
        if open_attempt is not None:
            if not attempt_expired(open_attempt, now):
                return open_attempt, False
            _finalise(open_attempt, now, expired=True)
        used = QuizAttempt.objects.filter(user=user, module=module).count()
        if module.quiz_max_attempts and used >= module.quiz_max_attempts:
            raise QuizClosed(
                _("You have used all %(count)d attempts of this quiz.")
                % {"count": module.quiz_max_attempts},
                code="no_attempts_left",
            )
        limit = module.quiz_time_limit_minutes
        try:
            with transaction.atomic():
                attempt = QuizAttempt.objects.create(
                    user=user,
                    enrolment=enrolment,
                    module=module,
                    number=used + 1,
                    started_at=now,
                    deadline_at=now + datetime.timedelta(minutes=limit)
                    if limit
                    else None,
                    pass_mark=module.effective_pass_mark(enrolment.course),
                    snapshot=quiz.build_snapshot(module),
                    client_id=client_id,
                )
        except IntegrityError:
            attempt = QuizAttempt.objects.get(
                user=user, module=module, submitted_at__isnull=True
            )
            return attempt, False
    return attempt, True


def _clean_answers(attempt, answers):
    questions = {q["id"]: q for q in attempt.snapshot["questions"]}
    cleaned = {}
    for question_id, raw in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError(
                _("The answers do not belong to this quiz. Reload the page."),
                code="unknown_question",
            )
        cleaned[question_id] = quiz.clean_answer(question, raw)
    return cleaned


def _store_answers(attempt, cleaned, now):
    if not cleaned:
        return
    QuizAnswer.objects.bulk_create(
        [
            QuizAnswer(attempt=attempt, question_id=qid, value=value, saved_at=now)
            for qid, value in cleaned.items()
        ],
        update_conflicts=True,
        unique_fields=["attempt", "question_id"],
        update_fields=["value", "saved_at"],
    )


def _own_attempt(user, attempt_id, *, lock=False):
    queryset = QuizAttempt.objects.all()
    if lock:
        queryset = queryset.select_for_update()
    attempt = queryset.filter(pk=attempt_id).first()
    if attempt is None or attempt.user_id != user.pk:
        raise PermissionDenied
    return attempt


def save_answers(user, attempt_id, answers, *, now=None):
    """Save answers of an open attempt as the learner goes (nothing is graded).

    ``answers`` maps question id to a string (or a list for multiple choice).
    Either every answer is valid and saved, or nothing is.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _own_attempt(user, attempt_id, lock=True)
        if attempt.submitted_at is not None:
            raise QuizClosed(_("This attempt has already been submitted."))
        expired = attempt_expired(attempt, now)
        if expired:
            _finalise(attempt, now, expired=True)
        else:
            _store_answers(attempt, _clean_answers(attempt, answers), now)
    if expired:
        # Raised after the commit, so the grading above is kept.
        raise QuizClosed(
            _("Time is up. The attempt was graded with the answers saved."),
            code="expired",
        )
    return attempt


def submit_attempt(user, attempt_id, answers=None, *, now=None):
    """Save the last answers and grade the attempt, once.

    Submitting again (double click, retry, offline replay) returns the graded
    attempt unchanged. After the time limit (plus grace), new answers are
    ignored and the attempt is graded with what was saved in time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _own_attempt(user, attempt_id, lock=True)
        if attempt.submitted_at is not None:
            return attempt
        if attempt_expired(attempt, now):
            _finalise(attempt, now, expired=True)
            return attempt
        if answers:
            _store_answers(attempt, _clean_answers(attempt, answers), now)
        _finalise(attempt, now)
    return attempt


def submit_offline_attempt(user, module, answers, client_id, *, now=None):
    """A whole attempt answered offline and sent later, identified by the
    device's ``client_id``: a replay returns the first result."""
    now = now or timezone.now()
    existing = QuizAttempt.objects.filter(client_id=client_id).first()
    if existing is not None:
        if existing.user_id != user.pk:
            raise PermissionDenied
        return existing
    if module.quiz_time_limit_minutes:
        raise QuizClosed(
            _("A quiz with a time limit cannot be taken offline."), code="timed"
        )
    with transaction.atomic():
        attempt, created = start_attempt(user, module, now=now, client_id=client_id)
        if not created and attempt.client_id is None:
            QuizAttempt.objects.filter(pk=attempt.pk).update(client_id=client_id)
        return submit_attempt(user, attempt.pk, answers, now=now)


def best_attempt(user, module):
    return (
        QuizAttempt.objects.filter(user=user, module=module, submitted_at__isnull=False)
        .order_by("-score", "number")
        .first()
    )


# Questionnaire -----------------------------------------------------------


def _clean_ratings(ratings):
    cleaned = {}
    for field in RATING_FIELDS:
        raw = ratings.get(field)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value is None or not 1 <= value <= 5:
            raise ValidationError(
                {field: _("Choose a rating from 1 to 5.")}, code="rating"
            )
        cleaned[field] = value
    return cleaned


def give_feedback(user, module, ratings, comment="", *, client_id=None, now=None):
    """Record (or update) the learner's questionnaire for a module.

    One response per learner and module; it can be changed until the course
    is completed.
    """
    now = now or timezone.now()
    cleaned = _clean_ratings(ratings)
    # NUL cannot be stored (PostgreSQL refuses it) and is never typed.
    comment = (comment or "").replace("\x00", "").strip()
    if len(comment) > 2000:
        raise ValidationError(
            {"comment": _("Suggestions are at most 2000 characters.")}
        )
    with transaction.atomic():
        if client_id is not None:
            replay = ModuleFeedback.objects.filter(client_id=client_id).first()
            if replay is not None:
                if replay.user_id != user.pk:
                    raise PermissionDenied
                return replay
        enrolment = _module_enrolment(user, module, lock=True)
        feedback = (
            ModuleFeedback.objects.select_for_update()
            .filter(user=user, module=module)
            .first()
        )
        if feedback is not None:
            if enrolment.completed_at is not None:
                raise LearningError(
                    _(
                        "The course is completed, so this questionnaire can no "
                        "longer be changed."
                    ),
                    code="locked",
                )
            for field, value in cleaned.items():
                setattr(feedback, field, value)
            feedback.comment = comment
            feedback.updated_at = now
            feedback.save()
        else:
            feedback = ModuleFeedback.objects.create(
                user=user,
                module=module,
                enrolment=enrolment,
                comment=comment,
                created_at=now,
                updated_at=now,
                client_id=client_id,
                **cleaned,
            )
        if enrolment.completed_at is None:
            complete_course_if_done(enrolment, now=now)
    return feedback


# Assignments -------------------------------------------------------------


def assign(
    course,
    people,
    *,
    assigned_by,
    reason,
    target,
    deadline=None,
    unit_kerja=None,
    jabatan_type="",
    now=None,
):
    """Assign a course to a set of people with an optional deadline.

    ``people`` is a User QuerySet, already limited to those the assigning
    administrator or supervisor may see. Each person gets one enrolment
    (created in bulk); people already enrolled keep theirs and, if it came
    from no assignment yet, it takes this one's reason and deadline.
    Assigning the same people again creates no second enrolment.
    """
    from .models import Assignment

    now = now or timezone.now()
    with transaction.atomic():
        assignment = Assignment.objects.create(
            course=course,
            target=target,
            unit_kerja=unit_kerja,
            jabatan_type=jabatan_type,
            reason=reason,
            deadline=deadline,
            assigned_by=assigned_by,
        )
        user_ids = list(people.values_list("pk", flat=True))
        existing = set(
            Enrolment.objects.filter(course=course, user_id__in=user_ids).values_list(
                "user_id", flat=True
            )
        )
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user_id=user_id,
                    course=course,
                    source=Enrolment.Source.ASSIGNMENT,
                    assignment=assignment,
                    deadline=deadline,
                    enrolled_at=now,
                )
                for user_id in user_ids
                if user_id not in existing
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        Enrolment.objects.filter(
            course=course,
            user_id__in=existing,
            assignment__isnull=True,
            completed_at__isnull=True,
        ).update(assignment=assignment, deadline=deadline)
        assignment.people_count = len(user_ids)
        assignment.save(update_fields=["people_count"])
    logger.info(
        "Course %s assigned to %d people by user %s",
        course.pk,
        len(user_ids),
        getattr(assigned_by, "pk", None),
    )
    return assignment
