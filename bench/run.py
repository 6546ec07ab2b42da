"""``make bench``: build (or reuse) the bench databases, then measure everything.

Steps, each timed:

1. PostgreSQL databases ``lms_bench`` (``BENCH_SCALE``, province by default)
   and ``lms_bench_small`` (the comparison scale): reused when their comment
   says they were built by the current ``bench_data`` at that scale, else
   dropped, created, migrated and filled by ``manage.py bench_data``.
   ``BENCH_REBUILD=1`` forces a rebuild. Reused databases are migrated.
2. ``collectstatic`` (production settings: hashed, compressed files).
3. Queries per request on both scales (``bench.queries``).
4. Sessions, open quiz attempts and request files (``bench.loadprep``).
5. gunicorn with ``lms.settings.production`` on 127.0.0.1 (2 x cores + 1
   sync workers), then wrk on loopback: each page for ``BENCH_DURATION``
   seconds at ``BENCH_CONNECTIONS`` connections after a short warm-up,
   right after its reference (the bare Wagtail page) so that both share the
   machine's conditions. CPU time of the workers and of their PostgreSQL
   backends is read from /proc around each run.
6. Every admin report over HTTP (three times each), their CSV and XLSX
   exports (time, rows, the worker's resident memory), and 500,000
   enrolments through the export writer in a process of its own (peak RSS).
7. 200 parallel writers (``bench.concurrency``).
8. ``bench/results/latest.json`` and, for the province scale, the tables of
   ``docs/benchmarks.md`` between its ``bench:begin``/``bench:end`` marks.

Configuration (environment): BENCH_SCALE, BENCH_DB, BENCH_SMALL_DB,
BENCH_PG_URL, BENCH_REDIS_URL, BENCH_PORT, BENCH_DURATION, BENCH_REFERENCE,
BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_WORKERS, BENCH_WRITERS, BENCH_REBUILD,
BENCH_SKIP (comma-separated: load, reports, exports, concurrency),
BENCH_DOCS (1 to write the docs at any scale, 0 never), BENCH_QUIET_CORES
and BENCH_QUIET_WAIT (before each load run, wait up to that many seconds for
other work on the machine to fall under that many busy cores; other
developers' test runs share this machine).
"""

import datetime
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
RESULTS = BENCH / "results"
DOCS = ROOT / "docs" / "benchmarks.md"
LUA = BENCH / "wrk" / "requests.lua"
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SEED = 2026

TARGETS = {
    "module_vs_bare": 0.5,  # module page throughput / bare page throughput
    "module_p95_ms": 300,
    "report_seconds": 1.0,
    "export_rows": 500_000,
    "export_peak_mb": 200,
    "lost_writes": 0,
}


def env_int(name, default):
    return int(os.environ.get(name, default))


class Config:
    def __init__(self):
        self.scale = os.environ.get("BENCH_SCALE", "province")
        self.compare = "small" if self.scale == "province" else "tiny"
        default_db = (
            "lms_bench" if self.scale == "province" else f"lms_bench_{self.scale}"
        )
        self.db = os.environ.get("BENCH_DB", default_db)
        self.compare_db = os.environ.get("BENCH_SMALL_DB", f"lms_bench_{self.compare}")
        self.pg_url = os.environ.get(
            "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"
        )
        self.redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
        self.port = env_int("BENCH_PORT", 8765)
        self.duration = env_int("BENCH_DURATION", 20)
        self.reference = env_int("BENCH_REFERENCE", 10)
        self.warmup = env_int("BENCH_WARMUP", 3)
        self.connections = env_int("BENCH_CONNECTIONS", 20)
        self.workers = env_int("BENCH_WORKERS", 2 * (os.cpu_count() or 1) + 1)
        self.writers = env_int("BENCH_WRITERS", 200)
        self.rebuild = os.environ.get("BENCH_REBUILD", "0") == "1"
        self.skip = {
            s.strip() for s in os.environ.get("BENCH_SKIP", "").split(",") if s
        }
        docs = os.environ.get("BENCH_DOCS", "")
        self.write_docs = docs == "1" or (docs == "" and self.scale == "province")

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def django_env(self, db):
        """Production settings, as a deployment sets them, on loopback."""
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="lms.settings.production",
            SECRET_KEY="bench-only-not-a-secret-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
            SECURE_SSL_REDIRECT="false",
            REDIS_URL=self.redis_url,
            DATABASE_URL=f"{self.pg_url}/{db}",
            # Connections live through a whole run (production: 60 s), so
            # the CPU time of each worker's database backend can be read.
            DB_CONN_MAX_AGE="900",
            PYTHONUNBUFFERED="1",
        )
        return env


