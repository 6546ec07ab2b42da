"""Time a spreadsheet export and measure its peak memory, in a fresh process.

    python -m bench.exports --url "/admin/laporan/learners/?export=csv"
    python -m bench.exports --enrolments 500000 --format xlsx

The first form requests a report's export through Django's test client as
the bench superuser and reads the streamed answer to the end; the second
streams every enrolment (joined to its learner and course) through the
reports app's own export writer, to show how exports behave at 500,000 rows
whatever the reports offer today. Prints one JSON object: rows, bytes,
seconds, rows per second and the process's peak resident memory
(``ru_maxrss``) before and after the export. Being a process of its own,
the peak belongs to this export alone, which a long-lived gunicorn worker
cannot tell.
"""

import argparse
import json
import os
import resource
import sys
import time


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _drain(response):
    """Read a (streaming) response to the end; (bytes, newline count)."""
    size = lines = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\n")
    if hasattr(response, "close"):
        response.close()
    return size, lines


def export_report(url):
    from django.test import Client

    from bench import subjects

    client = Client()
    client.force_login(subjects.admin_user())
    # Warm the process (URL resolution, templates) on the report's first page.
    client.get(url.split("?")[0])
    before = peak_rss_mb()
    start = time.perf_counter()
    response = client.get(url)
    size, lines = _drain(response)
    seconds = time.perf_counter() - start
    csv = "export=csv" in url
    return {
        "url": url,
        "status": response.status_code,
        "content_type": response.get("Content-Type", ""),
        "bytes": size,
        "rows": max(0, lines - 1) if csv else None,
        "seconds": round(seconds, 2),
        "peak_rss_mb_before": before,
        "peak_rss_mb": peak_rss_mb(),
    }


def export_enrolments(limit, export_format):
    """Every enrolment through the reports app's streaming export writer."""
    import tempfile

    from learning.models import Enrolment
    from reports.export import StreamingExportMixin, cell_value

    fields = [
        "user__nip",
        "user__full_name",
        "user__unit_kerja__name",
        "course__title",
        "source",
        "enrolled_at",
        "completed_at",
    ]

    class EnrolmentExport(StreamingExportMixin):
        list_export = fields
        export_sheet_title = "Enrolments"

        def export_header(self, queryset):
            return fields

        def export_row(self, item):
            return [cell_value(item[field]) for field in fields]

    queryset = Enrolment.objects.order_by("pk").values(*fields)[:limit]
    exporter = EnrolmentExport()
    before = peak_rss_mb()
    start = time.perf_counter()
    size = rows = 0
    if export_format == "csv":
        for chunk in exporter.stream_csv(queryset):
            size += len(chunk)
            rows += 1
        rows -= 2  # byte order mark and header
    else:
        with tempfile.TemporaryFile() as output:
            exporter.write_xlsx(queryset, output)
            size = output.tell()
        rows = queryset.count()
    seconds = time.perf_counter() - start
    return {
        "url": f"(enrolments through reports.export, {export_format})",
        "status": 200,
        "bytes": size,
        "rows": rows,
        "seconds": round(seconds, 2),
        "peak_rss_mb_before": before,
        "peak_rss_mb": peak_rss_mb(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a report URL with ?export=csv or xlsx")
    parser.add_argument("--enrolments", type=int, help="export this many enrolments")
    parser.add_argument("--format", default="csv", choices=["csv", "xlsx"])
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django

    django.setup()
    if args.url:
        result = export_report(args.url)
    elif args.enrolments:
        result = export_enrolments(args.enrolments, args.format)
    else:
        parser.error("give --url or --enrolments")
    rows = result.get("rows")
    if rows and result["seconds"]:
        result["rows_per_second"] = round(rows / result["seconds"])
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
