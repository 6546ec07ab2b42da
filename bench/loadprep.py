"""Prepare the request files the load generator (wrk) replays.

Run with the settings the server uses (same database, same Redis), because
it stores real sessions and opens real quiz attempts::

    python -m bench.loadprep --out-dir bench/.work

Writes one file per scenario, one request a line
(``METHOD<TAB>PATH<TAB>COOKIE<TAB>BODY``, see bench/wrk/requests.lua), and
``scenarios.json`` describing them. POST scenarios get one line per distinct
(learner, module) or attempt, each used once, so the measured requests do
the real work (a first completion, a first grading) rather than the cheap
"already done" path. Warm-up lines are separate from measured lines.
"""

import argparse
import json
import os
import random
from pathlib import Path
from urllib.parse import urlencode

ASN_USERNAMES = r"^bench[0-9]"


def _module_urls():
    from courses.models import ModulePage

    return {m.pk: m.get_url() for m in ModulePage.objects.live().only("pk", "url_path")}


def _course_modules():
    """course id -> [(module id, has quiz)] in course order (light queries)."""
    from courses.blocks import QUESTION_BLOCK_TYPES
    from courses.models import CoursePage, ModulePage

    modules = {}
    for course in CoursePage.objects.live().only("pk", "path", "depth"):
        children = (
            ModulePage.objects.live()
            .filter(path__startswith=course.path, depth=course.depth + 1)
            .order_by("path")
        )
        modules[course.pk] = [
            (
                m.pk,
                any(b["type"] in QUESTION_BLOCK_TYPES for b in m.body.raw_data),
            )
            for m in children
        ]
    return modules


def _sample_learners(count, rng, exclude=()):
    from people.models import User

    ids = sorted(
        User.objects.filter(username__regex=ASN_USERNAMES, is_active=True)
        .exclude(pk__in=list(exclude))
        .values_list("pk", flat=True)
    )
    return rng.sample(ids, min(count, len(ids)))


def _open_enrolments(user_ids):
    from learning.models import Enrolment

    return list(
        Enrolment.objects.filter(user_id__in=user_ids, completed_at__isnull=True)
        .order_by("user_id", "course_id")
        .values_list("user_id", "course_id")
    )


def _completed_modules(user_ids):
    from learning.models import ModuleProgress

    done = {}
    for user_id, module_id in ModuleProgress.objects.filter(
        user_id__in=user_ids, completed_at__isnull=False
    ).values_list("user_id", "module_id"):
        done.setdefault(user_id, set()).add(module_id)
    return done


def _line(method, path, cookie="", body=""):
    for part in (path, cookie, body):
        if "\t" in part or "\n" in part:
            raise ValueError("A request part may not hold a tab or a newline.")
    return f"{method}\t{path}\t{cookie}\t{body}\n"


def _write(out_dir, name, lines):
    path = out_dir / f"{name}.txt"
    path.write_text("".join(lines))
    return str(path)


def quiz_answers(snapshot, right=True):
    """Form fields answering a snapshot's questions (all right or all wrong)."""
    fields = []
    for question in snapshot["questions"]:
        name = f"q-{question['id']}"
        kind = question["type"]
        if kind in ("single", "multiple"):
            options = [o for o in question["options"] if o["correct"] == right]
            if not options:
                options = question["options"][:1]
            chosen = options if kind == "multiple" else options[:1]
            fields += [(name, option["id"]) for option in chosen]
        elif kind == "true_false":
            answer = question["answer"]
            fields.append(
                (name, answer if right else {"true": "false"}.get(answer, "true"))
            )
        else:
            fields.append((name, question["accepted"][0] if right else "tidak tahu"))
    return fields


