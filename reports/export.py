"""Spreadsheet exports that stream every filtered row with flat memory.

Wagtail's ``SpreadsheetExportMixin`` iterates the queryset directly, which
fills Django's result cache with every row, and builds the XLSX file in a
``BytesIO``. Here the rows are read with ``QuerySet.iterator(chunk_size=...)``
and each chunk is decorated (names looked up in one query per chunk) and
written out before the next is read: the CSV goes to the client as it is
produced, the XLSX is written by openpyxl's write-only workbook into a
temporary file on disk and sent from there.
"""

import csv
import datetime
import itertools
import tempfile
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from wagtail.admin.views.mixins import Echo

# Spreadsheet programs run cells starting with these as formulas; learner
# free text must never become one (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cell_value(value):
    """A value as a spreadsheet cell: local dates, rounded floats, plain text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, Decimal):
        return float(round(value, 1))
    if value is None:
        return ""
    if isinstance(value, bool | int):
        return value
    return str(value)


def defuse(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class StreamingExportMixin:
    """Mixed into a ``ReportView`` before Wagtail's ``SpreadsheetExportMixin``."""

    export_chunk_size = 2000

    def decorate_rows(self, rows):
        """Add what the query cannot (names by path, question text) to a list
        of rows; called per page and per export chunk."""
        return rows

    def export_rows(self, queryset):
        """Every row of ``queryset``, read and decorated chunk by chunk."""
        iterator = queryset.iterator(chunk_size=self.export_chunk_size)
        while batch := list(itertools.islice(iterator, self.export_chunk_size)):
            yield from self.decorate_rows(batch)

    def export_row(self, item):
        """The cells of one row, in ``list_export`` order."""
        return [cell_value(value) for value in self.to_row_dict(item).values()]

    def export_header(self, queryset):
        return [str(self.get_heading(queryset, field)) for field in self.list_export]

    def stream_csv(self, queryset):
        writer = csv.writer(Echo())
        # A byte order mark, so that spreadsheet programs read UTF-8.
        yield "\ufeff".encode()
        yield writer.writerow(self.export_header(queryset))
        for item in self.export_rows(queryset):
            yield writer.writerow([defuse(value) for value in self.export_row(item)])

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(
            self.stream_csv(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.get_filename()}.csv"'
        )
        return response

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True)
        worksheet = workbook.create_sheet(title=str(self.export_sheet_title)[:31])
        worksheet.append(self.export_header(queryset))
        for item in self.export_rows(queryset):
            cells = []
            for value in self.export_row(item):
                cell = WriteOnlyCell(worksheet, value)
                if cell.data_type == "f":
                    cell.data_type = "s"  # text that looks like a formula
                cells.append(cell)
            worksheet.append(cells)
        workbook.save(output)

    def write_xlsx_response(self, queryset):
        # Closed by FileResponse once sent; on disk, so memory stays flat.
        output = tempfile.TemporaryFile()  # noqa: SIM115
        self.write_xlsx(queryset, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
            filename=f"{self.get_filename()}.xlsx",
        )

    @property
    def export_sheet_title(self):
        return self.get_page_title()