def log(message):
    print(f"[bench {datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def run(command, env, **kwargs):
    """Run a command from the project root; raise with its output on failure."""
    result = subprocess.run(  # noqa: S603 - our own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise RuntimeError(f"{' '.join(map(str, command))} exited {result.returncode}")
    return result.stdout


class Steps:
    """Wall-clock time of each step, kept for the results."""

    def __init__(self):
        self.times = {}

    def __call__(self, name):
        steps = self

        class Timer:
            def __enter__(self):
                log(name)
                self.start = time.monotonic()

            def __exit__(self, *exc):
                steps.times[name] = round(time.monotonic() - self.start, 1)

        return Timer()


# Databases ------------------------------------------------------------------------


def data_marker(scale):
    """Changes whenever bench_data.py changes, so stale data is rebuilt."""
    source = (ROOT / "home/management/commands/bench_data.py").read_bytes()
    return f"bench:{scale}:seed={SEED}:{hashlib.sha256(source).hexdigest()[:12]}"


def admin_connection(config):
    import psycopg

    return psycopg.connect(f"{config.pg_url}/postgres", autocommit=True)


def database_marker(config, db):
    with admin_connection(config) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = %s",
            [db],
        ).fetchone()
    return None if row is None else (row[0] or "")


def ensure_database(config, db, scale, steps):
    """Reuse a database built by the current bench_data at ``scale``, or build it."""
    from psycopg import sql

    marker = data_marker(scale)
    env = config.django_env(db)
    found = database_marker(config, db)
    info = {"database": db, "scale": scale, "marker": marker}
    if found == marker and not config.rebuild:
        with steps(f"migrate {db} (reused, {scale})"):
            run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        info.update(built=False, rows=count_rows(config, db))
        previous = RESULTS / f"{scale}.json"
        if previous.exists():
            for data in json.loads(previous.read_text()).get("data", {}).values():
                if data.get("marker") == marker and data.get("build_seconds"):
                    info["build_seconds"] = data["build_seconds"]
                    info["build_steps"] = data.get("build_steps", {})
        return info
    with steps(f"create + migrate {db}"):
        with admin_connection(config) as connection:
            name = sql.Identifier(db)
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    start = time.monotonic()
    with steps(f"bench_data --scale {scale} into {db}"):
        output = run([PYTHON, "manage.py", "bench_data", "--scale", scale], env)
    with admin_connection(config) as connection:
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(db), sql.Literal(marker)
            )
        )
    info.update(
        built=True,
        build_seconds=round(time.monotonic() - start, 1),
        build_steps={
            name.strip(): float(seconds)
            for seconds, name in re.findall(r"^\s+([\d.]+)s\s+(.+)$", output, re.M)
        },
        rows={
            label: int(count.replace(",", ""))
            for label, count in re.findall(r"^\s+(\w+\.\w+)\s+([\d,]+)$", output, re.M)
        },
    )
    return info


COUNTED_TABLES = {
    "people.Instansi": "people_instansi",
    "people.UnitKerja": "people_unitkerja",
    "people.User": "people_user",
    "courses.CoursePage": "courses_coursepage",
    "courses.ModulePage": "courses_modulepage",
    "learning.Assignment": "learning_assignment",
    "learning.Enrolment": "learning_enrolment",
    "learning.ModuleProgress": "learning_moduleprogress",
    "learning.QuizAttempt": "learning_quizattempt",
    "learning.QuizAnswer": "learning_quizanswer",
    "learning.ModuleFeedback": "learning_modulefeedback",
    "learning.JPLedgerEntry": "learning_jpledgerentry",
    "learning.Certificate": "learning_certificate",
    "learning.WebinarRegistration": "learning_webinarregistration",
}


