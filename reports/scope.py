"""What a report covers: the people the viewer may see, narrowed by filters.

Every report row, total, chart and export starts from :class:`Scope`, and a
scope starts from ``people.scoping.people_visible_to`` (the project's one
function for "who may see whom"), so rows, totals and exports cannot differ
in what they let through.
"""

import dataclasses
import datetime

from django.db.models import Q

from learning.models import Enrolment, ModuleFeedback, QuizAnswer
from people.scoping import people_visible_to

from .figures import local_day_bounds


@dataclasses.dataclass
class Scope:
    """The viewer and the filter values of one report request."""

    viewer: object
    instansi: object = None
    unit: object = None
    course: object = None
    competency_type: str = ""
    jabatan_type: str = ""
    employment_status: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None

    @classmethod
    def from_filters(cls, viewer, filters):
        """A scope from a bound filter set; invalid filters narrow nothing
        (the viewer's own visibility still applies)."""
        data = filters.form.cleaned_data if filters and filters.is_valid() else {}
        period = data.get("period")
        return cls(
            viewer=viewer,
            instansi=data.get("instansi"),
            unit=data.get("unit_kerja"),
            course=data.get("course"),
            competency_type=data.get("competency_type") or "",
            jabatan_type=data.get("jabatan_type") or "",
            employment_status=data.get("employment_status") or "",
            start=period.start if period else None,
            end=period.stop if period else None,
        )

    # People --------------------------------------------------------------------

    def people(self):
        """Active accounts the viewer may see that match the people filters."""
        people = people_visible_to(self.viewer).filter(is_active=True)
        if self.instansi is not None:
            people = people.filter(instansi=self.instansi)
        if self.unit is not None:
            people = people.filter(self.unit.subtree_filter("unit_kerja"))
        if self.jabatan_type:
            people = people.filter(jabatan_type=self.jabatan_type)
        if self.employment_status:
            people = people.filter(employment_status=self.employment_status)
        return people

    def asn(self):
        """People with an ASN status (PNS or PPPK): those the JP minimum binds."""
        return self.people().exclude(employment_status="")

    # Learning records ------------------------------------------------------------

    def period_q(self, field):
        lower, upper = local_day_bounds(self.start, self.end)
        q = Q()
        if lower:
            q &= Q(**{f"{field}__gte": lower})
        if upper:
            q &= Q(**{f"{field}__lt": upper})
        return q

    def course_q(self, prefix):
        """Course and competency filters on the course at ``prefix``."""
        q = Q()
        if self.course is not None:
            q &= Q(**{f"{prefix}": self.course})
        if self.competency_type:
            q &= Q(**{f"{prefix}__competency_type": self.competency_type})
        return q

    def enrolment_condition(self, prefix=""):
        """The filters on enrolments (course, competency, period enrolled),
        seen from the model at ``prefix`` ("" for Enrolment itself)."""
        return self.course_q(f"{prefix}course") & self.period_q(f"{prefix}enrolled_at")

    def enrolments(self):
        """Enrolments of the people in scope that match the filters."""
        return Enrolment.objects.filter(
            self.enrolment_condition(), user__in=self.people()
        )

    def feedback(self):
        """Questionnaires of people in scope, given within the period."""
        return ModuleFeedback.objects.filter(
            self.course_q("enrolment__course"),
            self.period_q("created_at"),
            user__in=self.people(),
        )

    def answers(self):
        """Graded answers of attempts submitted in the period."""
        return QuizAnswer.objects.filter(
            self.course_q("attempt__enrolment__course"),
            self.period_q("attempt__submitted_at"),
            attempt__submitted_at__isnull=False,
            attempt__user__in=self.people(),
        )
