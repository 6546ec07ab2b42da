"""Queries per request for the learner pages and every admin report.

Run against a bench database (``manage.py bench_data``) with the settings of
the environment::

    python -m bench.queries --out bench/results/queries-small.json

Each page is requested twice through Django's test client (the first warms
per-process caches such as Wagtail's site root paths) and the second is
counted with ``CaptureQueriesContext``. ``make bench`` runs this on the small
and the large data set: a count that differs between them grows with data.
"""

import argparse
import json
import os
import sys
import time


def _client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def count_queries(client, url):
    """(status, captured queries, milliseconds) of one warmed GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as context:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
    return response.status_code, context.captured_queries, elapsed


def slowest(captured, count=3):
    """The slowest statements of a request, for finding what to fix."""
    ranked = sorted(captured, key=lambda q: float(q["time"]), reverse=True)
    return [
        {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"]}
        for q in ranked[:count]
    ]


def measure(with_sql=False):
    """Query counts of every measured page; a dict ready for JSON.

    ``with_sql`` keeps every statement (to compare two data scales)."""
    from bench import subjects

    learner = subjects.bench_learner()
    admin = subjects.admin_user()
    clients = {None: _client_for(None)}
    rows = []
    targets = [
        (name, url, who, "page") for name, url, who in subjects.learner_pages(learner)
    ] + [
        (f"report: {name}", url, admin, "report")
        for name, url in subjects.discover_reports()
    ]
    for name, url, who, kind in targets:
        key = getattr(who, "pk", None)
        if key not in clients:
            clients[key] = _client_for(who)
        status, captured, elapsed = count_queries(clients[key], url)
        rows.append(
            {
                "name": name,
                "kind": kind,
                "url": url,
                "as": who.username if who else "anonymous",
                "status": status,
                "queries": len(captured),
                "ms_in_process": round(elapsed, 1),
                "statements": [q["sql"] for q in captured] if with_sql else None,
                "slowest": slowest(captured),
            }
        )
    return {
        "learner": learner.username,
        "learner_history": subjects.learner_history(learner),
        "pages": rows,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the JSON here (default: stdout)")
    parser.add_argument(
        "--sql", action="store_true", help="keep every statement of every page"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django

    django.setup()
    result = measure(with_sql=args.sql)
    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
