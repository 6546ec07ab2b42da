"""Many parallel writers against a running server: no lost, no duplicated rows.

    python -m bench.concurrency --base-url http://127.0.0.1:8765 --writers 200

Real HTTP requests from threads (each its own connection) to a running
server (gunicorn in ``make bench``), all released at once by a barrier; the
database is then checked with plain queries. Run with the server's settings
in the environment (same database and Redis): the script creates its own
fresh learners (``bench-conc-<run>-<n>``), logs them in through the session
store and opens their enrolments and quiz attempts through
``learning.services`` before firing.

Scenarios (``--scenarios``, comma-separated; all by default):

- ``progress_same``: one learner marks the same module complete N times.
- ``progress_modules``: N/8 learners each complete all 8 modules of a course
  at once (N different modules): every module row, one course completion,
  one certificate and one JP entry per learner.
- ``progress_last_two``: N/2 learners, each with all but two modules done,
  complete the last two at the same moment: the course must still complete
  (the race between two "was that the last module?" checks).
- ``progress_learners``: N learners complete the same module.
- ``quiz_same``: one learner submits the same attempt N times.
- ``quiz_learners``: N learners each submit their own attempt.
- ``webinar_same``: one learner registers for a webinar N times.
- ``webinar_capacity``: N learners register for a webinar with fewer seats.

Each scenario reports the HTTP statuses, what the database should hold and
what it holds: ``lost`` and ``duplicated`` must be zero, and no 5xx.
The exit status is 1 when any scenario fails. The security work reuses it
(``fire`` and ``SCENARIOS`` are importable).
"""

import argparse
import datetime
import http.client
import json
import os
import sys
import threading
import time
from collections import Counter
from decimal import Decimal
from urllib.parse import urlencode, urlsplit

PREFIX = "bench-conc"


def fire(base_url, requests, timeout=120):
    """Send every (method, path, cookie, body) at once from its own thread.

    Returns (statuses Counter, errors list, seconds until the last answer).
    """
    parts = urlsplit(base_url)
    barrier = threading.Barrier(len(requests))
    statuses, errors = Counter(), []
    lock = threading.Lock()

    def send(method, path, cookie, body):
        try:
            connection = http.client.HTTPConnection(
                parts.hostname, parts.port or 80, timeout=timeout
            )
            headers = {"Cookie": cookie}
            if body is not None:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            barrier.wait(timeout=timeout)
            connection.request(method, path, body=body, headers=headers)
            status = connection.getresponse().status
            connection.close()
            with lock:
                statuses[status] += 1
        except Exception as error:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(repr(error))

    threads = [threading.Thread(target=send, args=request) for request in requests]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout + 10)
    return statuses, errors, round(time.monotonic() - start, 2)


# Setup helpers ----------------------------------------------------------------


class Run:
    """Fresh learners and targets for one run of the scenarios."""

    def __init__(self, tag):
        self.tag = tag
        self.count = 0

    def learners(self, number):
        from django.contrib.auth.hashers import make_password

        from people.models import Instansi, User

        instansi = Instansi.objects.order_by("pk").first()
        unit = instansi.units.order_by("path").first() if instansi else None
        password = make_password(None)
        users = []
        for _ in range(number):
            self.count += 1
            users.append(
                User(
                    username=f"{PREFIX}-{self.tag}-{self.count:04d}",
                    full_name=f"Uji Paralel {self.count}",
                    password=password,
                    employment_status="PNS",
                    instansi=instansi,
                    unit_kerja=unit,
                )
            )
        User.objects.bulk_create(users)
        created = list(
            User.objects.filter(username__in=[u.username for u in users]).order_by(
                "username"
            )
        )
        from bench.sessions import login_backend, session_for

        backend = login_backend()
        return [session_for(user, backend) for user in created]


