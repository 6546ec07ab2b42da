"""JP compliance: who has reached the yearly minimum, per unit kerja."""

from django.db.models import F
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from people.models import Instansi, UnitKerja, User

from .. import figures
from ..access import can_assign_from_reports
from ..charts import Bar, bar_chart, percent_text
from ..filters import JPFilterSet
from .base import BaseReportView, label_people
from .completion import OrganisationTreeMixin


def share(row):
    """Percentage of a row's ASN at or above the minimum (None without ASN)."""
    return row["reached"] * 100 / row["people"] if row["people"] else None


class JPComplianceReport(OrganisationTreeMixin, BaseReportView):
    """Per unit, the share of ASN at or above their yearly minimum (20 JP for
    PNS, 24 for PPPK), and the list of those below with their JP by path.

    Only accounts with an ASN status (PNS or PPPK) count: the minimum binds
    civil servants, not the system's own staff accounts.
    """

    page_title = _("JP compliance")
    header_icon = "time"
    url_name = "jp_compliance"
    filterset_class = JPFilterSet
    results_template_name = "reports/jp_results.html"
    default_ordering = "unit_kerja__path"
    orderings = ("full_name", "unit_kerja__path", "jp_total", "shortfall")
    list_export = [
        "label",
        "nip",
        "employment_status",
        "unit_kerja__name",
        "jp_minimum",
        "jp_total",
        "jp_klasikal",
        "jp_nonklasikal",
        "shortfall",
    ]
    export_headings = {
        "label": _("Name"),
        "nip": "NIP",
        "employment_status": _("Employment status"),
        "unit_kerja__name": _("Unit kerja"),
        "jp_minimum": _("Yearly minimum (JP)"),
        "jp_total": _("JP this year"),
        "jp_klasikal": _("JP klasikal"),
        "jp_nonklasikal": _("JP nonklasikal"),
        "shortfall": _("JP still needed"),
    }

    level = "unit"

    @cached_property
    def year(self):
        data = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        return int(data.get("year") or timezone.localdate().year)

    @cached_property
    def compliance(self):
        data = self.filters.form.cleaned_data if self.filters.is_valid() else {}
        return data.get("compliance") or "below"

    def get_page_subtitle(self):
        return str(self.year)

    def asn(self):
        """ASN in the rows' part of the tree."""
        return self.people().exclude(employment_status="")

    def build_queryset(self, scope):
        people = figures.with_jp_sums(self.asn(), self.year).annotate(
            shortfall=figures.shortfall(),
        )
        if self.compliance == "below":
            people = people.filter(jp_reached=False)
        elif self.compliance == "reached":
            people = people.filter(jp_reached=True)
        return people.values(
            "pk",
            "username",
            "full_name",
            "title_prefix",
            "title_suffix",
            "nip",
            "employment_status",
            "unit_kerja__name",
            "unit_kerja__path",
            "jp_minimum",
            "jp_total",
            "jp_klasikal",
            "jp_nonklasikal",
            "shortfall",
        )

    def order_queryset(self, queryset):
        return queryset

    def get_base_queryset(self):
        ordering = self.ordering or self.default_ordering
        return self.build_queryset(self.scope).order_by(ordering, "full_name", "pk")

    def decorate_rows(self, rows):
        return label_people(rows)

    def count_rows(self):
        if self.compliance == "all":
            return self.asn().count()
        return None

    def assignment_people(self):
        """The people listed (for "assign a course to these people")."""
        listed = self.build_queryset(self.scope).order_by().values("pk")
        return User.objects.filter(pk__in=listed)

    # Per unit --------------------------------------------------------------------

    def unit_rows(self):
        """Compliance per instansi (at the top) or per unit under the root:
        one grouped query, one for the names."""
        by_instansi = self.root == (None, None)
        if by_instansi:
            key = F("instansi_id")
            names = dict(
                Instansi.objects.filter(
                    pk__in=self.asn().values("instansi_id")
                ).values_list("pk", "name")
            )
        else:
            length = self.group_length()
            key = Substr("unit_kerja__path", 1, length)
            names = None
        groups = figures.jp_compliance(self.asn(), self.year, key)
        if names is None:
            names = {
                unit["path"]: unit
                for unit in UnitKerja.objects.filter(path__in=list(groups)).values(
                    "pk", "path", "name"
                )
            }
        _instansi, root_unit = self.root
        rows = []
        for grp, (people, reached, jp_sum) in groups.items():
            row = {"people": people, "reached": reached, "jp_sum": jp_sum}
            row["share"] = share(row)
            if by_instansi:
                row["label"] = names.get(grp) or gettext("No instansi")
                row["url"] = self.url_with(instansi=grp, unit_kerja=None) if grp else ""
                row["order"] = row["label"]
            elif grp not in names:
                row["label"], row["url"], row["order"] = (
                    gettext("No unit kerja"),
                    "",
                    "~",
                )
            else:
                unit = names[grp]
                row["label"] = unit["name"]
                if root_unit is not None and unit["path"] == root_unit.path:
                    row["label"] = gettext("%(unit)s (directly in this unit)") % {
                        "unit": unit["name"]
                    }
                row["url"] = self.url_with(unit_kerja=unit["pk"], instansi=None)
                row["order"] = unit["path"]
            rows.append(row)
        return sorted(rows, key=lambda row: row["order"])

    def get_report_context(self, rows):
        units = self.unit_rows()
        people, reached, jp_sum = figures.jp_compliance(self.asn(), self.year).get(
            1, (0, 0, 0)
        )
        totals = {"people": people, "reached": reached, "jp_sum": jp_sum}
        totals["share"] = share(totals)
        assign_url = ""
        if can_assign_from_reports(self.request.user):
            params = self.filter_params(report="jp")
            assign_url = f"{reverse('lms_reports:assign')}?{params.urlencode()}"
        return {
            "year": self.year,
            "totals": totals,
            "units": units,
            "trail": self.trail(),
            "level": "unit",
            "by_instansi": self.root == (None, None),
            "assign_url": assign_url,
            "chart": bar_chart(
                gettext("Share of ASN at or above the yearly minimum"),
                gettext(
                    "For each row of the table below, the percentage of its ASN "
                    "whose JP this year reach their minimum (20 JP for PNS, 24 for "
                    "PPPK). The table gives the same figures."
                ),
                [
                    Bar(
                        row["label"],
                        row["share"],
                        "{} ({}/{})".format(
                            percent_text(row["share"]), row["reached"], row["people"]
                        ),
                        url=row["url"],
                    )
                    for row in units
                ],
            ),
        }
