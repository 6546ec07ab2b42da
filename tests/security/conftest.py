"""One small world for the security tests: every role, and records of each
kind owned by one learner (Siti), so another account can try to reach them.

Roles, in the order of the access table's columns:

- ``anonymous``: nobody logged in;
- ``learner`` (Siti, pemprov-ntt, unit ntt-dinkes-yankes) owns the records;
- ``other_learner`` (Yohanes, pemprov-ntt);
- ``trainer`` (pelatih), trainer of the courses and the webinar;
- ``other_trainer`` (pelatih2), trainer of nothing here;
- ``supervisor`` (kabid), supervising Siti's unit;
- ``admin_instansi`` (adminntt), Admin instansi of pemprov-ntt;
- ``other_admin`` (adminjpr), Admin instansi of pemkab-jayapura, made here;
- ``superuser`` (admin).
"""

import datetime
import types
import uuid
from decimal import Decimal

import pytest
from axes.utils import reset as reset_axes
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from courses.models import (
    CoursePage,
    PolicyArticlePage,
    PolicyIndexPage,
    WebinarIndexPage,
    WebinarPage,
)
from courses.permissions import setup_trainer_group
from learning import services, webinars
from learning.ledger import credit_jp
from learning.models import (
    Certificate,
    Enrolment,
    JPLedgerEntry,
    ModuleFeedback,
    QuizAttempt,
)
from people.models import Instansi, UnitKerja, User
from people.roles import ADMIN_INSTANSI
from tests import builders
from tests.builders import RIGHT_ANSWERS, WRONG_ANSWERS

ROLES = (
    "anonymous",
    "learner",
    "other_learner",
    "trainer",
    "other_trainer",
    "supervisor",
    "admin_instansi",
    "other_admin",
    "superuser",
)

# A PDF's first bytes: enough for the content check of evidence uploads.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_login_attempts(db):
    """No failed login from one test locks another out."""
    reset_axes()
    yield
    reset_axes()


@pytest.fixture(autouse=True)
def _receivers_connected():
    """Completion issues the certificate (another test module may have
    disconnected the receiver)."""
    from learning.receivers import issue_certificate_and_credit_jp

    services.course_completed.connect(
        issue_certificate_and_credit_jp, dispatch_uid="learning_certificate_and_jp"
    )


def make_other_admin():
    """An Admin instansi of pemkab-jayapura (the demo has none)."""
    user = User.objects.create_user(
        username="adminjpr",
        password="x",
        full_name="Admin Jayapura",
        email="admin.jpr@belajar.localhost",
        instansi=Instansi.objects.get(code="pemkab-jayapura"),
        unit_kerja=UnitKerja.objects.get(code="jpr-bkpsdm"),
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=ADMIN_INSTANSI))
    return user


def build_webinar(trainers=(), title="Webinar", days=3, start=None):
    """A live two-hour webinar ``days`` from now, or from ``start`` (the index
    page is created once)."""
    index = WebinarIndexPage.objects.first()
    if index is None:
        index = WebinarIndexPage(title="Webinar", slug="webinar")
        Page.objects.get(depth=2).add_child(instance=index)
    if start is None:
        start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    webinar = WebinarPage(
        title=title,
        slug=f"webinar-{WebinarPage.objects.count() + 1}",
        start_at=start,
        end_at=start + datetime.timedelta(hours=2),
        description="<p>Diskusi.</p>",
        jp_credit=Decimal("2"),
        join_url="https://zoom.example.org/j/rahasia",
    )
    webinar.trainers = list(trainers)
    index.add_child(instance=webinar)
    return WebinarPage.objects.get(pk=webinar.pk)


def _policy_article():
    index = PolicyIndexPage(title="Kebijakan", slug="kebijakan")
    Page.objects.get(depth=2).add_child(instance=index)
    article = PolicyArticlePage(
        title="UU ASN",
        slug="uu-asn",
        regulation_type="uu",
        regulation_number="20",
        regulation_year=2023,
        regulation_title="Aparatur Sipil Negara",
        summary="Ringkasan.",
    )
    index.add_child(instance=article)
    return index, article


