"""Random payloads at every learner write endpoint: never a server error,
never a row for someone else, never a row from a request naming nothing.

Hypothesis throws ids (real ones, someone else's, random and huge numbers),
strings (any Unicode, NUL included), lists and missing fields at the
endpoints as the logged-in learner Siti. After each request:

- the answer is not a 5xx;
- nobody else's learner records changed;
- a request whose id names no object of its kind wrote no row at all;
- every saved quiz answer belongs to a question of its attempt.
"""

import json
import string
import uuid
from collections import Counter

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning.models import (
    Enrolment,
    JPLedgerEntry,
    ModuleFeedback,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
    WebinarRegistration,
)

RECORDS = (
    Enrolment,
    ModuleProgress,
    QuizAttempt,
    ModuleFeedback,
    WebinarRegistration,
    JPLedgerEntry,
)

# (URL template, the kind of object its id names, method)
ENDPOINTS = [
    ("/belajar/kursus/{id}/ikuti/", "course", "post"),
    ("/belajar/modul/{id}/selesai/", "module", "post"),
    ("/belajar/modul/{id}/kuis/mulai/", "module", "post"),
    ("/belajar/modul/{id}/kuesioner/", "module", "post"),
    ("/belajar/modul/{id}/kuis/offline/", "module", "post"),
    ("/belajar/kuis/{id}/", "attempt", "post"),
    ("/belajar/kuis/{id}/simpan/", "attempt", "post"),
    ("/belajar/webinar/{id}/daftar/", "webinar", "post"),
    ("/belajar/webinar/{id}/batal/", "webinar", "post"),
    ("/belajar/webinar/{id}/hadir/", "webinar", "post"),
]

FIELD_NAMES = [
    "action",
    "code",
    "comment",
    "client_id",
    "rating_material",
    "rating_delivery",
    "rating_practical",
    "rating_overall",
    "q-q-single",
    "q-q-multi",
    "q-q-tf",
    "q-q-text",
    "q-",
    "user",
    "attempt",
]
# Any character a browser can send (no lone surrogates), NUL included.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(
    ["", "o-s2", "o-m1", "true", "false", "submit", "save", "9" * 40, "-1", "0"]
    + ["a\x00b", "\x00", "<script>x</script>", "\u202e", "٣", "🙂" * 10]
)
VALUES = TEXT | st.lists(TEXT, min_size=1, max_size=3) | st.integers().map(str)
RATINGS = {
    "rating_material": "4",
    "rating_delivery": "3",
    "rating_practical": "5",
    "rating_overall": "4",
}
# Random fields on top of a form that is otherwise valid, so the odd value
# reaches the database rather than being refused at the first check.
BASES = st.sampled_from(
    [{}, RATINGS, {"action": "save"}, {"action": "submit"}, {"code": "000000"}]
)
FORMS = st.builds(
    lambda base, extra: {**base, **extra},
    BASES,
    st.dictionaries(
        st.sampled_from(FIELD_NAMES)
        | st.text(string.ascii_letters + "-_", max_size=12),
        VALUES,
        max_size=6,
    ),
)


def record_counts():
    """Rows per (model, user) of every learner table, and the answers."""
    counts = Counter()
    for model in RECORDS:
        for user_id in model.objects.values_list("user_id", flat=True):
            counts[(model.__name__, user_id)] += 1
    for user_id in QuizAnswer.objects.values_list("attempt__user_id", flat=True):
        counts[("QuizAnswer", user_id)] += 1
    return counts


def real_ids(world):
    return {
        "course": [world.course.pk, world.done_course.pk, world.draft.pk],
        "module": [world.plain_module.pk, world.quiz_module.pk],
        "attempt": [world.attempt.pk, world.submitted_attempt.pk],
        "webinar": [world.webinar.pk],
    }


def answers_match_their_attempts(user):
    for attempt in QuizAttempt.objects.filter(user=user):
        known = {q["id"] for q in attempt.snapshot["questions"]}
        saved = set(attempt.answers.values_list("question_id", flat=True))
        assert saved <= known, (attempt.pk, saved - known)


