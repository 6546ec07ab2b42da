"""Object level: changing an id in a URL or a form reaches nothing that is not
yours. Learners and other learners, trainers and other trainers, an Admin
instansi and the administrator of another instansi."""

import csv
import io
import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, TaskState, Workflow

from courses.models import CoursePage
from learning.models import (
    Enrolment,
    ModuleFeedback,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
    WebinarRegistration,
)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def snapshot(world):
    """Every learner record of the learner, to compare before and after."""
    siti = world.users["learner"]
    return {
        "answers": sorted(
            QuizAnswer.objects.filter(attempt__user=siti).values_list(
                "question_id", "value", "saved_at"
            )
        ),
        "attempts": sorted(
            QuizAttempt.objects.filter(user=siti).values_list(
                "pk", "submitted_at", "score"
            )
        ),
        "progress": sorted(
            ModuleProgress.objects.filter(user=siti).values_list(
                "module_id", "completed_at"
            )
        ),
        "feedback": sorted(
            ModuleFeedback.objects.filter(user=siti).values_list(
                "module_id", "comment", "rating_overall"
            )
        ),
        "registration": WebinarRegistration.objects.filter(user=siti).values_list(
            "status", flat=True
        )[0],
    }


# Learners ---------------------------------------------------------------------


def test_another_learner_cannot_read_or_change_the_quiz_attempt(world):
    """Yohanes tries Siti's attempt ids in every quiz URL and form."""
    before = snapshot(world)
    other = client_for(world.users["other_learner"])
    attempt, done = world.attempt, world.submitted_attempt
    assert other.get(f"/belajar/kuis/{attempt.pk}/").status_code == 404
    assert other.get(f"/belajar/kuis/{done.pk}/hasil/").status_code == 404
    response = other.post(
        f"/belajar/kuis/{attempt.pk}/",
        {"q-q-single": "o-s2", "q-q-tf": "true", "action": "submit"},
    )
    assert response.status_code == 404
    response = other.post(f"/belajar/kuis/{attempt.pk}/simpan/", {"q-q-tf": "false"})
    assert response.status_code == 404
    assert snapshot(world) == before
    # Not even in the page: the answers of Siti's attempt never show.
    html = other.get("/belajar/").content.decode()
    assert "Etika ASN" not in html


def test_form_fields_naming_another_user_or_attempt_are_ignored(world):
    """Siti saves her own attempt with extra fields pointing at Yohanes."""
    yohanes = world.users["other_learner"]
    siti = client_for(world.users["learner"])
    response = siti.post(
        f"/belajar/kuis/{world.attempt.pk}/simpan/",
        {"q-q-tf": "false", "user": yohanes.pk, "user_id": yohanes.pk, "attempt": 1},
    )
    assert response.status_code == 200
    assert not QuizAttempt.objects.filter(user=yohanes).exists()
    assert QuizAnswer.objects.get(attempt=world.attempt, question_id="q-tf").value == (
        "false"
    )


def test_progress_and_questionnaires_need_the_learners_own_enrolment(world):
    """Yohanes is not enrolled: completing or rating Siti's course writes
    nothing for him and changes nothing of hers."""
    before = snapshot(world)
    yohanes = world.users["other_learner"]
    other = client_for(yohanes)
    module = world.plain_module
    response = other.post(f"/belajar/modul/{module.pk}/selesai/")
    assert response.status_code == 302
    response = other.post(
        f"/belajar/modul/{module.pk}/kuesioner/",
        {
            "rating_material": 1,
            "rating_delivery": 1,
            "rating_practical": 1,
            "rating_overall": 1,
            "comment": "ditimpa",
        },
    )
    assert response.status_code == 302
    response = other.post(f"/belajar/modul/{world.quiz_module.pk}/kuis/mulai/")
    assert response.status_code == 302
    for model in (ModuleProgress, ModuleFeedback, QuizAttempt, Enrolment):
        assert not model.objects.filter(user=yohanes).exists(), model
    assert snapshot(world) == before


def test_cancelling_touches_only_ones_own_registration(world):
    before = snapshot(world)
    other = client_for(world.users["other_learner"])
    other.post(f"/belajar/webinar/{world.webinar.pk}/batal/")
    assert snapshot(world) == before
    assert not WebinarRegistration.objects.filter(
        user=world.users["other_learner"]
    ).exists()


def test_offline_sync_cannot_replay_someone_elses_items(world):
    """Yohanes sends a queued quiz and questionnaire that reuse the client ids
    of Siti's records: refused, nothing of hers changes."""
    siti = world.users["learner"]
    feedback_id = uuid.uuid4()
    ModuleFeedback.objects.filter(pk=world.feedback.pk).update(client_id=feedback_id)
    quiz_id = uuid.uuid4()
    QuizAttempt.objects.filter(pk=world.submitted_attempt.pk).update(client_id=quiz_id)
    before = snapshot(world)
    other = client_for(world.users["other_learner"])
    items = [
        {
            "client_id": str(quiz_id),
            "kind": "quiz",
            "module": world.quiz_module.pk,
            "answers": {"q-tf": "true"},
        },
        {
            "client_id": str(feedback_id),
            "kind": "feedback",
            "module": world.plain_module.pk,
            "ratings": dict.fromkeys(
                (
                    "rating_material",
                    "rating_delivery",
                    "rating_practical",
                    "rating_overall",
                ),
                1,
            ),
            "comment": "ditimpa",
        },
    ]
    response = other.post(
        "/belajar/sync/", json.dumps({"items": items}), content_type="application/json"
    )
    assert response.status_code == 200
    assert {r["status"] for r in response.json()["results"]} == {"refused"}
    assert snapshot(world) == before
    assert ModuleFeedback.objects.get(client_id=feedback_id).user == siti


