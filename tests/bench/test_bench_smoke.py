"""The benchmark tools keep working, at the tiny scale, on the test database.

``make bench`` builds the province data set and measures it by hand; these
tests run the same code (data builder, query counter, load preparation,
export writer, report tables) on a few hundred rows, so that it never rots.
Nothing here asserts a time.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q, Sum

from bench import loadprep, queries, run, subjects
from home.management.commands.bench_data import SCALES
from learning.models import (
    Certificate,
    Enrolment,
    JPLedgerEntry,
    ModuleFeedback,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
)
from people.models import User

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

TINY = SCALES["tiny"]


def build(*args):
    out = io.StringIO()
    call_command("bench_data", "--scale", "tiny", "--no-vacuum", *args, stdout=out)
    return out.getvalue()


def fingerprint():
    """Totals that do not depend on row ids: equal for equal data sets."""
    return {
        "people": User.objects.filter(username__regex=r"^bench[0-9]").count(),
        "enrolments": Enrolment.objects.aggregate(
            n=Count("id"), done=Count("id", filter=Q(completed_at__isnull=False))
        ),
        "progress": ModuleProgress.objects.aggregate(
            n=Count("id"), seconds=Sum("seconds_spent")
        ),
        "attempts": QuizAttempt.objects.aggregate(n=Count("id"), score=Sum("score")),
        "answers": QuizAnswer.objects.filter(is_correct=True).count(),
        "feedback": ModuleFeedback.objects.aggregate(s=Sum("rating_overall")),
        "jp": JPLedgerEntry.objects.aggregate(n=Count("id"), jp=Sum("jp")),
    }


@pytest.fixture
def tiny():
    return build("--anchor", "2026-06-15")


def test_the_tiny_data_set_has_the_shape_asked_for(tiny):
    assert "Bench data (tiny) built" in tiny
    assert User.objects.filter(username__regex=r"^bench[0-9]").count() == TINY.people
    assert Enrolment.objects.count() == TINY.enrolments
    assert ModuleProgress.objects.count() == TINY.progress
    assert ModuleFeedback.objects.count() == TINY.feedback
    # Every attempt has one answer per question; every completion its
    # certificate and its JP entry, as the completion receiver writes them.
    assert QuizAnswer.objects.count() == 4 * QuizAttempt.objects.count()
    completed = Enrolment.objects.filter(completed_at__isnull=False).count()
    assert Certificate.objects.count() == completed
    assert (
        JPLedgerEntry.objects.filter(source_type=JPLedgerEntry.Source.COURSE).count()
        == completed
    )


def test_completed_enrolments_meet_the_completion_rules(tiny):
    """Make sure no completed enrolment lacks a completed module (the data
    agrees with learning.services.complete_course_if_done)."""
    for enrolment in Enrolment.objects.filter(completed_at__isnull=False):
        modules = subjects.ModulePage.objects.child_of(enrolment.course)
        done = ModuleProgress.objects.filter(
            user=enrolment.user, module__in=modules, completed_at__isnull=False
        ).count()
        assert done == modules.count()


def test_same_seed_same_data_and_wipe_rebuilds(tiny):
    first = fingerprint()
    build("--anchor", "2026-06-15", "--wipe")
    assert fingerprint() == first


def test_a_second_build_without_wipe_is_refused(tiny):
    with pytest.raises(CommandError, match="--wipe"):
        build()


def test_the_province_scale_refuses_sqlite():
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL accepts the province scale")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_data", "--scale", "province", stdout=io.StringIO())


def test_every_measured_page_and_report_answers(tiny):
    result = queries.measure()
    names = {page["name"] for page in result["pages"]}
    assert {"module page", "dashboard", "catalogue", "bare page (reference)"} <= names
    assert any(page["kind"] == "report" for page in result["pages"])
    failing = [(p["name"], p["status"]) for p in result["pages"] if p["status"] != 200]
    assert not failing
    assert all(page["queries"] > 0 for page in result["pages"])


def test_load_preparation_writes_requests_for_every_scenario(tiny, tmp_path):
    specs = loadprep.prepare(tmp_path, readers=5, completions=10, quizzes=10)
    for name in ("bare", "catalogue", "module", "dashboard", "complete", "quiz"):
        assert specs[name]["lines"] > 0, name
    line = (tmp_path / "complete.txt").read_text().splitlines()[0]
    method, path, cookie, body = line.split("\t")
    assert (method, path.startswith("/belajar/modul/")) == ("POST", True)
    assert "sessionid=" in cookie and body.startswith("csrfmiddlewaretoken=")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_probe_streams_every_enrolment(tiny, export_format):
    from bench.exports import export_enrolments

    result = export_enrolments(10_000, export_format)
    assert result["rows"] == TINY.enrolments
    assert result["bytes"] > 0


def test_the_report_tables_render_from_results():
    load_row = {
        "label": "module page (logged in)",
        "rps": 50.0,
        "reference_rps": 80.0,
        "vs_reference": 0.62,
        "cpu_vs_reference": 0.4,
        "latency_ms": {"mean": 100, "p50": 90, "p90": 150, "p95": 200, "p99": 250},
        "statuses": {"200": 1000},
        "app_cpu_ms_per_request": 20.0,
        "db_cpu_ms_per_request": 5.0,
        "other_load_cores": 0.1,
    }
    results = {
        "scale": "tiny",
        "compare_scale": "tiny",
        "finished_at": "2026-11-23T00:00:00+00:00",
        "duration_seconds": 60,
        "machine": {
            "cores": 2,
            "memory_gb": 24,
            "postgres": "15",
            "python": "3.11",
            "load_before": [0.1, 0.1, 0.1],
        },
        "settings": {"workers": 5, "connections": 20, "duration": 20, "writers": 200},
        "data": {"main": {}},
        "load": {"module": load_row},
        "concurrency": {
            "progress_same": {
                "requests": 200,
                "seconds": 1.0,
                "statuses": {"302": 200},
                "lost": 0,
                "duplicated": 0,
                "ok": True,
            }
        },
    }
    results["targets"] = run.evaluate(results)
    text = run.render_markdown(results)
    assert "| module page throughput ≥ 50% of the bare page's | 40% by CPU" in text
    assert "62% by throughput" in text
    assert json.dumps(results)
