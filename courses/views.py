"""Views outside the page tree: the tag page."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from .images import CARD_SPECS, image_prefetch
from .models import CoursePage, PolicyArticlePage, WebinarPage
from .timezones import viewer_zone


def tag_page(request, slug):
    """Live courses, webinars and policy articles with one tag, by type."""
    tag = get_object_or_404(Tag, slug=slug)
    courses = (
        CoursePage.objects.live()
        .public()
        .filter(tags=tag)
        .prefetch_related(image_prefetch("cover_image", CARD_SPECS))
        .prefetch_related("tagged_items__tag")
        .order_by("title")
    )
    webinars = WebinarPage.objects.live().public().filter(tags=tag)
    articles = PolicyArticlePage.objects.live().public().filter(tags=tag)
    context = {
        "tag": tag,
        "courses": list(courses),
        "upcoming_webinars": list(webinars.upcoming()),
        "past_webinars": list(webinars.past()),
        "articles": list(articles.newest()),
        "viewer_zone": viewer_zone(request),
    }
    return TemplateResponse(request, "courses/tag_page.html", context)
