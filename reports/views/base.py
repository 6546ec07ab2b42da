"""The report view every admin report builds on.

A report is a Wagtail ``ReportView``: Wagtail's filter drawer, pagination
and spreadsheet buttons, with three changes:

- the filters only feed a :class:`~reports.scope.Scope`; each report builds
  its own aggregated queryset from it (``build_queryset``);
- exports skip the page context entirely and stream every row (see
  ``reports.export``);
- the context carries the report's totals and charts, computed by the
  database over the whole filtered set, not over one page.
"""

import types

from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.reports import ReportView

from people.models import User

from ..access import ReportAccessMixin
from ..export import StreamingExportMixin
from ..filters import LearningFilterSet
from ..scope import Scope

# Query parameters that are not filters of the report.
NON_FILTER_PARAMS = ("p", "export", "ordering", "_w_filter_fragment")


class _Name(types.SimpleNamespace):
    def get_username(self):
        return self.username


def label_people(rows):
    """Add each person's display name and record link to rows of
    ``values("pk", "username", "full_name", "title_prefix", "title_suffix")``.

    Uses ``User.display_name`` itself, without building a model instance
    per row (an export may hold 100,000 rows).
    """
    record_base = reverse("lms_reports:learners")
    display_name = User.display_name.fget
    for row in rows:
        row["label"] = display_name(
            _Name(
                username=row["username"],
                full_name=row["full_name"],
                title_prefix=row["title_prefix"],
                title_suffix=row["title_suffix"],
            )
        )
        row["url"] = f"{record_base}{row['pk']}/"
    return rows


class ReportPaginator(WagtailPaginator):
    """A paginator that may count the rows with a cheaper query than
    ``COUNT(*)`` around the report's aggregated query."""

    def __init__(self, *args, count_rows=None, **kwargs):
        self.count_rows = count_rows
        super().__init__(*args, **kwargs)

    @cached_property
    def count(self):
        if self.count_rows is not None:
            counted = self.count_rows()
            if counted is not None:
                return counted
        return super().count


class BaseReportView(ReportAccessMixin, StreamingExportMixin, ReportView):
    template_name = "reports/report.html"
    filterset_class = LearningFilterSet
    paginate_by = 50
    orderings = ()  # sortable keys (query annotations)
    # Set by each report: the name of its URL in the reports URLconf.
    url_name = ""

    @property
    def index_url_name(self):
        return f"lms_reports:{self.url_name}"

    @property
    def index_results_url_name(self):
        return f"lms_reports:{self.url_name}_results"

    @property
    def export_filename(self):
        return self.url_name.replace("_", "-")

    def get_valid_orderings(self):
        return [*self.orderings, *(f"-{key}" for key in self.orderings)]

    @cached_property
    def scope(self):
        return Scope.from_filters(self.request.user, self.filters)

    paginator_class = ReportPaginator

    def build_queryset(self, scope):  # pragma: no cover - each report has one
        raise NotImplementedError

    def count_rows(self):
        """The number of rows, if a report can count them more cheaply than
        Django's COUNT(*) around the whole aggregated query; else None."""
        return None

    def get_paginator(self, queryset, per_page, **kwargs):
        return self.paginator_class(
            queryset, per_page, count_rows=self.count_rows, **kwargs
        )

    def get_base_queryset(self):
        return self.build_queryset(self.scope)

    def filter_queryset(self, queryset):
        # The filters are already in the query through the scope.
        return queryset

    def get(self, request, *args, **kwargs):
        self.object_list = self.get_filtered_queryset()
        if self.is_export:
            # Straight to the spreadsheet: no page, no count, no charts.
            return self.as_spreadsheet(self.object_list, request.GET.get("export"))
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        rows = self.decorate_rows(list(context["object_list"]))
        context["object_list"] = rows
        context["rows"] = rows
        context["report"] = self
        context.update(self.get_report_context(rows))
        return context

    def get_report_context(self, rows):
        """Totals and charts; each report adds its own."""
        return {}

    # Links that keep the current filters ------------------------------------------

    def filter_params(self, **changes):
        """The current filter parameters with ``changes`` (None removes one)."""
        params = self.request.GET.copy()
        for key in NON_FILTER_PARAMS:
            params.pop(key, None)
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return params

    def url_with(self, **changes):
        params = self.filter_params(**changes)
        return f"{self.index_url}?{params.urlencode()}" if params else self.index_url

    def export_url(self, export_format):
        params = self.filter_params()
        params["export"] = export_format
        if self.ordering:
            params["ordering"] = self.ordering
        return f"{self.index_url}?{params.urlencode()}"

    def ordering_url(self, key):
        """Sort by ``key``; a second click reverses the order."""
        direction = key if self.ordering == f"-{key}" else f"-{key}"
        return f"{self.index_url}?{self.filter_params(ordering=direction).urlencode()}"