def count_rows(config, db):
    """Rows of a reused data set as it is now (load tests add some)."""
    import psycopg

    counts = {}
    with psycopg.connect(f"{config.pg_url}/{db}") as connection:
        for label, table in COUNTED_TABLES.items():
            counts[label] = connection.execute(
                f'SELECT count(*) FROM "{table}"'  # noqa: S608 - fixed names
            ).fetchone()[0]
    return counts


def flush_cache(config):
    """Empty the bench Redis database: cached site roots belong to one database."""
    import redis

    redis.Redis.from_url(config.redis_url).flushdb()


# Measuring ----------------------------------------------------------------------


def process_cpu(pid):
    """CPU seconds (user + system) a process has used, or 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def cpu_delta(before, pids_now):
    """CPU seconds used since ``before`` ({pid: seconds}) by the processes
    alive now; a process started meanwhile counts from zero. (One that ended
    meanwhile is lost: the bench keeps connections and workers for a run.)"""
    return sum(max(0.0, process_cpu(p) - before.get(p, 0.0)) for p in pids_now)


def machine_cpu():
    """(busy, total) CPU seconds of the whole machine since boot."""
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Server:
    """gunicorn with production settings, and the processes serving it."""

    def __init__(self, config):
        self.config = config
        self.process = None

    def start(self):
        config = self.config
        WORK.mkdir(parents=True, exist_ok=True)
        command = [
            str(Path(PYTHON).parent / "gunicorn"),
            "lms.wsgi:application",
            "--bind",
            f"127.0.0.1:{config.port}",
            "--workers",
            str(config.workers),
            "--timeout",
            "300",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
            "--error-logfile",
            str(WORK / "gunicorn.log"),
        ]
        # The application's own log lines (completions, certificates) go to
        # the file too, not into make's output.
        self.output = open(WORK / "gunicorn.out", "w")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 - our own server
            command,
            cwd=ROOT,
            env=config.django_env(config.db),
            start_new_session=True,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _body, _s = http_get(config, "/healthz")
                if status == 200 and len(self.workers()) >= config.workers:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.output.close()

    def workers(self):
        pid = self.process.pid
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as handle:
                return [int(p) for p in handle.read().split()]
        except OSError:
            return []

    def database_backends(self):
        with admin_connection(self.config) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.config.db]
            ).fetchall()
        return [row[0] for row in rows]


def http_get(config, path, cookie="", read=True):
    """(status, body bytes or size, seconds) of one GET on loopback."""
    connection = http.client.HTTPConnection("127.0.0.1", config.port, timeout=600)
    start = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read() if read else None
    seconds = time.perf_counter() - start
    connection.close()
    return response.status, body, seconds


def wrk(config, server, request_file, duration, limit=0):
    """One wrk run with CPU accounting; the parsed BENCH_JSON plus figures."""
    workers = server.workers()
    app_before = {p: process_cpu(p) for p in workers}
    db_before = {p: process_cpu(p) for p in server.database_backends()}
    busy_before, total_before = machine_cpu()
    command = [
        "wrk",
        "-t1",
        f"-c{config.connections}",
        f"-d{duration}s",
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        config.base_url,
        "--",
        str(request_file),
        str(limit),
    ]
    output = subprocess.run(  # noqa: S603 - wrk on loopback
        command, capture_output=True, text=True, check=True
    ).stdout
    busy_after, total_after = machine_cpu()
    app = cpu_delta(app_before, server.workers())
    db = cpu_delta(db_before, server.database_backends())
    line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
    data = json.loads(line[len("BENCH_JSON ") :])
    seconds = data["duration_us"] / 1e6
    requests = max(1, data["requests"])
    cores = os.cpu_count() or 1
    busy = busy_after - busy_before
    return {
        "requests": data["requests"],
        "seconds": round(seconds, 2),
        "rps": round(data["requests"] / seconds, 1),
        "latency_ms": {k: round(v / 1000, 1) for k, v in data["latency_us"].items()},
        "statuses": data["statuses"],
        "socket_errors": data["errors"],
        "app_cpu_ms_per_request": round(app * 1000 / requests, 1),
        "db_cpu_ms_per_request": round(db * 1000 / requests, 1),
        "machine_busy_share": round(busy / max(1e-9, total_after - total_before), 2),
        "other_load_cores": round(max(0.0, busy - app - db) / seconds, 2),
        "cores": cores,
    }


def failed(result):
    """Server errors, or more than 0.5% of requests lost on the socket."""
    errors = sum(n for code, n in result["statuses"].items() if int(code) >= 500)
    socket = sum(result["socket_errors"][k] for k in ("connect", "read", "timeout"))
    return errors > 0 or socket > 0.005 * max(1, result["requests"])


def wait_for_quiet(config):
    """Wait (up to BENCH_QUIET_WAIT seconds) until other work on the machine
    uses less than BENCH_QUIET_CORES cores; return the cores it used."""
    limit = float(os.environ.get("BENCH_QUIET_CORES", "0.5"))
    deadline = time.monotonic() + env_int("BENCH_QUIET_WAIT", 60)
    while True:
        busy_before, _total = machine_cpu()
        time.sleep(2)
        busy_after, _total = machine_cpu()
        cores = (busy_after - busy_before) / 2
        if cores < limit or time.monotonic() > deadline:
            return round(cores, 2)


def load_tests(config, server, specs):
    results = {}

    def measure(name, duration):
        spec = specs[name]
        limit = spec["lines"] if spec.get("once") else 0
        discarded = []
        for _attempt in range(3):
            busy_before = wait_for_quiet(config)
            result = wrk(config, server, spec["file"], duration, limit)
            if not failed(result):
                break
            # A run with server errors (the shared PostgreSQL restarted, say)
            # measures error pages: keep its statuses, measure again.
            discarded.append(result["statuses"])
            log(f"load: {name} had errors {result['statuses']}; measuring again")
        result["other_load_before_cores"] = busy_before
        result["discarded_runs"] = discarded
        result["valid"] = not failed(result)
        result["label"] = spec.get("label", name)
        result["prepared_requests"] = spec["lines"]
        if spec.get("once"):
            result["exhausted"] = result["requests"] >= spec["lines"]
        return result

    def warm(name):
        spec = specs[name]
        warm_name = spec.get("warmup")
        if warm_name:
            wrk(
                config,
                server,
                specs[warm_name]["file"],
                config.warmup,
                specs[warm_name]["lines"],
            )
        else:
            wrk(config, server, spec["file"], config.warmup)

    for reference in ("bare", "bare_logged_in"):
        log(f"load: {reference}")
        warm(reference)
        results[reference] = measure(reference, config.duration)
    for name in ("catalogue", "module", "dashboard", "complete", "quiz"):
        if not specs[name]["lines"]:
            log(f"load: {name} skipped (no requests prepared)")
            continue
        reference = specs[name]["reference"]
        log(f"load: {name} (paired with {reference})")
        paired = measure(reference, config.reference)
        warm(name)
        result = measure(name, config.duration)
        result["reference"] = reference
        result["reference_rps"] = paired["rps"]
        result["reference_other_load_cores"] = paired["other_load_cores"]
        result["vs_reference"] = round(result["rps"] / max(1e-9, paired["rps"]), 2)
        result["cpu_vs_reference"] = round(
            (paired["app_cpu_ms_per_request"] + paired["db_cpu_ms_per_request"])
            / max(
                1e-9,
                result["app_cpu_ms_per_request"] + result["db_cpu_ms_per_request"],
            ),
            2,
        )
        results[name] = result
    return results


def time_reports(config, reports, cookie, repeats=3):
    rows = []
    for report in reports:
        times, status, size = [], None, 0
        for _ in range(repeats):
            status, body, seconds = http_get(config, report["url"], cookie)
            times.append(seconds)
            size = len(body)
        rows.append(
            {
                "name": report["name"],
                "url": report["url"],
                "status": status,
                "queries": report["queries"],
                "seconds_median": round(statistics.median(times), 3),
                "seconds_max": round(max(times), 3),
                "bytes": size,
            }
        )
    return rows


def http_export(config, server, url, cookie):
    """Stream an export from gunicorn while sampling the workers' memory."""
    workers = server.workers()
    baseline = max(rss_mb(p) for p in workers)
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max([peak[0], *(rss_mb(p) for p in workers)])
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    connection = http.client.HTTPConnection("127.0.0.1", config.port, timeout=900)
    start = time.perf_counter()
    connection.request("GET", url, headers={"Cookie": cookie})
    response = connection.getresponse()
    size = lines = 0
    while chunk := response.read(65536):
        size += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.perf_counter() - start
    connection.close()
    done.set()
    sampler.join()
    content_type = response.getheader("Content-Type", "")
    csv = content_type.startswith("text/csv")
    rows = max(0, lines - 1) if csv else None
    return {
        "url": url,
        "status": response.status,
        "content_type": content_type,
        "is_export": csv or "spreadsheetml" in content_type,
        "bytes": size,
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds) if rows and seconds else None,
        "worker_rss_mb_before": round(baseline, 1),
        "worker_rss_mb_peak": round(peak[0], 1),
    }


