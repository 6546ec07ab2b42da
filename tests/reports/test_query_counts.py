"""Each report page costs the same number of queries for small and large data."""

import datetime

import pytest
from django.utils import timezone

from learning import services
from people.models import UnitKerja, User
from tests import builders
from tests.reports.conftest import EIGHTY, take_quiz
from tests.reports.helpers import REPORTS, count_queries

PAGES = {
    "courses": REPORTS + "completion/courses/",
    "organisation": REPORTS + "completion/organisation/",
    "organisation_people": REPORTS + "completion/organisation/?people=1",
    "jp": REPORTS + "jp/?compliance=all",
    "feedback": REPORTS + "feedback/",
    "feedback_modules": REPORTS + "feedback/?group_by=module",
    "feedback_trainers": REPORTS + "feedback/?group_by=trainer",
    "comments": REPORTS + "feedback/comments/",
    "quiz_items": REPORTS + "quiz-items/",
    "learners": REPORTS + "learners/",
    "assign": REPORTS + "assign/?report=jp",
    "team": "/tim/",
    "home": "/admin/",
}


def grow(records, size):
    """``size`` more learners in three units, each enrolled in both courses
    and in a new course, with quiz attempts, questionnaires and JP."""
    units = list(
        UnitKerja.objects.filter(
            code__in=["ntt-dinkes-yankes", "ntt-bkd-mutasi", "ntt-dikbud"]
        )
    )
    course_c = builders.course(2, quiz_in=(0,), title=f"Kursus C{size}")
    module_a1 = records["modules_a"][0]
    module_c1 = builders.modules_of(course_c)[0]
    now = timezone.now() - datetime.timedelta(days=1)
    for index in range(size):
        unit = units[index % len(units)]
        person = User.objects.create(
            username=f"grow{size}-{index}",
            full_name=f"Peserta {size} {index}",
            employment_status="PPPK" if index % 2 else "PNS",
            instansi=unit.instansi,
            unit_kerja=unit,
        )
        for course in (records["course_a"], records["course_b"], course_c):
            services.enrol(person, course, now=now)
        take_quiz(person, module_a1, EIGHTY, now)
        take_quiz(person, module_c1, EIGHTY, now)
        services.give_feedback(
            person,
            module_a1,
            dict.fromkeys(
                (
                    "rating_material",
                    "rating_delivery",
                    "rating_practical",
                    "rating_overall",
                ),
                1 + index % 5,
            ),
            f"Komentar {index}",
            now=now,
        )


def measure(client, url):
    count, _context = count_queries(client, url)
    return count


@pytest.mark.parametrize("name", sorted(PAGES))
def test_report_pages_cost_the_same_for_small_and_large_data(client, records, name):
    client.force_login(records["adminntt"])
    url = PAGES[name]
    small = measure(client, url)
    grow(records, 12)
    large = measure(client, url)
    assert small == large, (name, small, large)


def test_learner_record_costs_the_same_for_a_long_history(client, records):
    client.force_login(records["adminntt"])
    siti = records["siti"]
    url = REPORTS + f"learners/{siti.pk}/"
    small = measure(client, url)
    for number in range(3):
        course = builders.course(2, quiz_in=(0,))
        services.enrol(siti, course)
        take_quiz(siti, builders.modules_of(course)[0], EIGHTY, timezone.now())
        assert number >= 0
    large = measure(client, url)
    assert small == large


# Pinned so that a new query on a report page is a deliberate change.
#
# Every admin report page starts with the same 6: session, user, the user's
# group and own permissions (Wagtail's menu), the Wagtail user profile, and
# the role check (the user's group names, once). It ends with Wagtail's
# furniture and the filter drawer: locales, group page and collection
# permissions (menu), and the filter choices: instansi, unit kerja, course
# (3). "+ instansi" below is the drill root's instansi.
ADMIN = 6 + 3 + 3
PINNED = {
    # + row count, rows, totals, then for the rows shown: quiz scores, days
    # to complete, questionnaire averages (3).
    "courses": ADMIN + 3 + 3,
    # + instansi, row count, rows, totals, the three per-row figures, unit
    # names.
    "organisation": ADMIN + 4 + 3 + 1,
    # + instansi, row count, rows, totals, quiz scores (days and ratings are
    # not shown per person).
    "organisation_people": ADMIN + 4 + 1,
    # + instansi, row count, rows, compliance per unit, unit names, totals;
    # no course filter on this report (- 1).
    "jp": ADMIN + 6 - 1,
    # + row count, rows, totals with distributions, newest comments.
    "feedback": ADMIN + 4,
    "feedback_modules": ADMIN + 4,
    "feedback_trainers": ADMIN + 4,
    # + row count, rows.
    "comments": ADMIN + 2,
    # + row count, rows, totals, then for the rows shown: question texts
    # (module bodies) and the most chosen wrong answers.
    "quiz_items": ADMIN + 3 + 2,
    # + row count, rows, course counts and JP of the rows shown; no course
    # filter on this report (- 1).
    "learners": ADMIN + 3 - 1,
    # The 6, instansi, people count, locales, menu permissions (2) and the
    # course choices of the form.
    "assign": 12,
    # Session, user, groups; people count, the page's people, their course
    # counts and JP, their enrolments; then the site header's permissions
    # and profile (4).
    "team": 11,
    # The 6, Wagtail's own panels and menu (9), and ours: active learners,
    # completion, JP compliance, upcoming webinars.
    "home": 19,
    # The 6, the person, JP sums and entries (2), enrolments, attempts,
    # questionnaires, certificates, locales, menu permissions (2).
    "learner_record": 16,
}


def test_pinned_query_counts(client, records):
    client.force_login(records["adminntt"])
    counts = {name: measure(client, url) for name, url in PAGES.items()}
    counts["learner_record"] = measure(
        client, REPORTS + f"learners/{records['siti'].pk}/"
    )
    assert counts == PINNED, repr(counts)