def _courses(with_quiz):
    """Live open courses without prerequisites, with or without a quiz."""
    from courses.models import CoursePage, ModulePage

    for course in CoursePage.objects.live().filter(enrolment_mode="open"):
        if course.prerequisites.exists():
            continue
        modules = list(ModulePage.objects.live().child_of(course).order_by("path"))
        has_quiz = any(m.has_quiz for m in modules)
        if modules and has_quiz == with_quiz:
            yield course, modules


def _course(with_quiz, index=0):
    for position, found in enumerate(_courses(with_quiz)):
        if position == index:
            return found
    raise LookupError("No suitable course: build data with bench_data first.")


def _enrol(credentials, course):
    from learning import services

    for creds in credentials:
        services.enrol(creds.user, course)


def _post(creds, path, fields=()):
    body = urlencode([("csrfmiddlewaretoken", creds.csrf), *fields])
    return ("POST", path, creds.cookie, body)


def _complete_path(module):
    return f"/belajar/modul/{module.pk}/selesai/"


def _quiz_fields(attempt):
    from bench.loadprep import quiz_answers

    return [("action", "submit"), *quiz_answers(attempt.snapshot, right=True)]


# Scenarios ------------------------------------------------------------------------


def progress_same(run, writers):
    from learning.models import ModuleProgress

    (creds,) = run.learners(1)
    course, modules = _course(with_quiz=False)
    _enrol([creds], course)
    module = modules[0]
    requests = [_post(creds, _complete_path(module))] * writers

    def check():
        rows = ModuleProgress.objects.filter(user=creds.user, module=module)
        done = rows.filter(completed_at__isnull=False).count()
        return {"expected_rows": 1, "rows": rows.count(), "completed": done}

    return requests, check


