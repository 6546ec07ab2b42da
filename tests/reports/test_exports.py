"""Exports hold every filtered row, not one page, and read them in chunks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import Instansi, UnitKerja, User
from reports.views import JPComplianceReport, LearnerSearchReport
from reports.views.base import BaseReportView
from tests.reports.helpers import REPORTS, body, csv_table, with_export, xlsx_rows

EXTRA = 60  # more than one page (50 rows)


def add_people(count, prefix="asn"):
    instansi = Instansi.objects.get(code="pemprov-ntt")
    unit = UnitKerja.objects.get(code="ntt-dikbud")
    User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{index}",
                full_name=f"Pegawai {prefix} {index:03d}",
                employment_status="PNS",
                instansi=instansi,
                unit_kerja=unit,
            )
            for index in range(count)
        ]
    )


@pytest.fixture
def many_people(demo_people):
    add_people(EXTRA)
    return demo_people


@pytest.mark.parametrize(
    "url",
    [REPORTS + "jp/?compliance=all", REPORTS + "learners/"],
)
def test_csv_and_xlsx_hold_every_row(client, many_people, url):
    client.force_login(many_people["adminntt"])
    page = client.get(url)
    expected = page.context["paginator"].count
    assert expected > BaseReportView.paginate_by
    assert len(page.context["rows"]) == BaseReportView.paginate_by
    header, rows = csv_table(client, url)
    assert len(rows) == expected
    names = {row[0] for row in rows}
    assert "Pegawai asn 059" in names and "Pegawai asn 000" in names
    header, rows = xlsx_rows(client, url)
    assert len(rows) == expected
    assert {row[0] for row in rows} == names


def test_exports_read_in_chunks(client, many_people, monkeypatch):
    """Rows are read with QuerySet.iterator() and decorated chunk by chunk;
    a chunk boundary loses or repeats nothing."""
    monkeypatch.setattr(JPComplianceReport, "export_chunk_size", 7)
    chunk_sizes = []
    real_iterator = type(User.objects.all()).iterator

    def spy(queryset, chunk_size=None):
        chunk_sizes.append(chunk_size)
        return real_iterator(queryset, chunk_size=chunk_size)

    monkeypatch.setattr(type(User.objects.all()), "iterator", spy)
    client.force_login(many_people["adminntt"])
    header, rows = csv_table(client, REPORTS + "jp/?compliance=all")
    assert chunk_sizes == [7]
    assert len(rows) == EXTRA + 5
    assert len({row[0] for row in rows}) == EXTRA + 5


def test_export_cost_does_not_grow_with_rows(client, demo_people):
    """The export is one query for the rows (plus the session and the
    viewer's groups), whatever the number of rows."""
    client.force_login(demo_people["adminntt"])
    url = with_export(REPORTS + "learners/", "csv")
    counts = []
    for batch in ("a", "b"):
        add_people(30, prefix=batch)
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
            rows = body(response).decode("utf-8-sig").strip().splitlines()
        counts.append(len(context.captured_queries))
    assert len(rows) > 60
    assert counts[0] == counts[1], counts


def test_export_follows_the_search(client, many_people):
    client.force_login(many_people["adminntt"])
    header, rows = csv_table(client, REPORTS + "learners/?q=asn 01")
    assert sorted(row[0] for row in rows) == [
        f"Pegawai asn {n:03d}" for n in range(10, 20)
    ]
    assert len(header) == len(LearnerSearchReport.list_export)