def check(world, before, response, named_real_object):
    assert response.status_code < 500, response.content[:500]
    after = record_counts()
    siti = world.users["learner"].pk
    changed = {key for key in set(before) | set(after) if before[key] != after[key]}
    others = {key for key in changed if key[1] != siti}
    assert not others, f"records of other people changed: {others}"
    if not named_real_object:
        assert not changed, f"rows written for an id that names nothing: {changed}"
    answers_match_their_attempts(world.users["learner"])


@pytest.fixture
def learner_client(world):
    client = Client()
    client.force_login(world.users["learner"])
    # Someone else's open attempt, to be tried by id.
    from learning import services

    yohanes = world.users["other_learner"]
    services.enrol(yohanes, world.course)
    other_attempt, _ = services.start_attempt(yohanes, world.quiz_module)
    world.other_attempt = other_attempt
    return client


FUZZ_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FUZZ_SETTINGS
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    choice=st.integers(min_value=0, max_value=9),
    random_id=st.integers(min_value=0, max_value=2**70),
    form=FORMS,
)
def test_random_forms_at_the_learner_endpoints(
    world, learner_client, endpoint, choice, random_id, form
):
    template, kind, method = endpoint
    ids = real_ids(world)
    candidates = [*ids[kind], world.other_attempt.pk]
    object_id = candidates[choice] if choice < len(candidates) else random_id
    named_real_object = object_id in ids[kind]
    before = record_counts()
    response = getattr(learner_client, method)(template.format(id=object_id), form)
    check(world, before, response, named_real_object)


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | TEXT
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def sync_items(draw, world):
    ids = real_ids(world)
    item = {
        "kind": draw(st.sampled_from(["complete", "quiz", "feedback", "x"]) | TEXT),
        "client_id": draw(st.uuids().map(str) | TEXT | st.integers() | st.none()),
        "module": draw(
            st.sampled_from(ids["module"])
            | st.integers(min_value=-5, max_value=2**70)
            | TEXT
        ),
    }
    if draw(st.booleans()):
        item["answers"] = draw(
            st.dictionaries(
                st.sampled_from(["q-single", "q-tf", "q-multi", "q-x"]) | TEXT,
                TEXT | st.lists(TEXT, max_size=3) | JSON_VALUES,
                max_size=4,
            )
            | JSON_VALUES
        )
    if draw(st.booleans()):
        item["ratings"] = draw(
            st.dictionaries(
                st.sampled_from(
                    [
                        "rating_material",
                        "rating_delivery",
                        "rating_practical",
                        "rating_overall",
                    ]
                ),
                JSON_VALUES,
                max_size=4,
            )
            | JSON_VALUES
        )
    if draw(st.booleans()):
        item["comment"] = draw(JSON_VALUES)
    return item


@FUZZ_SETTINGS
@given(data=st.data())
def test_random_offline_queues_at_the_sync_endpoint(world, learner_client, data):
    body = data.draw(
        st.one_of(
            st.lists(sync_items(world), max_size=4).map(
                lambda items: json.dumps({"items": items})
            ),
            JSON_VALUES.map(json.dumps),
            st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
        )
    )
    before = record_counts()
    response = learner_client.post(
        "/belajar/sync/", body, content_type="application/json"
    )
    # Queued items name modules by id; only the learner's rows may appear.
    check(world, before, response, named_real_object=True)
    if response.status_code == 200:
        results = response.json()["results"]
        assert all(r["status"] in ("ok", "refused") for r in results)


def test_the_fuzzers_reach_valid_requests_too(world, learner_client):
    """The strategies include requests that do write, so "no rows" above is
    not true merely because every request was refused."""
    before = record_counts()
    response = learner_client.post(
        "/belajar/sync/",
        json.dumps(
            {
                "items": [
                    {
                        "kind": "complete",
                        "client_id": str(uuid.uuid4()),
                        "module": world.plain_module.pk,
                    }
                ]
            }
        ),
        content_type="application/json",
    )
    assert response.json()["results"][0]["status"] == "ok"
    assert record_counts() != before
