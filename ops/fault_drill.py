"""Fault drill: restart PostgreSQL under load and check the site copes.

    .venv/bin/python ops/fault_drill.py              # about a minute
    .venv/bin/python ops/fault_drill.py --json result.json --keep-database

What it does, on this machine's PostgreSQL cluster (127.0.0.1:5432, the one
the tests use, so run it at a quiet moment; it waits up to ``--quiet-wait``
seconds for other clients to finish first):

1. creates a dedicated database (``lms_drill``), migrates it, loads the demo
   content (``seed_demo``) and collects static files;
2. starts gunicorn with the production settings (persistent connections
   with health checks, as deployed) on a loopback port;
3. makes learners enrolled in a demo course, logged in through the session
   store;
4. drives load from threads for ``--duration`` seconds: ``/healthz``, module
   pages and "mark as done" POSTs, recording each answer with its time;
5. after ``--restart-after`` seconds restarts PostgreSQL (stop, a pause of
   ``--down`` seconds, start);
6. reports the answers before, during and after the outage, how long the
   site took to answer 200 again by itself, whether ``/healthz`` ever said
   "ok" while the database was down, and checks the learner records: every
   successful "mark as done" kept, nothing duplicated or half-written.

Exit status 0 when every check passes.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG_VERSION = next(iter(sorted(os.listdir("/etc/postgresql"))), "15")
PG_ADMIN = ["-h", "127.0.0.1", "-U", "postgres"]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def environment(database, port):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": "drill-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
            "DB_CONN_MAX_AGE": "60",
            "SECURE_SSL_REDIRECT": "false",
            "TRUSTED_PROXY_COUNT": "0",
            "BASE_URL": f"http://127.0.0.1:{port}",
            "LMS_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def run(command, env, **kwargs):
    return subprocess.run(  # noqa: S603 - fixed commands of this script
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def tool(name):
    """The full path of a PostgreSQL client program."""
    path = shutil.which(name)
    if path is None:
        sys.exit(f"{name} is needed (Debian's PostgreSQL client).")
    return path


def other_clients(database):
    """How many busy client connections other databases have (other users)."""
    query = (
        "SELECT datname FROM pg_stat_activity WHERE backend_type = 'client backend' "
        "AND pid <> pg_backend_pid() AND state <> 'idle'"
    )
    result = subprocess.run(  # noqa: S603
        [tool("psql"), *PG_ADMIN, "-Atc", query, "postgres"],
        capture_output=True,
        text=True,
        check=False,
    )
    return sum(1 for name in result.stdout.split() if name != database)


def prepare_database(database, env):
    log(f"database {database}: create, migrate, seed_demo, collectstatic")
    subprocess.run(  # noqa: S603
        [tool("dropdb"), *PG_ADMIN, "--if-exists", "--force", database], check=True
    )
    subprocess.run([tool("createdb"), *PG_ADMIN, database], check=True)  # noqa: S603
    run([PYTHON, "manage.py", "migrate", "--noinput"], env)
    run([PYTHON, "manage.py", "seed_demo"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], env)


def setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_learners(count):
    """Learners enrolled in one demo course, with session and CSRF cookies.

    Returns (the course, its modules as (id, URL), cookies by user id).
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from courses.models import CoursePage, ModulePage
    from learning import services
    from people.models import User

    course = next(
        c
        for c in CoursePage.objects.live().order_by("pk")
        if c.enrolment_mode != CoursePage.EnrolmentMode.ASSIGNED
        and not c.prerequisites.exists()
    )
    # In this throw-away database, "mark as done" completes every module, so
    # course completions, certificates and JP entries are written under load.
    CoursePage.objects.filter(pk=course.pk).update(
        require_quiz_pass=False, require_feedback=False
    )
    course = CoursePage.objects.get(pk=course.pk)
    modules = ModulePage.objects.live().child_of(course).specific().order_by("path")
    # (id, URL): computed now, while the database is there.
    modules = [(m.pk, m.url) for m in modules]
    cookies = {}
    for number in range(count):
        user, _ = User.objects.get_or_create(
            username=f"drill-{number}",
            defaults={"full_name": f"Peserta Latihan {number}"},
        )
        services.enrol(user, course)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        token = secrets.token_hex(16)
        cookies[user.pk] = (
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={token}",
            token,
        )
    return course, modules, cookies