def exports(config, server, reports, cookie):
    rows = []
    for report in reports:
        separator = "&" if "?" in report["url"] else "?"
        for export_format in ("csv", "xlsx"):
            url = f"{report['url']}{separator}export={export_format}"
            result = http_export(config, server, url, cookie)
            result["name"] = report["name"]
            result["format"] = export_format
            if export_format == "xlsx" and result["is_export"]:
                csv_rows = next(
                    (
                        r["rows"]
                        for r in reversed(rows)
                        if r["url"].startswith(report["url"] + separator)
                    ),
                    None,
                )
                result["rows"] = csv_rows
                if csv_rows and result["seconds"]:
                    result["rows_per_second"] = round(csv_rows / result["seconds"])
            rows.append(result)
    return rows


def export_probes(config, biggest_report):
    """Peak memory of exports in processes of their own (ru_maxrss)."""
    env = config.django_env(config.db)
    probes = []
    commands = []
    if biggest_report:
        for export_format in ("csv", "xlsx"):
            separator = "&" if "?" in biggest_report else "?"
            commands.append(
                ["--url", f"{biggest_report}{separator}export={export_format}"]
            )
    for export_format in ("csv", "xlsx"):
        commands.append(
            ["--enrolments", str(TARGETS["export_rows"]), "--format", export_format]
        )
    for arguments in commands:
        output = run([PYTHON, "-m", "bench.exports", *arguments], env)
        probes.append(json.loads(output.strip().splitlines()[-1]))
    return probes


