"""Make sure trainers change only their own content, and only through review."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import CoursePage
from courses.permissions import (
    REVIEWER_GROUP,
    TRAINER_GROUP,
    WORKFLOW_NAME,
    is_scoped_trainer,
    setup_trainer_group,
)

from .factories import (
    CoursePageFactory,
    ModulePageFactory,
    PolicyArticlePageFactory,
    WebinarPageFactory,
)


@pytest.fixture
def trainer(demo_people):
    return demo_people["pelatih"]


@pytest.fixture
def other_trainer(demo_people):
    return demo_people["pelatih2"]


@pytest.fixture
def content(indexes, trainer, other_trainer):
    """One course, module, webinar and article for each trainer."""
    pages = {}
    for owner, key in ((trainer, "own"), (other_trainer, "other")):
        course = CoursePageFactory(parent=indexes["courses"], title=f"Kursus {key}")
        webinar = WebinarPageFactory(parent=indexes["webinars"], title=f"Webinar {key}")
        article = PolicyArticlePageFactory(
            parent=indexes["policies"], title=f"Artikel {key}"
        )
        for page in (course, webinar, article):
            page.trainers = [owner]
            page.save_revision().publish()
        pages[key] = {
            "course": course,
            "module": ModulePageFactory(parent=course, title=f"Modul {key}"),
            "webinar": webinar,
            "article": article,
        }
    return pages


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def course_form(course, title, **extra):
    data = {
        "title": title,
        "slug": course.slug,
        "summary": "Ringkasan baru.",
        "learning_objectives": rich_text(""),
        "competency_type": "teknis",
        "managerial_competency": "",
        "level": 2,
        "jp_credit": "4",
        "estimated_minutes": 90,
        "enrolment_mode": "open",
        "quiz_pass_mark": 70,
        "trainers": [t.pk for t in course.trainers.all()],
    }
    data = nested_form_data(data)
    data.update(extra)
    return data


def test_groups_permissions_and_workflow_are_set_up_once(indexes):
    setup_trainer_group()
    setup_trainer_group()
    trainers = Group.objects.get(name=TRAINER_GROUP)
    assert Group.objects.filter(name__in=["Supervisor", "Admin instansi"]).count() == 2
    assert trainers.permissions.filter(codename="access_admin").exists()
    assert not GroupPagePermission.objects.filter(
        group=trainers, permission__codename="publish_page"
    ).exists()
    assert GroupPagePermission.objects.filter(group=trainers).count() == 6
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert WorkflowPage.objects.filter(workflow=workflow).count() == 3
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [REVIEWER_GROUP]
    for index in indexes.values():
        assert index.get_workflow() == workflow


def test_only_plain_trainers_are_scoped(demo_people):
    assert is_scoped_trainer(demo_people["pelatih"])
    assert not is_scoped_trainer(demo_people["admin"])
    reviewer = demo_people["pelatih2"]
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWER_GROUP)[0])
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)  # groups are cached
    assert not is_scoped_trainer(reviewer)


@pytest.mark.parametrize("kind", ["course", "module", "webinar", "article"])
def test_trainer_edits_own_pages_only(client, trainer, content, kind):
    client.force_login(trainer)
    assert client.get(edit_url(content["own"][kind])).status_code == 200
    response = client.get(edit_url(content["other"][kind]))
    assert response.status_code in (302, 403)
    perms = content["other"][kind].permissions_for_user(trainer)
    assert not perms.can_edit() and not perms.can_delete()
    assert not perms.can_publish()


def test_trainer_cannot_change_the_index_pages(client, trainer, indexes):
    client.force_login(trainer)
    for index in indexes.values():
        assert client.get(edit_url(index)).status_code in (302, 403)
        assert index.permissions_for_user(trainer).can_add_subpage()


def test_trainer_adds_modules_only_to_own_courses(client, trainer, content):
    client.force_login(trainer)
    own = content["own"]["course"]
    other = content["other"]["course"]
    assert (
        client.get(f"/admin/pages/add/courses/modulepage/{own.pk}/").status_code == 200
    )
    response = client.get(f"/admin/pages/add/courses/modulepage/{other.pk}/")
    assert response.status_code in (302, 403)


def test_explorer_lists_only_the_trainers_pages(client, trainer, content, indexes):
    client.force_login(trainer)
    html = client.get(f"/admin/pages/{indexes['courses'].pk}/").content.decode()
    assert "Kursus own" in html and "Kursus other" not in html


def test_superuser_sees_and_edits_everything(client, demo_people, content, indexes):
    client.force_login(demo_people["admin"])
    for key in ("own", "other"):
        for page in content[key].values():
            assert client.get(edit_url(page)).status_code == 200
    html = client.get(f"/admin/pages/{indexes['courses'].pk}/").content.decode()
    assert "Kursus own" in html and "Kursus other" in html


def test_trainer_cannot_publish_directly(client, trainer, content):
    course = content["own"]["course"]
    client.force_login(trainer)
    response = client.post(
        edit_url(course),
        course_form(course, "Judul Langsung", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Kursus own"  # saved as a draft only
    assert course.has_unpublished_changes


def test_new_course_names_its_trainer_and_goes_to_review(client, trainer, indexes):
    client.force_login(trainer)
    catalogue = indexes["courses"]
    data = nested_form_data(
        {
            "title": "Kursus Buatan Pelatih",
            "slug": "kursus-buatan-pelatih",
            "summary": "Ringkasan.",
            "learning_objectives": rich_text(""),
            "competency_type": "teknis",
            "managerial_competency": "",
            "level": 1,
            "jp_credit": "2",
            "estimated_minutes": 90,
            "enrolment_mode": "open",
            "quiz_pass_mark": 70,
        }
    )
    data["action-submit"] = "1"
    response = client.post(f"/admin/pages/add/courses/coursepage/{catalogue.pk}/", data)
    assert response.status_code == 302
    course = CoursePage.objects.get(slug="kursus-buatan-pelatih")
    assert list(course.trainers.all()) == [trainer]
    revision_trainers = course.get_latest_revision_as_object().trainers.all()
    assert [user.pk for user in revision_trainers] == [trainer.pk]
    assert not course.live
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(course.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert client.get(edit_url(course)).status_code == 200


def test_review_flow_submit_then_admin_approves(client, trainer, demo_people, content):
    course = content["own"]["course"]
    client.force_login(trainer)
    response = client.post(
        edit_url(course),
        course_form(course, "Judul Setelah Tinjauan", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Kursus own"
    state = course.current_workflow_state
    assert state is not None and state.workflow.name == WORKFLOW_NAME
    task_state = state.current_task_state

    # The trainer cannot approve their own work.
    approve = f"/admin/pages/workflow/action/{course.pk}/approve/{task_state.pk}/"
    client.post(approve)
    course.refresh_from_db()
    assert course.title == "Kursus own"

    client.force_login(demo_people["admin"])
    response = client.post(approve)
    assert response.status_code in (200, 302)
    course.refresh_from_db()
    assert course.live and course.title == "Judul Setelah Tinjauan"
    assert not course.has_unpublished_changes
