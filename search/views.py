"""Site search over every page type, results grouped by type."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.models import CoursePage, ModulePage, PolicyArticlePage, WebinarPage
from courses.timezones import viewer_zone

# Result groups in the order they are shown: (key, label, page type).
GROUPS = (
    ("course", _("Courses"), CoursePage),
    ("module", _("Modules"), ModulePage),
    ("webinar", _("Webinars"), WebinarPage),
    ("policy", _("Policies"), PolicyArticlePage),
    ("other", _("Other"), None),
)
RESULTS_PER_PAGE = 20


def _restrict_to_group(pages, key):
    """Pages of one group, or all pages for an unknown key."""
    models = [model for group, _label, model in GROUPS if model]
    for group, _label, model in GROUPS:
        if group == key:
            return pages.type(model) if model else pages.not_type(*models)
    return pages


def _group(results):
    """Split one page of results into the groups, keeping rank order."""
    grouped = {key: [] for key, _label, _model in GROUPS}
    for result in results:
        key = next(
            (k for k, _label, m in GROUPS if m and isinstance(result, m)), "other"
        )
        grouped[key].append(result)
    # A module names its course: one query for all modules on the page.
    modules = grouped["module"]
    if modules:
        parent_paths = {module.path[: -ModulePage.steplen] for module in modules}
        titles = dict(
            CoursePage.objects.filter(path__in=parent_paths).values_list(
                "path", "title"
            )
        )
        for module in modules:
            module.course_title = titles.get(module.path[: -ModulePage.steplen], "")
    return [
        {"key": key, "label": label, "results": grouped[key]}
        for key, label, _model in GROUPS
        if grouped[key]
    ]


def search(request):
    """Search live pages by ``query``; ``type`` narrows to one group."""
    # NUL cannot reach the database (PostgreSQL refuses it).
    query = request.GET.get("query", "").replace("\x00", "").strip()[:200]
    group = request.GET.get("type", "")
    if group not in {key for key, _label, _model in GROUPS}:
        group = ""
    results = Page.objects.none()
    if query:
        pages = _restrict_to_group(Page.objects.live().public(), group)
        results = pages.specific().search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "search_query": query,
        "search_results": page,
        "page_obj": page,
        "groups": _group(page.object_list) if query else [],
        "group_choices": [(key, label) for key, label, _model in GROUPS],
        "selected_group": group,
        "viewer_zone": viewer_zone(request),
    }
    return TemplateResponse(request, "search/search.html", context)
