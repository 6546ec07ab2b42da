from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.models import ModulePage

from . import services
from .models import Enrolment
from .progress import course_for_module


@hooks.register("before_serve_page")
def only_enrolled_learners_study_modules(page, request, serve_args, serve_kwargs):
    """Module pages are for learners enrolled in the course (and staff).

    Records the visit (first/last seen, time spent) for enrolled learners.
    """
    if not isinstance(page, ModulePage):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = course_for_module(page)
    request._lms_course = course
    enrolment = Enrolment.objects.filter(user=request.user, course=course).first()
    if enrolment is None:
        if request.user.is_staff:
            return None  # trainers and administrators may read without enrolling
        messages.info(request, _("Join the course first to study its modules."))
        return redirect(course.url)
    services.record_visit(request.user, page, enrolment)
    request._lms_enrolment = enrolment
    return None


@hooks.register("register_admin_viewset")
def register_assignment_viewset():
    from .viewsets import assignment_viewset

    return assignment_viewset


@hooks.register("register_admin_viewset")
def register_ledger_viewset():
    from .viewsets import ledger_viewset

    return ledger_viewset


# Admin hooks of the certificate and webinar screens live in their own modules.
from . import certificate_hooks, privacy_admin, webinar_hooks  # noqa: E402, F401