def prepare(out_dir, *, seed=7, readers=1000, completions=6000, quizzes=3000):
    """Create sessions and attempts, write every scenario file; return specs."""
    from django.db import transaction

    from bench import subjects
    from bench.sessions import login_backend, session_for
    from courses.models import ModulePage
    from learning import services
    from people.models import User

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    backend = login_backend()
    urls = _module_urls()
    course_modules = _course_modules()
    users = {}

    def credentials(user_ids):
        missing = [pk for pk in user_ids if pk not in users]
        with transaction.atomic():
            for user in User.objects.filter(pk__in=missing):
                users[user.pk] = session_for(user, backend)
        return [users[pk] for pk in user_ids]

    # Small data sets have few learners: share them out between scenarios.
    population = User.objects.filter(username__regex=ASN_USERNAMES).count()
    readers = min(readers, population // 5)
    completions = min(completions, population * 2 // 5)
    quizzes = min(quizzes, population * 2 // 5)
    specs = {}

    # Readers: the same learners browse their module pages and dashboards.
    reader_ids = _sample_learners(readers, rng)
    done = _completed_modules(reader_ids)
    module_lines, dashboard_lines, bare_lines = [], [], []
    by_user = {}
    for user_id, course_id in _open_enrolments(reader_ids):
        by_user.setdefault(user_id, []).append(course_id)
    for creds in credentials([u for u in reader_ids if u in by_user]):
        course_id = rng.choice(by_user[creds.user.pk])
        modules = course_modules.get(course_id) or []
        if not modules:
            continue
        finished = done.get(creds.user.pk, set())
        module_id = next((m for m, _q in modules if m not in finished), modules[0][0])
        module_lines.append(_line("GET", urls[module_id], creds.cookie))
        dashboard_lines.append(_line("GET", "/belajar/", creds.cookie))
        bare_lines.append(_line("GET", subjects.bare_page().url, creds.cookie))
    bare_url = subjects.bare_page().url
    catalogue_url = subjects.catalogue().url
    specs["bare"] = {
        "label": "bare Wagtail page (reference, anonymous)",
        "file": _write(out_dir, "bare", [_line("GET", bare_url)]),
        "reference": None,
    }
    specs["catalogue"] = {
        "label": "catalogue (anonymous)",
        "file": _write(out_dir, "catalogue", [_line("GET", catalogue_url)]),
        "reference": "bare",
    }
    specs["bare_logged_in"] = {
        "label": "bare Wagtail page (reference, logged in)",
        "file": _write(out_dir, "bare_logged_in", bare_lines),
        "reference": None,
    }
    specs["module"] = {
        "label": "module page (logged in)",
        "file": _write(out_dir, "module", module_lines),
        "reference": "bare_logged_in",
    }
    specs["dashboard"] = {
        "label": "dashboard /belajar/ (logged in)",
        "file": _write(out_dir, "dashboard", dashboard_lines),
        "reference": "bare_logged_in",
    }

    # Mark complete: one POST per (learner, next module without a quiz).
    writer_ids = _sample_learners(completions, rng, exclude=reader_ids)
    done = _completed_modules(writer_ids)
    pairs, seen = [], set()
    for user_id, course_id in _open_enrolments(writer_ids):
        if user_id in seen:
            continue
        finished = done.get(user_id, set())
        target = next(
            (
                m
                for m, quiz in course_modules.get(course_id, [])
                if not quiz and m not in finished
            ),
            None,
        )
        if target:
            seen.add(user_id)
            pairs.append((user_id, target))
    complete_lines = []
    for creds, (_user_id, module_id) in zip(
        credentials([u for u, _m in pairs]), pairs, strict=True
    ):
        body = urlencode({"csrfmiddlewaretoken": creds.csrf})
        complete_lines.append(
            _line("POST", f"/belajar/modul/{module_id}/selesai/", creds.cookie, body)
        )
    warm = max(1, min(50, len(complete_lines) // 10), len(complete_lines) // 20)
    specs["complete_warmup"] = {
        "file": _write(out_dir, "complete_warmup", complete_lines[:warm]),
        "once": True,
    }
    specs["complete"] = {
        "label": "mark module complete (POST)",
        "file": _write(out_dir, "complete", complete_lines[warm:]),
        "once": True,
        "reference": "bare_logged_in",
        "warmup": "complete_warmup",
    }

    # Quiz submit: an attempt opened (by the service) for each learner, then
    # one POST with the answers, right for 7 in 10.
    quiz_ids = _sample_learners(quizzes, rng, exclude=set(reader_ids) | seen)
    quiz_modules = {
        course_id: next((m for m, quiz in modules if quiz), None)
        for course_id, modules in course_modules.items()
    }
    wanted = []
    chosen = set()
    for user_id, course_id in _open_enrolments(quiz_ids):
        module_id = quiz_modules.get(course_id)
        if module_id and user_id not in chosen:
            chosen.add(user_id)
            wanted.append((user_id, module_id))
    modules = {
        m.pk: m for m in ModulePage.objects.filter(pk__in={m for _u, m in wanted})
    }
    quiz_lines = []
    opened = []
    with transaction.atomic():  # one commit for all the attempts
        for creds, (_user_id, module_id) in zip(
            credentials([u for u, _m in wanted]), wanted, strict=True
        ):
            try:
                attempt, _created = services.start_attempt(
                    creds.user, modules[module_id]
                )
            except services.LearningError:
                continue  # no attempts left: skip this learner
            opened.append((creds, attempt))
    for creds, attempt in opened:
        fields = [("csrfmiddlewaretoken", creds.csrf), ("action", "submit")]
        fields += quiz_answers(attempt.snapshot, right=rng.random() < 0.7)
        quiz_lines.append(
            _line(
                "POST", f"/belajar/kuis/{attempt.pk}/", creds.cookie, urlencode(fields)
            )
        )
    warm = max(1, min(30, len(quiz_lines) // 10), len(quiz_lines) // 20)
    specs["quiz_warmup"] = {
        "file": _write(out_dir, "quiz_warmup", quiz_lines[:warm]),
        "once": True,
    }
    specs["quiz"] = {
        "label": "quiz submit (POST, graded)",
        "file": _write(out_dir, "quiz", quiz_lines[warm:]),
        "once": True,
        "reference": "bare_logged_in",
        "warmup": "quiz_warmup",
    }
    for spec in specs.values():
        with open(spec["file"]) as handle:
            spec["lines"] = sum(1 for _ in handle)
    # The administrator who opens the reports and their exports.
    specs["admin"] = {"cookie": session_for(subjects.admin_user(), backend).cookie}
    return specs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default="bench/.work")
    parser.add_argument("--readers", type=int, default=1000)
    parser.add_argument("--completions", type=int, default=6000)
    parser.add_argument("--quizzes", type=int, default=3000)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django

    django.setup()
    specs = prepare(
        args.out_dir,
        readers=args.readers,
        completions=args.completions,
        quizzes=args.quizzes,
    )
    path = Path(args.out_dir) / "scenarios.json"
    path.write_text(json.dumps(specs, indent=2) + "\n")
    print(json.dumps({n: s["lines"] for n, s in specs.items() if "lines" in s}))


if __name__ == "__main__":
    main()
