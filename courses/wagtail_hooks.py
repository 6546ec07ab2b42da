"""Admin behaviour for trainers: see only their own content, set up review."""

from wagtail import hooks

from .models import (
    CourseIndexPage,
    CoursePage,
    PolicyArticlePage,
    PolicyIndexPage,
    WebinarIndexPage,
    WebinarPage,
)
from .permissions import is_scoped_trainer, setup_trainer_group

# Index page type -> the assigned page type listed under it.
ASSIGNED_CHILDREN = {
    CourseIndexPage: CoursePage,
    WebinarIndexPage: WebinarPage,
    PolicyIndexPage: PolicyArticlePage,
}


@hooks.register("construct_explorer_page_queryset")
def show_trainers_their_own_pages(parent_page, pages, request):
    """In the page explorer, a trainer sees only what they may edit."""
    if not is_scoped_trainer(request.user):
        return pages
    child_model = ASSIGNED_CHILDREN.get(parent_page.specific_class)
    if child_model is None:
        return pages
    own = child_model.objects.filter(trainers=request.user).values("pk")
    return pages.filter(pk__in=own)


@hooks.register("after_create_page")
def grant_trainers_on_new_index_page(request, page):
    """An index page made in the admin gets trainer permissions and review."""
    if isinstance(page.specific, tuple(ASSIGNED_CHILDREN)):
        setup_trainer_group()