# Results -----------------------------------------------------------------------------


def compare_queries(small, main):
    by_name = {row["name"]: row for row in small["pages"]}
    rows = []
    for row in main["pages"]:
        other = by_name.get(row["name"])
        rows.append(
            {
                "name": row["name"],
                "url": row["url"],
                "small": other["queries"] if other else None,
                "large": row["queries"],
                "grows": bool(other) and row["queries"] > other["queries"],
                "status": row["status"],
            }
        )
    return rows


def evaluate(results):
    """Each target with the figure measured against it."""
    checks = []
    load = results.get("load") or {}
    module = load.get("module")
    if module:
        if module.get("valid") is False:
            checks.append(
                {
                    "target": "module page load run without server errors",
                    "measured": f"statuses {module['statuses']}",
                    "met": False,
                }
            )
        # On a shared machine the CPU time per request estimates the
        # throughput ratio better than two runs under different other load.
        checks.append(
            {
                "target": "module page throughput ≥ 50% of the bare page's",
                "measured": f"{module['cpu_vs_reference']:.0%} by CPU time per "
                f"request; {module['vs_reference']:.0%} by throughput "
                f"({module['rps']} vs {module['reference_rps']} req/s, other load "
                f"{module['other_load_cores']} vs "
                f"{module.get('reference_other_load_cores', '?')} cores)",
                "met": min(module["vs_reference"], module["cpu_vs_reference"])
                >= TARGETS["module_vs_bare"],
            }
        )
        p95 = module["latency_ms"]["p95"]
        checks.append(
            {
                "target": f"module page p95 < {TARGETS['module_p95_ms']} ms at "
                f"{results['settings']['connections']} connections",
                "measured": f"{p95} ms",
                "met": p95 < TARGETS["module_p95_ms"],
            }
        )
    reports = results.get("reports") or []
    if reports:
        slow = [r for r in reports if r["seconds_median"] >= TARGETS["report_seconds"]]
        worst = max(reports, key=lambda r: r["seconds_median"])
        checks.append(
            {
                "target": "every admin report < 1 s",
                "measured": f"{len(slow)} of {len(reports)} at 1 s or more; slowest "
                f"{worst['name']} {worst['seconds_median']} s",
                "met": not slow,
            }
        )
    probes = [
        p for p in results.get("export_probes") or [] if p["url"].startswith("(enrol")
    ]
    if probes:
        peak = max(p["peak_rss_mb"] for p in probes)
        checks.append(
            {
                "target": "export of 500,000 rows, peak memory < 200 MB",
                "measured": ", ".join(
                    f"{'XLSX' if 'xlsx' in p['url'] else 'CSV'} {p['rows']:,} rows "
                    f"in {p['seconds']} s, peak {p['peak_rss_mb']} MB"
                    for p in probes
                ),
                "met": peak < TARGETS["export_peak_mb"]
                and all(p["rows"] >= TARGETS["export_rows"] for p in probes),
            }
        )
    concurrency = results.get("concurrency")
    if concurrency:
        lost = sum(s["lost"] + s["duplicated"] for s in concurrency.values())
        failed = [name for name, s in concurrency.items() if not s["ok"]]
        checks.append(
            {
                "target": f"{results['settings']['writers']} parallel writers: "
                "zero lost or duplicated rows",
                "measured": f"{lost} lost or duplicated"
                + (f" (failing: {', '.join(failed)})" if failed else ""),
                "met": not failed,
            }
        )
    comparison = (results.get("queries") or {}).get("comparison")
    if comparison:
        grows = [row["name"] for row in comparison if row["grows"]]
        checks.append(
            {
                "target": "queries per request do not grow with data",
                "measured": "none grows" if not grows else "grows: " + ", ".join(grows),
                "met": not grows,
            }
        )
    return checks