def test_certificate_pdfs_and_evidence_files_are_the_owners(world):
    other = client_for(world.users["other_learner"])
    assert other.get(f"/sertifikat/{world.certificate.code}/pdf/").status_code == 404
    evidence = world.ledger_entry.evidence_file
    assert other.get(evidence.url).status_code == 404
    # The public media route does not serve them either, however the path is
    # spelt.
    name = evidence.name
    for trick in (f"/media/./{name}", f"/media/x/../{name}", f"/media//{name}"):
        assert other.get(trick).status_code == 404, trick
        assert Client().get(trick).status_code in (302, 404), trick
    # The owner and her administrator get it.
    owner = client_for(world.users["learner"])
    response = owner.get(evidence.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_for(world.users["admin_instansi"]).get(evidence.url).status_code == (
        200
    )
    assert client_for(world.users["other_admin"]).get(evidence.url).status_code == 404


def test_the_data_export_holds_only_ones_own_data(world):
    import zipfile

    response = client_for(world.users["other_learner"]).get("/akun/profil/data/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    text = json.dumps(data)
    assert data["profile"]["username"] == "yohanes"
    assert "Siti" not in text and world.users["learner"].nip not in text
    assert data["enrolments"] == [] and data["quiz_attempts"] == []


# Trainers ---------------------------------------------------------------------


def _submit_for_review(world, course):
    """The assigned trainer saves a change and sends it for review."""
    trainer = world.users["trainer"]
    course.title = "Etika ASN (revisi)"
    revision = course.save_revision(user=trainer)
    workflow = course.get_workflow()
    assert isinstance(workflow, Workflow)
    workflow.start(course, trainer)
    task_state = TaskState.objects.filter(
        workflow_state__base_content_type__isnull=False,
        workflow_state__object_id=str(course.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    ).get()
    return revision, task_state


def test_another_trainer_cannot_edit_the_course(world):
    course = world.course
    other = client_for(world.users["other_trainer"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    response = other.get(edit_url)
    assert response.status_code in (302, 403)
    revisions = Revision.objects.filter(object_id=str(course.pk)).count()
    response = other.post(edit_url, {"title": "Diambil alih", "slug": course.slug})
    assert response.status_code in (302, 403)
    assert Revision.objects.filter(object_id=str(course.pk)).count() == revisions
    assert CoursePage.objects.get(pk=course.pk).title == "Etika ASN"
    # The assigned trainer may.
    assert client_for(world.users["trainer"]).get(edit_url).status_code == 200


def test_trainers_cannot_approve_a_course_in_review(world):
    course = CoursePage.objects.get(pk=world.course.pk)
    _revision, task_state = _submit_for_review(world, course)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[course.pk, "approve", task_state.pk],
    )
    for name in ("other_trainer", "trainer", "admin_instansi"):
        response = client_for(world.users[name]).post(url, {"comment": ""})
        assert response.status_code in (302, 403), name
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_IN_PROGRESS, name
    assert Page.objects.get(pk=course.pk).title == "Etika ASN"
    # A superuser approves, and the change goes live.
    response = client_for(world.users["superuser"]).post(url, {"comment": "Ok"})
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert Page.objects.get(pk=course.pk).title == "Etika ASN (revisi)"


# Administrators of an instansi --------------------------------------------------


@pytest.fixture
def jayapura_learner(world):
    return world.people["agustinus"]


def test_admin_instansi_sees_only_own_instansi_in_user_admin(world, jayapura_learner):
    ntt = client_for(world.users["admin_instansi"])
    html = ntt.get("/admin/users/?q=").content.decode()
    assert "Siti Rahmawati" in html and "Agustinus" not in html
    for url in (
        f"/admin/users/edit/{jayapura_learner.pk}/",
        f"/admin/users/history/{jayapura_learner.pk}/",
        f"/admin/laporan/learners/{jayapura_learner.pk}/",
        f"/admin/users/anonimkan/{jayapura_learner.pk}/",
    ):
        assert ntt.get(url).status_code == 404, url
    jpr = client_for(world.users["other_admin"])
    html = jpr.get("/admin/users/").content.decode()
    assert "Agustinus" in html and "Siti Rahmawati" not in html
    assert jpr.get(f"/admin/users/edit/{world.users['learner'].pk}/").status_code == (
        404
    )


def test_reports_and_exports_of_another_instansi_leave_its_people_out(
    world, jayapura_learner
):
    siti = world.users["learner"]
    jpr = client_for(world.users["other_admin"])
    for report in ("learners", "jp", "completion/organisation"):
        response = jpr.get(f"/admin/laporan/{report}/?export=csv")
        assert response.status_code == 200, report
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))
        assert rows, report
        assert siti.nip not in body and "Siti" not in body, report
    html = jpr.get("/admin/sertifikat/").content.decode()
    assert world.certificate.number not in html
    html = jpr.get("/admin/jp_ledger/").content.decode()
    assert "Diklat PIM IV" not in html
    ntt = client_for(world.users["admin_instansi"])
    body = b"".join(
        ntt.get("/admin/laporan/learners/?export=csv").streaming_content
    ).decode("utf-8-sig")
    assert siti.nip in body and jayapura_learner.nip not in body
