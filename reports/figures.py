"""The SQL behind every report figure.

Every figure is computed by the database. A report row's counts are
conditional aggregates (``Count(..., filter=Q(...))``) in the report's own
query. Figures that need two levels of aggregation or a median (quiz
scores, days to complete) and the questionnaire averages come from one
grouped query per page over the same scoped enrolments, keyed like the rows
(see ``reports.stats`` for the SQL around the ORM's inner query). Nothing
loops over learners in Python, so a page costs the same number of queries
whatever the number of rows behind it.

Report rows are groups of enrolments: by course (a query over enrolments),
or by instansi, unit kerja or person (a query over people, with their
enrolments LEFT JOINed so that people without any still count). The
``prefix`` argument is the path from the queried model to ``Enrolment``
("" or "enrolments__"); ``condition`` holds the filters on the enrolments
that cannot go in the WHERE clause of a query over people.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from learning.models import (
    RATING_FIELDS,
    Enrolment,
    JPLedgerEntry,
    ModuleFeedback,
    ModuleProgress,
    QuizAttempt,
)

SCORE = models.DecimalField(max_digits=6, decimal_places=2)
JP = models.DecimalField(max_digits=8, decimal_places=1)


class SubqueryAggregate(Subquery):
    """An aggregate (``AVG``, ``COUNT``, ``SUM``) over the single column ``v``
    of a correlated queryset, as one scalar subquery.

    Unlike ``Subquery(qs.annotate(Avg(...)))`` the inner query needs no
    GROUP BY of its own, so it can aggregate over a grouped inner query (a
    learner's best score per module, say).
    """

    template = "(SELECT %(function)s(_agg.v) FROM (%(subquery)s) _agg)"

    def __init__(self, queryset, function, output_field):
        self.function = function
        super().__init__(queryset.order_by(), output_field=output_field)

    def as_sql(self, compiler, connection, template=None, **extra_context):
        extra_context["function"] = self.function
        return super().as_sql(compiler, connection, template, **extra_context)

    def get_group_by_cols(self):
        # Correlated to columns the outer query already groups by (or used
        # inside an aggregate): grouping by the subquery itself would make
        # the database evaluate it once per input row.
        return []


def ratio(part, whole):
    """``part`` * 100 / ``whole`` as a float, NULL when ``whole`` is 0."""
    return Case(
        When(
            **{f"{whole}__gt": 0},
            then=Cast(F(part), FloatField()) * 100.0 / F(whole),
        ),
        default=None,
        output_field=FloatField(),
    )


def local_day_bounds(start=None, end=None):
    """Aware datetimes [start 00:00, end + 1 day 00:00) in the site's zone."""
    zone = timezone.get_current_timezone()
    lower = upper = None
    if start:
        lower = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    if end:
        upper = datetime.datetime.combine(
            end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
    return lower, upper


class DaysBetween(models.Func):
    """Days (a float) from one datetime to another, NULL if either is NULL."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        start, end = self.get_source_expressions()
        start_sql, start_params = compiler.compile(start)
        end_sql, end_params = compiler.compile(end)
        if connection.vendor == "postgresql":
            sql = f"(EXTRACT(EPOCH FROM ({end_sql} - {start_sql})) / 86400.0)"
        else:
            sql = f"(julianday({end_sql}) - julianday({start_sql}))"
        return sql, (*end_params, *start_params)


# Per enrolment -------------------------------------------------------------------


def enrolment_quiz_score(enrolment_ref="pk"):
    """A learner's quiz result in a course: the mean of their best submitted
    score on each quiz module they attempted (NULL without attempts)."""
    best_per_module = (
        QuizAttempt.objects.filter(
            enrolment_id=OuterRef(enrolment_ref), submitted_at__isnull=False
        )
        .values("module_id")
        .annotate(v=Max("score"))
        .values("v")
    )
    return SubqueryAggregate(best_per_module, "AVG", SCORE)


# Figures of a group of enrolments -------------------------------------------------


def enrolment_figures(prefix="", condition=None, *, today=None):
    """Counts of each row's enrolments: enrolled, assigned, started,
    completed and overdue (deadline passed, not completed)."""
    today = today or timezone.localdate()
    condition = condition if condition is not None else Q()
    p = prefix
    ref = f"{p}pk"

    def count(q=None):
        return Count(ref, filter=condition & q if q is not None else condition)

    done = Q(**{f"{p}completed_at__isnull": False})
    # Started: completed, or any module opened, or any quiz attempt begun.
    progress = ModuleProgress.objects.filter(enrolment_id=OuterRef(ref))
    attempts = QuizAttempt.objects.filter(enrolment_id=OuterRef(ref))
    return {
        "enrolled": count(),
        "assigned": count(Q(**{f"{p}source": Enrolment.Source.ASSIGNMENT})),
        "started": count(done | Q(Exists(progress)) | Q(Exists(attempts))),
        "completed": count(done),
        "overdue": count(
            Q(**{f"{p}deadline__lt": today, f"{p}completed_at__isnull": True})
        ),
    }


def with_rates(queryset):
    """Add the completion rate (completed / enrolled, in %)."""
    return queryset.annotate(completion_rate=ratio("completed", "enrolled"))


def _in_groups(queryset, keys):
    """Only the rows whose ``grp`` is one of ``keys`` (None: all rows)."""
    if keys is None:
        return queryset
    keys = list(keys)
    q = Q(grp__in=[key for key in keys if key is not None])
    if None in keys:
        q |= Q(grp__isnull=True)
    return queryset.filter(q)


EMPTY_OUTCOMES = {
    "quiz_avg": None,
    "quiz_median": None,
    "days_median": None,
    "feedback_count": 0,
    **{f"avg_{field}": None for field in RATING_FIELDS},
}


def enrolment_outcomes(
    enrolments, key, keys=None, *, feedback=True, days=True, quiz=True
):
    """Quiz scores, days to complete and questionnaire averages per row.

    ``enrolments``: the scoped, filtered Enrolment queryset the rows count.
    ``key(prefix)``: the expression that gives a row's key, seen from the
    model at ``prefix`` (e.g. ``F(prefix + "course_id")``). ``keys``: the
    keys of the rows shown (a page, an export chunk). Returns
    ``{key: figures}``; one query for each of ``quiz``, ``days`` and
    ``feedback`` asked for.

    A learner's quiz score in a course is the mean of their best submitted
    score on each quiz module; a row's figures are the mean and median of
    those scores over its enrolments.
    """
    from . import stats

    if keys is not None and not keys:
        return {}
    chosen = enrolments.values("pk")
    best_scores = (
        _in_groups(
            QuizAttempt.objects.filter(enrolment__in=chosen, submitted_at__isnull=False)
            .annotate(grp=key("enrolment__"))
            .order_by(),
            keys,
        )
        .values("grp", "module_id", unit=F("enrolment_id"))
        .annotate(v=Max("score"))
    )
    durations = _in_groups(
        Enrolment.objects.filter(pk__in=chosen, completed_at__isnull=False)
        .annotate(grp=key(""), v=DaysBetween(F("enrolled_at"), F("completed_at")))
        .order_by(),
        keys,
    ).values("grp", "v")
    outcomes = {}
    if quiz:
        scores = stats.average_and_median_of_units(best_scores)
        for grp, (average, median, _count) in scores.items():
            outcomes.setdefault(grp, dict(EMPTY_OUTCOMES)).update(
                quiz_avg=average, quiz_median=median
            )
    if days:
        for grp, (_average, median, _n) in stats.average_and_median(durations).items():
            outcomes.setdefault(grp, dict(EMPTY_OUTCOMES))["days_median"] = median
    if feedback:
        ratings = _in_groups(
            ModuleFeedback.objects.filter(enrolment__in=chosen)
            .annotate(grp=key("enrolment__"))
            .order_by(),
            keys,
        ).values("grp")
        for row in ratings.annotate(feedback_count=Count("pk"), **rating_averages()):
            outcomes.setdefault(row.pop("grp"), dict(EMPTY_OUTCOMES)).update(row)
    return outcomes


def add_outcomes(rows, outcomes, key_of):
    """Merge :func:`enrolment_outcomes` into report rows (dicts) by key."""
    for row in rows:
        row.update(outcomes.get(key_of(row), EMPTY_OUTCOMES))
    return rows


# Questionnaires -------------------------------------------------------------------


def rating_distribution(prefix=""):
    """How many gave each rating 1..5, per dimension: ``dist_<field>_<n>``."""
    return {
        f"dist_{field}_{n}": Count("pk", filter=Q(**{f"{prefix}{field}": n}))
        for field in RATING_FIELDS
        for n in range(1, 6)
    }


def rating_averages(prefix=""):
    """Average of each dimension: ``avg_<field>``."""
    return {
        f"avg_{field}": models.Avg(f"{prefix}{field}", output_field=FloatField())
        for field in RATING_FIELDS
    }


# JP ----------------------------------------------------------------------------


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def jp_of_year(year, path=None, user_ref="pk"):
    """JP a person earned in ``year`` (on one path, if given); 0 if none."""
    entries = JPLedgerEntry.objects.filter(
        user_id=OuterRef(user_ref), earned_on__range=year_bounds(year)
    )
    if path:
        entries = entries.filter(path=path)
    total = SubqueryAggregate(entries.values(v=F("jp")), "SUM", JP)
    return Coalesce(total, Value(Decimal("0")), output_field=JP)


def minimum_jp_expression(prefix=""):
    """Each person's yearly minimum, from ``settings.LMS_JP_MINIMUM``.

    The rule of ``learning.ledger.minimum_jp`` in SQL: by employment status,
    the PNS minimum when the status is blank or unknown.
    """
    minimums = settings.LMS_JP_MINIMUM
    return Case(
        *[
            When(**{f"{prefix}employment_status": status}, then=Value(jp))
            for status, jp in minimums.items()
            if status != "PNS"
        ],
        default=Value(minimums["PNS"]),
        output_field=IntegerField(),
    )


def with_jp(people, year):
    """People with ``jp_total``, ``jp_klasikal``, ``jp_nonklasikal``,
    ``jp_minimum`` and ``jp_reached`` for one calendar year."""
    return people.annotate(
        jp_total=jp_of_year(year),
        jp_klasikal=jp_of_year(year, JPLedgerEntry.Path.KLASIKAL),
        jp_nonklasikal=jp_of_year(year, JPLedgerEntry.Path.NONKLASIKAL),
        jp_minimum=minimum_jp_expression(),
    ).annotate(
        jp_reached=Case(
            When(jp_total__gte=F("jp_minimum"), then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        )
    )


def jp_sums(year):
    """Each person's JP of ``year`` (total and per path) through a join on
    the ledger: for a people query with no other multi-valued join."""
    in_year = Q(jp_entries__earned_on__range=year_bounds(year))

    def total(q=None):
        return Coalesce(
            Sum("jp_entries__jp", filter=in_year & q if q is not None else in_year),
            Value(Decimal("0")),
            output_field=JP,
        )

    return {
        "jp_total": total(),
        "jp_klasikal": total(Q(jp_entries__path=JPLedgerEntry.Path.KLASIKAL)),
        "jp_nonklasikal": total(Q(jp_entries__path=JPLedgerEntry.Path.NONKLASIKAL)),
    }


def with_jp_sums(people, year):
    """Like :func:`with_jp`, with one grouped join instead of a subquery per
    person: the form for listings over many people."""
    return people.annotate(
        **jp_sums(year), jp_minimum=minimum_jp_expression()
    ).annotate(
        jp_reached=Case(
            When(jp_total__gte=F("jp_minimum"), then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        )
    )


def jp_compliance(people, year, key=None):
    """{key: (people, at or above the minimum, JP)} for ``people`` grouped
    by ``key`` (an expression on User; all in one group if None)."""
    from . import stats

    per_person = (
        people.order_by()
        .annotate(grp=key if key is not None else Value(1))
        .values("pk", "grp")
        .annotate(total=jp_sums(year)["jp_total"], minimum=minimum_jp_expression())
    )
    return stats.jp_compliance(per_person)


def shortfall():
    """JP still missing to reach the minimum (0 once reached); needs
    :func:`with_jp` annotations."""
    return Case(
        When(jp_reached=True, then=Value(Decimal("0"))),
        default=Cast(F("jp_minimum"), JP) - F("jp_total"),
        output_field=JP,
    )


def count_of(queryset):
    """COUNT(*) of a correlated queryset, 0 when it is empty."""
    return Coalesce(
        SubqueryAggregate(queryset.values(v=Value(1)), "COUNT", IntegerField()), 0
    )
