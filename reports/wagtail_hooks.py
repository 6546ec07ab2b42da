"""Admin wiring: report URLs, the Reports menu items and the home panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .access import can_view_reports


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("laporan/", include(admin_urls, namespace="lms_reports"))]


class ReportMenuItem(MenuItem):
    """Shown to superusers, Admin instansi and supervisors only."""

    def is_shown(self, request):
        return can_view_reports(request.user)


# (URL name, label, icon); orders below Wagtail's own reports (700 and up).
REPORTS = [
    ("completion_courses", _("Completion by course"), "tasks"),
    ("completion_units", _("Completion by organisation"), "group"),
    ("jp_compliance", _("JP compliance"), "time"),
    ("feedback", _("Questionnaire results"), "comment"),
    ("quiz_items", _("Quiz item analysis"), "help"),
    ("learners", _("Learner records"), "user"),
]


def _menu_item(order, url_name, label, icon):
    @hooks.register("register_reports_menu_item")
    def register():
        return ReportMenuItem(
            label,
            reverse(f"lms_reports:{url_name}"),
            name=f"lms-{url_name.replace('_', '-')}",
            icon_name=icon,
            order=order,
        )

    return register


for _order, (_url_name, _label, _icon) in enumerate(REPORTS):
    _menu_item(100 + _order, _url_name, _label, _icon)


@hooks.register("construct_homepage_panels")
def add_summary_panel(request, panels):
    if can_view_reports(request.user):
        from .panels import ReportsSummaryPanel

        panels.append(ReportsSummaryPanel(request))