@pytest.fixture
def world(demo_people):
    """Pages, records and accounts the security tests reach for."""
    people = dict(demo_people)
    people["other_admin"] = make_other_admin()
    users = {
        "learner": people["siti"],
        "other_learner": people["yohanes"],
        "trainer": people["pelatih"],
        "other_trainer": people["pelatih2"],
        "supervisor": people["kabid"],
        "admin_instansi": people["adminntt"],
        "other_admin": people["other_admin"],
        "superuser": people["admin"],
    }
    siti, trainer = users["learner"], users["trainer"]

    # Courses: one with a quiz in its first module, one Siti has completed.
    course = builders.course(2, quiz_in=(0,), title="Etika ASN")
    course.trainers = [trainer]
    tag, _created = Tag.objects.get_or_create(name="etika", slug="etika")
    course.tags.add(tag)
    course.save_revision().publish()
    course = CoursePage.objects.get(pk=course.pk)
    quiz_module, plain_module = builders.modules_of(course)
    done_course = builders.course(1, title="Dasar JP", jp=Decimal("2"))
    done_course.trainers = [trainer]
    done_course.save_revision().publish()
    draft = builders.course(1, title="Konsep", publish=False)
    draft.unpublish()

    services.enrol(siti, course)
    services.enrol(siti, done_course)
    services.complete_module(siti, builders.modules_of(done_course)[0])
    certificate = Certificate.objects.get(user=siti, course=done_course)

    # Quiz: one submitted attempt (wrong) and one open.
    first, _ = services.start_attempt(siti, quiz_module)
    services.submit_attempt(siti, first.pk, WRONG_ANSWERS)
    attempt, _ = services.start_attempt(siti, quiz_module)
    services.save_answers(siti, attempt.pk, {"q-tf": RIGHT_ANSWERS["q-tf"]})
    feedback = services.give_feedback(
        siti,
        plain_module,
        {
            "rating_material": 4,
            "rating_delivery": 4,
            "rating_practical": 5,
            "rating_overall": 4,
        },
        "Materinya jelas.",
    )

    webinar = build_webinar(trainers=[trainer], title="Webinar Etika")
    registration = webinars.register_for_webinar(siti, webinar)

    entry, _ = credit_jp(
        siti,
        source_type=JPLedgerEntry.Source.MANUAL,
        source_id=uuid.uuid4(),
        title="Diklat PIM IV",
        path=JPLedgerEntry.Path.KLASIKAL,
        form=JPLedgerEntry.Form.PELATIHAN,
        jp=Decimal("10"),
        earned_on=timezone.localdate() - datetime.timedelta(days=30),
        evidence_file=ContentFile(PDF_BYTES, name="sertifikat-pim.pdf"),
        manual=True,
        note="Sertifikat dari BPSDM.",
        recorded_by=users["admin_instansi"],
    )
    assignment = services.assign(
        course,
        User.objects.filter(pk=siti.pk),
        assigned_by=users["admin_instansi"],
        reason="Wajib unit",
        target="people",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    policy_index, article = _policy_article()
    setup_trainer_group()  # page permissions on the index pages made above

    return types.SimpleNamespace(
        users=users,
        people=people,
        course=course,
        done_course=done_course,
        draft=draft,
        quiz_module=quiz_module,
        plain_module=plain_module,
        tag=tag,
        certificate=certificate,
        submitted_attempt=QuizAttempt.objects.get(pk=first.pk),
        attempt=QuizAttempt.objects.get(pk=attempt.pk),
        feedback=ModuleFeedback.objects.get(pk=feedback.pk),
        enrolment=Enrolment.objects.get(user=siti, course=course),
        webinar=webinar,
        registration=registration,
        ledger_entry=entry,
        assignment=assignment,
        policy_index=policy_index,
        article=article,
        unit=siti.unit_kerja,
    )
