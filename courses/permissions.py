"""Trainer groups, their scope and the review workflow.

Who may do what:

* **Pelatih** (trainers) reach the Wagtail admin, add and change pages under
  the course catalogue, the webinar list and the policy list, and upload and
  choose images and documents. They have no publish permission, so every
  change goes through the workflow below. Page types in this app narrow
  "change" further: a trainer edits only the courses, webinars and articles
  that name them in ``trainers`` (and the modules of those courses).
* **Moderators** (Wagtail's own reviewer group) review and publish. The
  workflow **Tinjauan administrator** (one group-approval task for
  Moderators; superusers may always approve) is attached to the three index
  pages, so it covers everything trainers write.
* **Supervisor** and **Admin instansi** are created here because other apps
  and the demo accounts use them; they get no page permissions here.

``setup_trainer_group()`` is idempotent. It runs after every ``migrate``
and from ``seed_demo``; page permissions and the workflow need the index
pages, so they are granted once those exist.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

TRAINER_GROUP = "Pelatih"
SUPERVISOR_GROUP = "Supervisor"
ADMIN_INSTANSI_GROUP = "Admin instansi"
REVIEWER_GROUP = "Moderators"
WORKFLOW_NAME = "Tinjauan administrator"

TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")
TRAINER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)


def _group_names(user):
    # Cached on the user object: the admin asks for every row of a listing.
    if not hasattr(user, "_courses_group_names"):
        user._courses_group_names = set(user.groups.values_list("name", flat=True))
    return user._courses_group_names


def is_scoped_trainer(user):
    """Whether ``user`` is a trainer limited to their own content.

    Superusers and reviewers (Moderators) see and change everything.
    """
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return False
    names = _group_names(user)
    return TRAINER_GROUP in names and REVIEWER_GROUP not in names


class TrainerScopedPermissionTester(PagePermissionTester):
    """Wagtail's tester, with trainers kept to pages they are assigned to.

    ``assigned`` is None for pages that trainers never change themselves
    (the index pages): they may add pages below them, nothing else.
    """

    def __init__(self, user, page, assigned):
        super().__init__(user, page)
        self.scoped = is_scoped_trainer(user)
        self.assigned = assigned

    def _denied(self):
        return self.scoped and not self.assigned

    def can_edit(self):
        return not self._denied() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return not self._denied() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_add_subpage(self):
        if self.scoped and self.assigned is None:
            return super().can_add_subpage()
        return not self._denied() and super().can_add_subpage()

    def can_publish(self):
        return not self._denied() and super().can_publish()

    def can_unpublish(self):
        return not self._denied() and super().can_unpublish()

    def can_publish_subpage(self):
        return not self._denied() and super().can_publish_subpage()

    def can_reorder_children(self):
        return not self._denied() and super().can_reorder_children()

    def can_submit_for_moderation(self):
        return not self._denied() and super().can_submit_for_moderation()

    def can_lock(self):
        return not self._denied() and super().can_lock()

    def can_copy(self):
        return not self._denied() and super().can_copy()


def assigned_trainer_ids(page):
    """Ids of the trainers named on a course, webinar or article."""
    return set(page.trainers.values_list("pk", flat=True))


@transaction.atomic
def setup_trainer_group():
    """Create the groups, permissions and review workflow (safe to repeat).

    Returns the trainer group.
    """
    from .models import CourseIndexPage, PolicyIndexPage, WebinarIndexPage

    trainers, _ = Group.objects.get_or_create(name=TRAINER_GROUP)
    Group.objects.get_or_create(name=SUPERVISOR_GROUP)
    Group.objects.get_or_create(name=ADMIN_INSTANSI_GROUP)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)

    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        trainers.permissions.add(access_admin)

    root_collection = Collection.get_first_root_node()
    if root_collection:
        for app_label, codename in TRAINER_COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=trainers, collection=root_collection, permission=permission
                )

    index_pages = [
        model.objects.first()
        for model in (CourseIndexPage, WebinarIndexPage, PolicyIndexPage)
    ]
    index_pages = [page for page in index_pages if page is not None]
    if not index_pages:
        return trainers

    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS
    )
    for page in index_pages:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=trainers, page=page, permission=permission
            )

    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        task.groups.set([reviewers])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in index_pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return trainers