def wait_for(port, path="/healthz", timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


class Load:
    """Threads sending requests until stopped; every answer is recorded."""

    def __init__(self, port, modules, cookies, threads):
        self.port = port
        self.modules = modules
        self.cookies = list(cookies.items())
        self.threads = threads
        self.records = []  # (start, end, kind, status, user id, module id)
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def one(self, rng):
        kind = rng.choices(["healthz", "page", "complete"], weights=[2, 3, 3])[0]
        user_id, (cookie, token) = rng.choice(self.cookies)
        module_id, module_url = rng.choice(self.modules)
        headers = {"Cookie": cookie, "Accept": "text/html"}
        if kind == "healthz":
            method, path, body = "GET", "/healthz", None
        elif kind == "page":
            method, path, body = "GET", module_url, None
        else:
            method, path = "POST", f"/belajar/modul/{module_id}/selesai/"
            body = f"csrfmiddlewaretoken={token}"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = token
        start = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
        except OSError as error:
            status = f"error:{type(error).__name__}"
        end = time.monotonic()
        with self.lock:
            self.records.append((start, end, kind, status, user_id, module_id))

    def worker(self, seed):
        rng = random.Random(seed)  # noqa: S311 - load mix, not security
        while not self.stop.is_set():
            self.one(rng)

    def __enter__(self):
        self.pool = [
            threading.Thread(target=self.worker, args=(n,), daemon=True)
            for n in range(self.threads)
        ]
        for thread in self.pool:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.pool:
            thread.join(timeout=30)


def restart_postgres(down):
    """Stop the cluster, wait ``down`` seconds, start it; the times."""
    cluster = [tool("pg_ctlcluster"), "--skip-systemctl-redirect", PG_VERSION, "main"]
    stop_begin = time.monotonic()
    subprocess.run([*cluster, "stop", "-m", "fast"], check=True)  # noqa: S603
    stopped = time.monotonic()
    time.sleep(down)
    start_begin = time.monotonic()
    subprocess.run([*cluster, "start"], check=True)  # noqa: S603
    started = time.monotonic()
    return {
        "stop_begin": stop_begin,
        "stopped": stopped,
        "start_begin": start_begin,
        "started": started,
    }


def is_ok(status):
    return isinstance(status, int) and 200 <= status < 400


def summarise(records, times, origin):
    """Counts per phase, recovery time and the checks on answers."""
    stop_begin, started = times["stop_begin"], times["started"]
    after_restart = [r for r in records if r[0] >= started]
    # Recovered: from here on, every answer is ok.
    recovered_at = started
    for record in sorted(after_restart, key=lambda r: r[0]):
        if not is_ok(record[3]):
            recovered_at = max(recovered_at, record[1])
    phases = {"before": Counter(), "during": Counter(), "after": Counter()}
    for start, _end, _kind, status, _user, _module in records:
        if start < stop_begin:
            phase = "before"
        elif start < recovered_at:
            phase = "during"
        else:
            phase = "after"
        label = str(status) if not isinstance(status, int) else str(status)
        phases[phase][label] += 1
    first_ok_after = min(
        (r[1] for r in after_restart if r[2] == "healthz" and r[3] == 200),
        default=None,
    )
    healthz_lies = [
        r
        for r in records
        if r[2] == "healthz"
        and r[3] == 200
        and r[0] >= times["stopped"]
        and r[1] <= times["start_begin"]
    ]
    server_errors = [r for r in records if isinstance(r[3], int) and r[3] >= 500]
    slowest = max((r[1] - r[0] for r in records), default=0)
    return {
        "requests": len(records),
        "phases": {k: dict(sorted(v.items())) for k, v in phases.items()},
        "database_down_seconds": round(times["started"] - times["stop_begin"], 2),
        "recovery_seconds_after_database_start": round(
            recovered_at - times["started"], 2
        ),
        "healthz_ok_again_after_database_start": (
            round(first_ok_after - times["started"], 2) if first_ok_after else None
        ),
        "healthz_said_ok_while_down": len(healthz_lies),
        "server_errors_other_than_503": len([r for r in server_errors if r[3] != 503]),
        "restart_at_seconds": round(stop_begin - origin, 2),
        "slowest_answer_seconds": round(slowest, 2),
    }


def check_records(records, course, modules):
    """Nothing lost, duplicated or half-written in the learner tables."""
    from django.db.models import Count

    from learning.models import (
        Certificate,
        Enrolment,
        JPLedgerEntry,
        ModuleProgress,
    )
    from learning.services import required_module_ids

    problems = []
    done = set(
        ModuleProgress.objects.filter(
            user__username__startswith="drill-", completed_at__isnull=False
        ).values_list("user_id", "module_id")
    )
    confirmed = {
        (user, module)
        for _s, _e, kind, status, user, module in records
        if kind == "complete" and status == 302
    }
    lost = confirmed - done
    if lost:
        problems.append(f"{len(lost)} confirmed completions missing")
    duplicated = (
        ModuleProgress.objects.filter(user__username__startswith="drill-")
        .values("user_id", "module_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    if duplicated:
        problems.append(f"{duplicated} duplicated progress rows")
    half = ModuleProgress.objects.filter(
        user__username__startswith="drill-", completed_at__isnull=False
    ).filter(completed_by="")
    if half.exists():
        problems.append("progress rows completed without who completed them")
    required = set(required_module_ids(course.pk))
    enrolments = Enrolment.objects.filter(
        user__username__startswith="drill-", course=course
    )
    for enrolment in enrolments:
        finished = {m for u, m in done if u == enrolment.user_id} & required
        should_be_complete = finished == required
        if should_be_complete != (enrolment.completed_at is not None):
            problems.append(f"enrolment {enrolment.pk}: completion does not match")
        certificates = Certificate.objects.filter(
            enrolment=enrolment, revoked_at__isnull=True
        ).count()
        credits = JPLedgerEntry.objects.filter(
            user_id=enrolment.user_id, source_type="course", source_id=str(enrolment.pk)
        ).count()
        expected = 1 if enrolment.completed_at else 0
        if certificates != expected:
            problems.append(f"enrolment {enrolment.pk}: {certificates} certificates")
        if course.jp_credit and credits != expected:
            problems.append(f"enrolment {enrolment.pk}: {credits} JP entries")
    return {
        "completions_confirmed": len(confirmed),
        "completions_stored": len(done),
        "courses_completed": enrolments.filter(completed_at__isnull=False).count(),
        "problems": problems,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="lms_drill")
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=float, default=45.0)
    parser.add_argument("--restart-after", type=float, default=12.0)
    parser.add_argument("--down", type=float, default=5.0)
    parser.add_argument("--quiet-wait", type=float, default=120.0)
    parser.add_argument("--json", help="write the result to this file")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--server-log",
        default=str(Path(tempfile.gettempdir()) / "fault-drill-gunicorn.log"),
        help="where gunicorn's own log goes",
    )
    args = parser.parse_args(argv)
    if not shutil.which("pg_ctlcluster"):
        sys.exit("pg_ctlcluster is needed (Debian's PostgreSQL).")

    env = environment(args.database, args.port)
    prepare_database(args.database, env)
    setup_django(env)
    course, modules, cookies = make_learners(args.learners)
    from django.db import connections

    connections.close_all()  # the script's own connection would die anyway

    log(f"gunicorn on 127.0.0.1:{args.port} ({args.workers} workers)")
    server_log = open(args.server_log, "w")  # noqa: SIM115 - closed at the end
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "lms.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            "4",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=server_log,
    )
    try:
        if not wait_for(args.port):
            sys.exit("gunicorn did not answer /healthz")
        waited = 0.0
        while other_clients(args.database) > 0 and waited < args.quiet_wait:
            time.sleep(2)
            waited += 2
        log(f"load: {args.threads} threads for {args.duration:.0f} s")
        origin = time.monotonic()
        with Load(args.port, modules, cookies, args.threads) as load:
            time.sleep(args.restart_after)
            log(f"PostgreSQL {PG_VERSION}/main: stop, {args.down:.0f} s, start")
            times = restart_postgres(args.down)
            remaining = args.duration - (time.monotonic() - origin)
            time.sleep(max(remaining, 10))
        records = list(load.records)
        summary = summarise(records, times, origin)
        # Everything answers 200 again.
        final = {}
        cookie = next(iter(cookies.values()))[0]
        for name, path in (
            ("healthz", "/healthz"),
            ("home", "/"),
            ("module", modules[0][1]),
            ("dashboard", "/belajar/"),
        ):
            try:
                connection = http.client.HTTPConnection(
                    "127.0.0.1", args.port, timeout=15
                )
                connection.request("GET", path, headers={"Cookie": cookie})
                final[name] = connection.getresponse().status
            except OSError as error:
                final[name] = f"error:{type(error).__name__}"
        summary["after_recovery"] = final
        summary["records"] = check_records(records, course, modules)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        server_log.close()
        from django.db import connections

        connections.close_all()
        if not args.keep_database:
            subprocess.run(  # noqa: S603
                [tool("dropdb"), *PG_ADMIN, "--if-exists", "--force", args.database],
                check=False,
            )
    failures = []
    if summary["healthz_said_ok_while_down"]:
        failures.append("/healthz said ok while the database was down")
    if summary["server_errors_other_than_503"]:
        failures.append("server errors other than 503")
    if any(status != 200 for status in summary["after_recovery"].values()):
        failures.append("not everything answers 200 after recovery")
    if summary["phases"]["after"].keys() - {"200", "302"}:
        failures.append("errors after recovery")
    failures += summary["records"]["problems"]
    summary["failures"] = failures
    print(json.dumps(summary, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
