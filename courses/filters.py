"""GET filter forms for the catalogue and the policy list.

A value that does not validate is dropped, never an error: visitors edit
URLs, crawlers send junk, and a filter page must not answer with a 500.
"""

from decimal import Decimal

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

SEARCH_RESULTS_LIMIT = 200


def paginate(request, object_list, per_page, param="page"):
    """The requested page of ``object_list``; bad numbers give the first or last."""
    return Paginator(object_list, per_page).get_page(request.GET.get(param))


def order_by_search(queryset, query, limit=SEARCH_RESULTS_LIMIT):
    """Keep the pages matching ``query`` (Wagtail search), best match first.

    Search runs on its own so the queryset keeps its other filters and
    prefetches; the database search backend cannot filter on tags.
    """
    matches = queryset.model.objects.live().search(query)[:limit]
    ids = [page.pk for page in matches]
    if not ids:
        return queryset.none()
    rank = Case(
        *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=ids).order_by(rank)


class LenientForm(forms.Form):
    """A GET form whose invalid fields are ignored rather than reported."""

    def valid_data(self):
        """The fields that validated, without empty values."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "", [])
        }


class CourseFilterForm(LenientForm):
    """Catalogue filters: competency type, level, tag, JP range and a search."""

    q = forms.CharField(label=_("Search courses"), required=False, max_length=200)
    competency = forms.ChoiceField(label=_("Competency type"), required=False)
    level = forms.TypedChoiceField(label=_("Level"), required=False, coerce=int)
    tag = forms.ChoiceField(label=_("Topic"), required=False)
    jp_min = forms.DecimalField(
        label=_("JP from"), required=False, min_value=0, max_value=999, decimal_places=1
    )
    jp_max = forms.DecimalField(
        label=_("JP up to"),
        required=False,
        min_value=0,
        max_value=999,
        decimal_places=1,
    )

    def __init__(self, data=None, *, tags=()):
        from .models import CompetencyType, CourseLevel

        super().__init__(data)
        anything = [("", _("All"))]
        self.fields["competency"].choices = anything + list(CompetencyType.choices)
        self.fields["level"].choices = anything + list(CourseLevel.choices)
        self.fields["tag"].choices = anything + [(tag.slug, tag.name) for tag in tags]

    def filter(self, courses):
        """Apply the valid filters to a CoursePage queryset."""
        data = self.valid_data()
        if "competency" in data:
            courses = courses.filter(competency_type=data["competency"])
        if "level" in data:
            courses = courses.filter(level=data["level"])
        if "tag" in data:
            courses = courses.filter(tags__slug=data["tag"])
        if "jp_min" in data:
            courses = courses.filter(jp_credit__gte=Decimal(data["jp_min"]))
        if "jp_max" in data:
            courses = courses.filter(jp_credit__lte=Decimal(data["jp_max"]))
        if data.get("q", "").strip():
            return order_by_search(courses, data["q"].strip())
        return courses.order_by("title")

    @property
    def is_filtered(self):
        return bool(self.valid_data())

    @property
    def has_filters(self):
        """Whether a filter other than the search box is in use."""
        return bool(set(self.valid_data()) - {"q"})

    @staticmethod
    def tags_in_use(courses):
        """Tags of the given courses, for the topic filter (one query)."""
        return (
            Tag.objects.filter(courses_coursetag_items__content_object__in=courses)
            .distinct()
            .order_by("name")
        )


class PolicyFilterForm(LenientForm):
    """Policy list filters: regulation type, year and status."""

    type = forms.ChoiceField(label=_("Regulation type"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None, *, years=()):
        from .models import PolicyArticlePage

        super().__init__(data)
        anything = [("", _("All"))]
        self.fields["type"].choices = anything + list(
            PolicyArticlePage.RegulationType.choices
        )
        self.fields["year"].choices = anything + [(year, year) for year in years]
        self.fields["status"].choices = anything + list(
            PolicyArticlePage.Status.choices
        )

    def filter(self, articles):
        data = self.valid_data()
        if "type" in data:
            articles = articles.filter(regulation_type=data["type"])
        if "year" in data:
            articles = articles.filter(regulation_year=data["year"])
        if "status" in data:
            articles = articles.filter(regulation_status=data["status"])
        return articles.order_by("-regulation_year", "title")
