"""The site's root page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The front page: a welcome text, then featured courses, upcoming webinars
    and new policy articles gathered from the tree."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown under the page title."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Newest courses, next webinars and newest policy articles."""
        from courses.models import CoursePage, PolicyArticlePage, WebinarPage
        from courses.timezones import viewer_zone

        context = super().get_context(request, *args, **kwargs)
        context["featured_courses"] = list(
            CoursePage.objects.live()
            .public()
            .for_cards()
            .order_by("-first_published_at", "title")[:6]
        )
        context["upcoming_webinars"] = list(
            WebinarPage.objects.live().public().upcoming()[:3]
        )
        context["newest_policies"] = list(
            PolicyArticlePage.objects.live()
            .public()
            .order_by("-first_published_at")[:3]
        )
        context["viewer_zone"] = viewer_zone(request)
        return context