def ms(value):
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def render_markdown(results):
    """The generated tables of docs/benchmarks.md."""
    out = []
    machine, settings = results["machine"], results["settings"]
    out.append(
        f"Run of {results['finished_at'][:16].replace('T', ' ')} UTC, scale "
        f"**{results['scale']}**, {machine['cores']} cores, {machine['memory_gb']} GB, "
        f"PostgreSQL {machine['postgres']}, Python {machine['python']}; gunicorn "
        f"{settings['workers']} sync workers, wrk {settings['connections']} "
        f"connections, {settings['duration']} s per page. Load average before the "
        f"run: {machine['load_before']}. Whole run: "
        f"{results['duration_seconds'] / 60:.0f} min.\n"
    )
    if results.get("carried_over"):
        out.append(
            "Carried over from an earlier run (skipped this time): "
            + ", ".join(f"{k} ({v})" for k, v in results["carried_over"].items())
            + ".\n"
        )
    out.append("### Targets\n")
    out.append("| target | measured | met |")
    out.append("|---|---|---|")
    for check in results["targets"]:
        out.append(
            f"| {check['target']} | {check['measured']} | "
            f"{'yes' if check['met'] else '**no**'} |"
        )
    data = results["data"]["main"]
    if data.get("rows"):
        out.append("\n### Data set\n")
        out.append("| table | rows |")
        out.append("|---|---:|")
        for label, count in data["rows"].items():
            out.append(f"| {label} | {count:,} |")
        if data.get("build_seconds"):
            built = "built in this run" if data.get("built") else "reused"
            out.append(
                f"\nBuilt in {data['build_seconds']:.0f} s ({built}; a reused "
                "set holds the rows earlier load tests added)."
            )
    load = results.get("load")
    if load:
        out.append("\n### Throughput and latency\n")
        out.append(
            "| page | req/s | vs reference | p50 ms | p95 ms | p99 ms | "
            "app CPU ms/req | DB CPU ms/req | other load (cores) | statuses |"
        )
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for row in load.values():
            ratio = (
                f"{row['vs_reference']:.0%}" if "vs_reference" in row else "reference"
            )
            statuses = ", ".join(
                f"{k}: {v}" for k, v in sorted(row["statuses"].items())
            )
            latency = row["latency_ms"]
            out.append(
                f"| {row['label']} | {row['rps']} | {ratio} | {ms(latency['p50'])} | "
                f"{ms(latency['p95'])} | {ms(latency['p99'])} | "
                f"{row['app_cpu_ms_per_request']} | {row['db_cpu_ms_per_request']} | "
                f"{row['other_load_cores']} | {statuses} |"
            )
    queries = results.get("queries")
    if queries:
        out.append("\n### Queries per request\n")
        out.append(
            f"| page | {results['compare_scale']} | {results['scale']} | grows |"
        )
        out.append("|---|---:|---:|---|")
        for row in queries["comparison"]:
            out.append(
                f"| {row['name']} | {row['small']} | {row['large']} | "
                f"{'**yes**' if row['grows'] else 'no'} |"
            )
    reports = results.get("reports")
    if reports:
        out.append("\n### Admin reports (HTTP, median of 3)\n")
        out.append("| report | seconds | queries |")
        out.append("|---|---:|---:|")
        for row in reports:
            name = row["name"].removeprefix("report: ")
            out.append(f"| {name} | {row['seconds_median']} | {row['queries']} |")
    export_rows = results.get("exports")
    if export_rows:
        out.append("\n### Exports over HTTP\n")
        out.append("| report | format | rows | seconds | rows/s | worker RSS peak MB |")
        out.append("|---|---|---:|---:|---:|---:|")
        for row in export_rows:
            name = row["name"].removeprefix("report: ")
            out.append(
                f"| {name} | {row['format']} | {row['rows'] or ''} | "
                f"{row['seconds']} | {row.get('rows_per_second') or ''} | "
                f"{row['worker_rss_mb_peak']} |"
            )
    probes = results.get("export_probes")
    if probes:
        out.append("\n### Export memory in a process of its own\n")
        out.append("| export | rows | seconds | rows/s | peak RSS MB (before) |")
        out.append("|---|---:|---:|---:|---:|")
        for row in probes:
            out.append(
                f"| `{row['url']}` | {row['rows'] or ''} | {row['seconds']} | "
                f"{row.get('rows_per_second', '')} | {row['peak_rss_mb']} "
                f"({row['peak_rss_mb_before']}) |"
            )
    concurrency = results.get("concurrency")
    if concurrency:
        out.append(f"\n### {results['settings']['writers']} parallel writers\n")
        out.append(
            "| scenario | requests | seconds | statuses | lost | duplicated | ok |"
        )
        out.append("|---|---:|---:|---|---:|---:|---|")
        for name, row in concurrency.items():
            statuses = ", ".join(f"{k}: {v}" for k, v in row["statuses"].items())
            out.append(
                f"| {name} | {row['requests']} | {row['seconds']} | {statuses} | "
                f"{row['lost']} | {row['duplicated']} | "
                f"{'yes' if row['ok'] else '**no**'} |"
            )
    return "\n".join(out) + "\n"


