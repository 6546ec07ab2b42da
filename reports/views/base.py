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

from django.utils.functional import cached_property
from wagtail.admin.views.reports import ReportView

from ..access import ReportAccessMixin
from ..export import StreamingExportMixin
from ..filters import LearningFilterSet
from ..scope import Scope

# Query parameters that are not filters of the report.
NON_FILTER_PARAMS = ("p", "export", "ordering", "_w_filter_fragment")


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

    def build_queryset(self, scope):  # pragma: no cover - each report has one
        raise NotImplementedError

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
