"""Reading reports the way an administrator does: over HTTP, as spreadsheets."""

import csv
import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext

REPORTS = "/admin/laporan/"


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def with_export(url, export_format):
    return f"{url}{'&' if '?' in url else '?'}export={export_format}"


def csv_table(client, url):
    """The CSV export of ``url`` as (header, rows)."""
    response = client.get(with_export(url, "csv"))
    assert response.status_code == 200, body(response)[:500]
    text = body(response).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, rows


def csv_rows(client, url, keys):
    """The CSV export of ``url``, each row as a dict over ``keys`` (the
    report's ``list_export``, in order)."""
    header, rows = csv_table(client, url)
    assert len(header) == len(keys), header
    return [dict(zip(keys, row, strict=True)) for row in rows]


def xlsx_rows(client, url):
    response = client.get(with_export(url, "xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    sheet = workbook.worksheets[0]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return header, rows


def by(rows, key):
    return {row[key]: row for row in rows}


def count_queries(client, url):
    """Queries of one GET of ``url`` (after a warm-up request)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        body(response)
    assert response.status_code == 200, url
    return len(context.captured_queries), context