def progress_modules(run, writers):
    from learning.models import (
        Certificate,
        Enrolment,
        JPLedgerEntry,
        ModuleProgress,
    )

    course, modules = _course(with_quiz=False, index=1)
    people = run.learners(max(1, writers // len(modules)))
    _enrol(people, course)
    requests = [
        _post(creds, _complete_path(module)) for creds in people for module in modules
    ][:writers]
    users = [c.user for c in people]

    def check():
        enrolments = Enrolment.objects.filter(user__in=users, course=course)
        completed = enrolments.filter(completed_at__isnull=False).count()
        rows = ModuleProgress.objects.filter(user__in=users, module__in=modules)
        certificates = Certificate.objects.filter(
            enrolment__in=enrolments, revoked_at__isnull=True
        ).count()
        ledger = JPLedgerEntry.objects.filter(
            user__in=users, source_type=JPLedgerEntry.Source.COURSE
        ).count()
        expected_rows = len(requests)
        expected_completions = len(requests) // len(modules)
        return {
            "expected_rows": expected_rows,
            "rows": rows.count(),
            "completed": rows.filter(completed_at__isnull=False).count(),
            "expected_course_completions": expected_completions,
            "course_completions": completed,
            "certificates": certificates,
            "jp_entries": ledger,
            "lost_course_completions": expected_completions - completed,
            "lost_certificates": expected_completions - certificates,
            "lost_jp_entries": expected_completions - ledger,
        }

    return requests, check


def progress_last_two(run, writers):
    """The sharpest race: learners with all but two modules done complete
    both at the same moment; each course must still complete once."""
    from learning import services
    from learning.models import Certificate, Enrolment, JPLedgerEntry

    course, modules = _course(with_quiz=False, index=3)
    people = run.learners(max(1, writers // 2))
    _enrol(people, course)
    for creds in people:
        for module in modules[:-2]:
            services.complete_module(creds.user, module)
    requests = [
        _post(creds, _complete_path(module))
        for creds in people
        for module in modules[-2:]
    ]
    users = [c.user for c in people]

    def check():
        enrolments = Enrolment.objects.filter(user__in=users, course=course)
        completed = enrolments.filter(completed_at__isnull=False).count()
        certificates = Certificate.objects.filter(
            enrolment__in=enrolments, revoked_at__isnull=True
        ).count()
        ledger = JPLedgerEntry.objects.filter(
            user__in=users, source_type=JPLedgerEntry.Source.COURSE
        ).count()
        expected = len(people)
        return {
            "expected_rows": expected,
            "rows": enrolments.count(),
            "course_completions": completed,
            "certificates": certificates,
            "jp_entries": ledger,
            "lost_course_completions": expected - completed,
            "lost_certificates": expected - certificates,
            "lost_jp_entries": expected - ledger,
        }

    return requests, check


def progress_learners(run, writers):
    from learning.models import ModuleProgress

    course, modules = _course(with_quiz=False, index=2)
    people = run.learners(writers)
    _enrol(people, course)
    module = modules[0]
    requests = [_post(creds, _complete_path(module)) for creds in people]

    def check():
        rows = ModuleProgress.objects.filter(
            user__in=[c.user for c in people], module=module
        )
        return {
            "expected_rows": writers,
            "rows": rows.count(),
            "completed": rows.filter(completed_at__isnull=False).count(),
        }

    return requests, check


def _open_attempts(people, module):
    from learning import services

    return [services.start_attempt(c.user, module)[0] for c in people]


def quiz_same(run, writers):
    from learning.models import ModuleProgress, QuizAnswer, QuizAttempt

    course, modules = _course(with_quiz=True)
    (creds,) = run.learners(1)
    _enrol([creds], course)
    module = next(m for m in modules if m.has_quiz)
    (attempt,) = _open_attempts([creds], module)
    request = _post(creds, f"/belajar/kuis/{attempt.pk}/", _quiz_fields(attempt))
    requests = [request] * writers

    def check():
        attempts = QuizAttempt.objects.filter(user=creds.user, module=module)
        answers = QuizAnswer.objects.filter(attempt__in=attempts)
        questions = len(attempt.snapshot["questions"])
        return {
            "expected_rows": 1,
            "rows": attempts.count(),
            "graded": attempts.filter(submitted_at__isnull=False).count(),
            "expected_answers": questions,
            "answers": answers.count(),
            "progress_rows": ModuleProgress.objects.filter(
                user=creds.user, module=module
            ).count(),
        }

    return requests, check


def quiz_learners(run, writers):
    from learning.models import ModuleProgress, QuizAnswer, QuizAttempt

    course, modules = _course(with_quiz=True, index=1)
    people = run.learners(writers)
    _enrol(people, course)
    module = next(m for m in modules if m.has_quiz)
    attempts = _open_attempts(people, module)
    requests = [
        _post(creds, f"/belajar/kuis/{attempt.pk}/", _quiz_fields(attempt))
        for creds, attempt in zip(people, attempts, strict=True)
    ]
    questions = len(attempts[0].snapshot["questions"])

    def check():
        rows = QuizAttempt.objects.filter(pk__in=[a.pk for a in attempts])
        passed = rows.filter(passed=True).count()
        completed = ModuleProgress.objects.filter(
            user__in=[c.user for c in people], module=module, completed_at__isnull=False
        ).count()
        return {
            "expected_rows": writers,
            "rows": rows.count(),
            "graded": rows.filter(submitted_at__isnull=False).count(),
            "expected_answers": writers * questions,
            "answers": QuizAnswer.objects.filter(attempt__in=rows).count(),
            "passed": passed,
            "module_completions": completed,
            "lost_module_completions": passed - completed,
        }

    return requests, check


def _webinar(capacity):
    from django.utils import timezone

    from courses.models import WebinarIndexPage, WebinarPage

    index = WebinarIndexPage.objects.first()
    start = timezone.now() + datetime.timedelta(days=30)
    webinar = WebinarPage(
        title=f"Uji paralel {start:%Y%m%d%H%M%S%f}",
        slug=f"{PREFIX}-{start:%Y%m%d%H%M%S%f}",
        start_at=start,
        end_at=start + datetime.timedelta(hours=2),
        description="<p>Uji pendaftaran paralel.</p>",
        capacity=capacity,
        jp_credit=Decimal("2"),
    )
    index.add_child(instance=webinar)
    return webinar


def webinar_same(run, writers):
    from learning.models import WebinarRegistration

    (creds,) = run.learners(1)
    webinar = _webinar(capacity=10)
    requests = [_post(creds, f"/belajar/webinar/{webinar.pk}/daftar/")] * writers

    def check():
        rows = WebinarRegistration.objects.filter(user=creds.user, webinar=webinar)
        return {
            "expected_rows": 1,
            "rows": rows.count(),
            "registered": rows.filter(status="registered").count(),
        }

    return requests, check


def webinar_capacity(run, writers):
    from learning.models import WebinarRegistration

    capacity = max(1, writers // 4)
    people = run.learners(writers)
    webinar = _webinar(capacity=capacity)
    requests = [_post(c, f"/belajar/webinar/{webinar.pk}/daftar/") for c in people]

    def check():
        rows = WebinarRegistration.objects.filter(webinar=webinar)
        registered = rows.filter(status="registered").count()
        return {
            "expected_rows": writers,
            "rows": rows.count(),
            "capacity": capacity,
            "registered": registered,
            "waitlisted": rows.filter(status="waitlisted").count(),
            "over_capacity": max(0, registered - capacity),
            "lost_seats": max(0, capacity - registered),
        }

    return requests, check


SCENARIOS = {
    "progress_same": progress_same,
    "progress_modules": progress_modules,
    "progress_last_two": progress_last_two,
    "progress_learners": progress_learners,
    "quiz_same": quiz_same,
    "quiz_learners": quiz_learners,
    "webinar_same": webinar_same,
    "webinar_capacity": webinar_capacity,
}


def _verdict(result):
    counts = result["database"]
    lost = max(0, counts["expected_rows"] - counts["rows"]) + sum(
        max(0, value) for key, value in counts.items() if key.startswith("lost_")
    )
    duplicated = max(0, counts["rows"] - counts["expected_rows"])
    if "expected_answers" in counts:
        lost += max(0, counts["expected_answers"] - counts["answers"])
        duplicated += max(0, counts["answers"] - counts["expected_answers"])
    duplicated += counts.get("over_capacity", 0)
    server_errors = sum(n for code, n in result["statuses"].items() if int(code) >= 500)
    result.update(
        lost=lost,
        duplicated=duplicated,
        server_errors=server_errors,
        client_errors=len(result["errors"]),
        ok=lost == 0
        and duplicated == 0
        and server_errors == 0
        and not result["errors"],
    )
    return result


def run_scenarios(base_url, writers=200, names=None):
    """Run the named scenarios (all by default); a dict of results."""
    from django.db import connections

    run = Run(datetime.datetime.now().strftime("%Y%m%d%H%M%S"))
    results = {}
    for name in names or SCENARIOS:
        requests, check = SCENARIOS[name](run, writers)
        connections.close_all()  # nothing of ours holds a lock while firing
        statuses, errors, seconds = fire(base_url, requests)
        result = {
            "requests": len(requests),
            "seconds": seconds,
            "statuses": {str(code): n for code, n in sorted(statuses.items())},
            "errors": errors[:5],
            "database": check(),
        }
        results[name] = _verdict(result)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765")
    parser.add_argument("--writers", type=int, default=200)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--out", help="write the JSON here as well")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django

    django.setup()
    names = [n.strip() for n in args.scenarios.split(",") if n.strip()]
    unknown = set(names) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    results = run_scenarios(args.base_url, args.writers, names)
    text = json.dumps(results, indent=2)
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(text + "\n")
    sys.stdout.write(text + "\n")
    return 0 if all(r["ok"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