def write_docs(results):
    text = DOCS.read_text() if DOCS.exists() else ""
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = f"{begin}\n{render_markdown(results)}{end}"
    if begin in text and end in text:
        text = re.sub(
            re.escape(begin) + r".*?" + re.escape(end), block, text, flags=re.S
        )
    else:
        text += f"\n{block}\n"
    DOCS.write_text(text)


def machine_facts(config):
    with admin_connection(config) as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]
    with open("/proc/meminfo") as handle:
        memory_kb = int(handle.readline().split()[1])
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024),
        "python": platform.python_version(),
        "postgres": version.split()[0],
        "wrk": shutil.which("wrk") is not None,
        "load_before": [round(x, 2) for x in os.getloadavg()],
    }


SECTIONS = {
    "load": ("load",),
    "reports": ("reports",),
    "exports": ("exports", "export_probes"),
    "concurrency": ("concurrency",),
}


def carry_over(config, results):
    """Keep the previous run's figures for the phases skipped this time
    (BENCH_SKIP), saying from when they are."""
    path = RESULTS / f"{config.scale}.json"
    if not config.skip or not path.exists():
        return
    previous = json.loads(path.read_text())
    for phase in config.skip:
        for section in SECTIONS.get(phase, ()):
            if section in previous and section not in results:
                results[section] = previous[section]
                results.setdefault("carried_over", {})[section] = previous.get(
                    "started_at"
                )


