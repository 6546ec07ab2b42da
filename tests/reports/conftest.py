"""Learner records with known figures, written through learning.services.

Two courses; every expected figure in the report tests is worked out by
hand from what happens here.

Course A (3 modules, the first with the four-question quiz):
- siti: quiz 100 %, modules 2 and 3 done: completed 2 days after enrolling;
  questionnaires on module 1 (5, 4, 5, 5, comment) and module 2 (3, 4, 4, 3);
- yohanes: quiz 80 % (passed, module 1 done), nothing else; questionnaire
  on module 1 (4, 4, 4, 4);
- rina: assigned with a deadline yesterday, never opened: overdue;
- agustinus (Jayapura): quiz 40 % (failed).

Course B (2 modules, no quiz):
- siti: completed 4 days after enrolling;
- kabid: completed 1 day after enrolling;
- yohanes: enrolled, nothing else.
"""

import datetime

import pytest
from django.utils import timezone

from learning import services
from tests import builders
from tests.builders import RIGHT_ANSWERS, WRONG_ANSWERS

# Right except the typed answer: 1 + 2 + 1 + 0 of 5 points.
EIGHTY = {**RIGHT_ANSWERS, "q-text": "jam pelatihan"}
# Only the multiple choice right: 2 of 5 points.
FORTY = {**WRONG_ANSWERS, "q-multi": ["o-m1", "o-m3"]}


def start_time():
    """Ten days ago, or just after New Year, so that everything is this year."""
    now = timezone.now()
    new_year = datetime.datetime(
        timezone.localdate().year, 1, 1, 1, tzinfo=timezone.get_current_timezone()
    )
    return max(now - datetime.timedelta(days=10), new_year)


def take_quiz(user, module, answers, now):
    attempt, _created = services.start_attempt(user, module, now=now)
    return services.submit_attempt(user, attempt.pk, answers, now=now)


@pytest.fixture
def records(demo_people):
    people = demo_people
    t0 = start_time()
    day = datetime.timedelta(days=1)
    course_a = builders.course(3, quiz_in=(0,), title="Kursus A")
    course_b = builders.course(2, title="Kursus B")
    a1, a2, a3 = builders.modules_of(course_a)
    b1, b2 = builders.modules_of(course_b)

    siti, yohanes, rina = people["siti"], people["yohanes"], people["rina"]
    agustinus, kabid = people["agustinus"], people["kabid"]

    services.enrol(siti, course_a, now=t0)
    take_quiz(siti, a1, RIGHT_ANSWERS, t0 + day / 4)
    services.give_feedback(
        siti,
        a1,
        {
            "rating_material": 5,
            "rating_delivery": 4,
            "rating_practical": 5,
            "rating_overall": 5,
        },
        "Contoh <b>kasus</b> sangat membantu",
        now=t0 + day / 2,
    )
    services.complete_module(siti, a2, now=t0 + day)
    services.give_feedback(
        siti,
        a2,
        {
            "rating_material": 3,
            "rating_delivery": 4,
            "rating_practical": 4,
            "rating_overall": 3,
        },
        now=t0 + day,
    )
    services.complete_module(siti, a3, now=t0 + 2 * day)

    services.enrol(yohanes, course_a, now=t0)
    take_quiz(yohanes, a1, EIGHTY, t0 + day)
    services.give_feedback(
        yohanes,
        a1,
        dict.fromkeys(
            (
                "rating_material",
                "rating_delivery",
                "rating_practical",
                "rating_overall",
            ),
            4,
        ),
        now=t0 + day,
    )

    services.assign(
        course_a,
        type(rina).objects.filter(pk=rina.pk),
        assigned_by=people["adminntt"],
        reason="Wajib",
        target="people",
        deadline=timezone.localdate() - day,
        now=t0,
    )

    services.enrol(agustinus, course_a, now=t0)
    take_quiz(agustinus, a1, FORTY, t0 + day)

    services.enrol(siti, course_b, now=t0)
    services.complete_module(siti, b1, now=t0 + day)
    services.complete_module(siti, b2, now=t0 + 4 * day)
    services.enrol(kabid, course_b, now=t0)
    services.complete_module(kabid, b1, now=t0 + day / 2)
    services.complete_module(kabid, b2, now=t0 + day)
    services.enrol(yohanes, course_b, now=t0)

    return {
        **people,
        "course_a": course_a,
        "course_b": course_b,
        "modules_a": (a1, a2, a3),
        "t0": t0,
    }
