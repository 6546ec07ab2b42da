"""The write functions: each rule, and that calling twice writes once."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning import services
from learning.models import (
    Enrolment,
    ModuleFeedback,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
)
from learning.quiz import grade_answer
from tests import builders
from tests.builders import RIGHT_ANSWERS, WRONG_ANSWERS

RATINGS = {
    "rating_material": 5,
    "rating_delivery": 4,
    "rating_practical": 4,
    "rating_overall": 5,
}


def test_enrolling_twice_gives_one_enrolment(learner, quiz_course):
    first, created = services.enrol(learner, quiz_course)
    second, created_again = services.enrol(learner, quiz_course)
    assert created and not created_again
    assert first.pk == second.pk
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_assigned_only_course_refuses_self_enrolment(learner):
    course = builders.course(2, enrolment_mode="assigned")
    with pytest.raises(services.EnrolmentRefused) as error:
        services.enrol(learner, course)
    assert error.value.code == "assigned_only"
    assert not Enrolment.objects.exists()


def test_missing_prerequisite_is_named(learner):
    basic = builders.course(1, title="Dasar-Dasar SIASN")
    advanced = builders.course(1, title="SIASN Lanjutan")
    advanced.prerequisites.add(basic)
    advanced.save()
    with pytest.raises(services.EnrolmentRefused) as error:
        services.enrol(learner, advanced)
    assert "Dasar-Dasar SIASN" in error.value.message
    services.enrol(learner, basic)
    services.complete_module(learner, builders.modules_of(basic)[0])
    enrolment, created = services.enrol(learner, advanced)
    assert created


def test_completing_every_module_completes_the_course_once(learner):
    course = builders.course(3)
    enrolment, _ = services.enrol(learner, course)
    modules = builders.modules_of(course)
    for module in modules[:2]:
        services.complete_module(learner, module)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    completions = []
    services.course_completed.connect(
        lambda enrolment, **kw: completions.append(enrolment.pk),
        weak=False,
        dispatch_uid="test-completions",
    )
    try:
        services.complete_module(learner, modules[2])
        services.complete_module(learner, modules[2])
    finally:
        services.course_completed.disconnect(dispatch_uid="test-completions")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert completions == [enrolment.pk]
    assert ModuleProgress.objects.filter(completed_at__isnull=False).count() == 3


def test_optional_modules_are_not_needed(learner):
    course = builders.course(2)
    modules = builders.modules_of(course)
    modules[1].is_required = False
    modules[1].save_revision().publish()
    enrolment, _ = services.enrol(learner, course)
    services.complete_module(learner, modules[0])
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_progress_outside_an_enrolment_is_refused(learner, quiz_course):
    with pytest.raises(services.NotEnrolled):
        services.complete_module(learner, builders.modules_of(quiz_course)[0])
    assert not ModuleProgress.objects.exists()


def test_quiz_module_cannot_be_marked_done_by_hand(learner, quiz_course):
    services.enrol(learner, quiz_course)
    quiz_module = builders.modules_of(quiz_course)[1]
    with pytest.raises(services.LearningError) as error:
        services.complete_module(learner, quiz_module)
    assert error.value.code == "quiz_required"


def test_visit_records_first_and_last_seen_and_time(learner, quiz_course):
    enrolment, _ = services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[0]
    start = timezone.now()
    services.record_visit(learner, module, enrolment, now=start)
    services.record_visit(
        learner, module, enrolment, now=start + datetime.timedelta(minutes=4)
    )
    progress = ModuleProgress.objects.get()
    assert progress.started_at == start
    assert progress.last_seen_at == start + datetime.timedelta(minutes=4)
    assert progress.seconds_spent == 240
    assert progress.completed_at is None


def test_failed_then_passed_quiz_completes_module(learner, quiz_course):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[1]
    attempt, created = services.start_attempt(learner, module)
    again, created_again = services.start_attempt(learner, module)
    assert created and not created_again and again.pk == attempt.pk
    failed = services.submit_attempt(learner, attempt.pk, WRONG_ANSWERS)
    assert failed.passed is False and failed.score == Decimal("0")
    assert not ModuleProgress.objects.filter(completed_at__isnull=False).exists()
    second, _ = services.start_attempt(learner, module)
    assert second.number == 2
    passed = services.submit_attempt(learner, second.pk, RIGHT_ANSWERS)
    assert passed.passed and passed.score == Decimal("100.00")
    progress = ModuleProgress.objects.get(module=module)
    assert progress.completed_by == "quiz"


def test_submitting_twice_grades_once(learner, quiz_course):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[1]
    attempt, _ = services.start_attempt(learner, module)
    first = services.submit_attempt(learner, attempt.pk, RIGHT_ANSWERS)
    second = services.submit_attempt(learner, attempt.pk, WRONG_ANSWERS)
    assert first.submitted_at == second.submitted_at
    assert second.score == Decimal("100.00")
    assert QuizAttempt.objects.count() == 1
    assert QuizAnswer.objects.count() == 4


def test_maximum_attempts_are_enforced(learner, quiz_course):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[1]
    for _ in range(3):
        attempt, _ = services.start_attempt(learner, module)
        services.submit_attempt(learner, attempt.pk, WRONG_ANSWERS)
    with pytest.raises(services.QuizClosed) as error:
        services.start_attempt(learner, module)
    assert error.value.code == "no_attempts_left"
    assert QuizAttempt.objects.count() == 3


def test_time_limit_closes_and_grades_with_saved_answers(learner, quiz_course):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[1]
    module.quiz_time_limit_minutes = 10
    module.save_revision().publish()
    start = timezone.now()
    attempt, _ = services.start_attempt(learner, module, now=start)
    assert attempt.deadline_at == start + datetime.timedelta(minutes=10)
    services.save_answers(
        learner,
        attempt.pk,
        {"q-single": "o-s2"},
        now=start + datetime.timedelta(minutes=5),
    )
    # Within the grace period a slow link still gets through.
    late_ok = start + datetime.timedelta(minutes=10, seconds=30)
    services.save_answers(learner, attempt.pk, {"q-tf": "true"}, now=late_ok)
    too_late = start + datetime.timedelta(minutes=12)
    with pytest.raises(services.QuizClosed) as error:
        services.save_answers(
            learner, attempt.pk, {"q-text": "jam pelajaran"}, now=too_late
        )
    assert error.value.code == "expired"
    attempt.refresh_from_db()
    assert attempt.expired and attempt.submitted_at == attempt.deadline_at
    # 2 of 5 points were saved in time.
    assert attempt.score == Decimal("40.00")
    replay = services.submit_attempt(learner, attempt.pk, RIGHT_ANSWERS, now=too_late)
    assert replay.score == Decimal("40.00")


def test_unknown_question_ids_change_nothing(learner, quiz_course):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[1]
    attempt, _ = services.start_attempt(learner, module)
    with pytest.raises(ValidationError):
        services.save_answers(
            learner, attempt.pk, {"q-single": "o-s2", "q-forged": "x"}
        )
    with pytest.raises(ValidationError):
        services.save_answers(learner, attempt.pk, {"q-single": "o-not-an-option"})
    assert not QuizAnswer.objects.exists()


def test_someone_elses_attempt_is_refused(learner, other_learner, quiz_course):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[1]
    attempt, _ = services.start_attempt(learner, module)
    with pytest.raises(PermissionDenied):
        services.save_answers(other_learner, attempt.pk, RIGHT_ANSWERS)
    with pytest.raises(PermissionDenied):
        services.submit_attempt(other_learner, attempt.pk, RIGHT_ANSWERS)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and not QuizAnswer.objects.exists()


def test_offline_attempt_replay_returns_the_first_result(learner, quiz_course):
    import uuid

    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[1]
    client_id = uuid.uuid4()
    first = services.submit_offline_attempt(learner, module, RIGHT_ANSWERS, client_id)
    replay = services.submit_offline_attempt(learner, module, WRONG_ANSWERS, client_id)
    assert first.pk == replay.pk and replay.score == Decimal("100.00")
    assert QuizAttempt.objects.count() == 1


def test_feedback_is_one_per_module_and_locks_on_completion(learner):
    course = builders.course(1, require_feedback=True)
    module = builders.modules_of(course)[0]
    enrolment, _ = services.enrol(learner, course)
    services.complete_module(learner, module)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None  # the questionnaire is still missing
    services.give_feedback(learner, module, RATINGS, "Bagus")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    with pytest.raises(services.LearningError) as error:
        services.give_feedback(learner, module, RATINGS, "Ubah")
    assert error.value.code == "locked"
    assert ModuleFeedback.objects.get().comment == "Bagus"


def test_feedback_can_be_edited_before_completion(learner, quiz_course):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[0]
    services.give_feedback(learner, module, RATINGS, "Awal")
    services.give_feedback(learner, module, {**RATINGS, "rating_overall": 3}, "Akhir")
    feedback = ModuleFeedback.objects.get()
    assert feedback.rating_overall == 3 and feedback.comment == "Akhir"


@pytest.mark.parametrize("bad", [0, 6, "lima", None, "3.5"])
def test_bad_ratings_write_nothing(learner, quiz_course, bad):
    services.enrol(learner, quiz_course)
    module = builders.modules_of(quiz_course)[0]
    with pytest.raises(ValidationError):
        services.give_feedback(learner, module, {**RATINGS, "rating_delivery": bad})
    assert not ModuleFeedback.objects.exists()


def test_partial_credit_grading():
    question = {
        "type": "multiple",
        "points": 2,
        "scoring": "partial",
        "options": [
            {"id": "a", "correct": True},
            {"id": "b", "correct": False},
            {"id": "c", "correct": True},
        ],
    }
    assert grade_answer(question, ["a", "c"]) == (Decimal("2"), True)
    assert grade_answer(question, ["a"]) == (Decimal("1.00"), False)
    assert grade_answer(question, ["a", "b"]) == (Decimal("0.00"), False)
    assert grade_answer(question, ["b"]) == (Decimal("0.00"), False)
    assert grade_answer({**question, "scoring": "all_or_nothing"}, ["a"]) == (
        Decimal("0"),
        False,
    )