def render_only():
    """``python bench/run.py --render``: the docs tables from the last results."""
    results = json.loads((RESULTS / "latest.json").read_text())
    results["targets"] = evaluate(results)
    (RESULTS / "latest.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    )
    write_docs(results)


def main():
    if "--render" in sys.argv[1:]:
        return render_only()
    config = Config()
    if not shutil.which("wrk") and "load" not in config.skip:
        sys.exit("wrk is not installed: `make bench` installs it with apt-get.")
    started = time.monotonic()
    steps = Steps()
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {
        "started_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": config.scale,
        "compare_scale": config.compare,
        "machine": machine_facts(config),
        "settings": {
            "settings_module": "lms.settings.production",
            "workers": config.workers,
            "connections": config.connections,
            "duration": config.duration,
            "reference_duration": config.reference,
            "warmup": config.warmup,
            "writers": config.writers,
            "redis": config.redis_url,
        },
        "targets_definition": TARGETS,
        "data": {},
        "steps": steps.times,
    }
    results["data"]["compare"] = ensure_database(
        config, config.compare_db, config.compare, steps
    )
    results["data"]["main"] = ensure_database(config, config.db, config.scale, steps)
    env = config.django_env(config.db)
    with steps("collectstatic"):
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)

    queries = {}
    for key, db in (("small", config.compare_db), ("main", config.db)):
        with steps(f"queries per request ({db})"):
            flush_cache(config)
            path = WORK / f"queries-{db}.json"
            run(
                [PYTHON, "-m", "bench.queries", "--out", str(path)],
                config.django_env(db),
            )
            queries[key] = json.loads(path.read_text())
    queries["comparison"] = compare_queries(queries["small"], queries["main"])
    results["queries"] = queries

    with steps("prepare sessions and requests"):
        flush_cache(config)
        run([PYTHON, "-m", "bench.loadprep", "--out-dir", str(WORK)], env)
        specs = json.loads((WORK / "scenarios.json").read_text())
    reports = [row for row in queries["main"]["pages"] if row["kind"] == "report"]

    server = Server(config)
    try:
        with steps("start gunicorn"):
            server.start()
        if "load" not in config.skip:
            with steps("load tests"):
                results["load"] = load_tests(config, server, specs)
        if "reports" not in config.skip:
            with steps("admin reports over HTTP"):
                results["reports"] = time_reports(
                    config, reports, specs["admin"]["cookie"]
                )
        if "exports" not in config.skip:
            with steps("exports over HTTP"):
                results["exports"] = exports(
                    config, server, reports, specs["admin"]["cookie"]
                )
            biggest = max(
                (r for r in results["exports"] if r["format"] == "csv" and r["rows"]),
                key=lambda r: r["rows"],
                default=None,
            )
            with steps("export memory probes"):
                results["export_probes"] = export_probes(
                    config, biggest["url"].split("?export=")[0] if biggest else None
                )
        if "concurrency" not in config.skip:
            with steps("concurrency"):
                path = WORK / "concurrency.json"
                subprocess.run(  # noqa: S603 - our own script; failures are data
                    [
                        PYTHON,
                        "-m",
                        "bench.concurrency",
                        "--base-url",
                        config.base_url,
                        "--writers",
                        str(config.writers),
                        "--out",
                        str(path),
                    ],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    check=False,
                )
                results["concurrency"] = json.loads(path.read_text())
    finally:
        server.stop()

    carry_over(config, results)
    results["finished_at"] = datetime.datetime.now(datetime.UTC).isoformat(
        timespec="seconds"
    )
    results["duration_seconds"] = round(time.monotonic() - started)
    results["targets"] = evaluate(results)
    for page in queries["small"]["pages"] + queries["main"]["pages"]:
        page.pop("statements", None)
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    (RESULTS / "latest.json").write_text(text)
    (RESULTS / f"{config.scale}.json").write_text(text)
    if config.write_docs:
        write_docs(results)
    log(f"done in {results['duration_seconds'] / 60:.1f} min")
    for check in results["targets"]:
        verdict = "MET " if check["met"] else "MISS"
        log(f"{verdict} {check['target']}: {check['measured']}")


if __name__ == "__main__":
    main()
