"""Read functions: where a learner stands in a course, at a fixed query cost."""

from dataclasses import dataclass, field

from courses.models import CoursePage, ModulePage

from .models import Enrolment, ModuleFeedback, ModuleProgress, QuizAttempt


@dataclass
class ModuleState:
    module: ModulePage
    started: bool = False
    completed: bool = False
    feedback_given: bool = False


@dataclass
class CourseState:
    """A course's modules with one learner's progress through them."""

    course: CoursePage
    enrolment: Enrolment | None
    modules: list = field(default_factory=list)

    @property
    def enrolled(self):
        return self.enrolment is not None

    @property
    def required(self):
        required = [s for s in self.modules if s.module.is_required]
        return required or self.modules

    @property
    def required_done(self):
        return sum(1 for s in self.required if s.completed)

    @property
    def percent(self):
        total = len(self.required)
        return round(100 * self.required_done / total) if total else 0

    @property
    def next_module(self):
        """The first required module not completed, else the first not completed."""
        for state in self.required:
            if not state.completed:
                return state.module
        for state in self.modules:
            if not state.completed:
                return state.module
        return None

    def position_of(self, module_id):
        for index, state in enumerate(self.modules):
            if state.module.pk == module_id:
                return index
        return None


def _light_modules(course):
    """The course's live modules without their (heavy) bodies, in order."""
    return list(
        ModulePage.objects.live()
        .filter(path__startswith=course.path, depth=course.depth + 1)
        .defer_streamfields()
        .order_by("path")
    )


def course_state(user, course, request=None):
    """One learner's state in a course: three queries at most, cached per request.

    (1) the enrolment, (2) the modules, (3) progress rows, (4) feedback rows
    only when the course requires the questionnaire.
    """
    cache = getattr(request, "_lms_course_state", None) if request else None
    if cache is not None and course.pk in cache:
        return cache[course.pk]
    enrolment = None
    known = getattr(request, "_lms_enrolment", None) if request else None
    if known is not None and known.course_id == course.pk:
        enrolment = known
    elif user.is_authenticated:
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
    modules = _light_modules(course)
    states = [ModuleState(module=m) for m in modules]
    if enrolment is not None and modules:
        by_id = {s.module.pk: s for s in states}
        rows = ModuleProgress.objects.filter(
            user=user, module_id__in=by_id
        ).values_list("module_id", "completed_at")
        for module_id, completed_at in rows:
            by_id[module_id].started = True
            by_id[module_id].completed = completed_at is not None
        if course.require_feedback:
            for module_id in ModuleFeedback.objects.filter(
                user=user, module_id__in=by_id
            ).values_list("module_id", flat=True):
                by_id[module_id].feedback_given = True
    state = CourseState(course=course, enrolment=enrolment, modules=states)
    if request is not None:
        if cache is None:
            cache = request._lms_course_state = {}
        cache[course.pk] = state
    return state


def course_for_module(module, request=None):
    """The module's course, from the request cache when the page hook set it."""
    course = getattr(request, "_lms_course", None) if request else None
    if course is not None and course.path == module.path[: -module.steplen]:
        return course
    return CoursePage.objects.get(
        path=module.path[: -module.steplen], depth=module.depth - 1
    )


def quiz_summary(user, module):
    """Attempts of one learner at one module's quiz (one query)."""
    attempts = list(
        QuizAttempt.objects.filter(user=user, module=module)
        .order_by("number")
        .only(
            "pk",
            "number",
            "submitted_at",
            "score",
            "passed",
            "deadline_at",
            "expired",
            "started_at",
        )
    )
    submitted = [a for a in attempts if a.submitted_at]
    best = max(submitted, key=lambda a: a.score, default=None)
    open_attempt = next((a for a in attempts if not a.submitted_at), None)
    return {
        "attempts": attempts,
        "submitted": submitted,
        "best": best,
        "open": open_attempt,
        "used": len(attempts),
        "passed": any(a.passed for a in submitted),
    }
