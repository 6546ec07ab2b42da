"""The SQL behind every report figure.

Every figure is an expression the database computes in the report's one
query: conditional counts (``Count(..., filter=Q(...))``) over a join, and
per-enrolment scalar subqueries inside aggregates. Nothing loops over
learners in Python, so a report page costs the same number of queries
whatever the number of rows behind it.

Report rows are groups of enrolments: by course (a query over enrolments),
or by instansi, unit kerja or person (a query over people, with their
enrolments LEFT JOINed so that people without any still count). The
``prefix`` argument is the path from the queried model to ``Enrolment``
("" or "enrolments__"); ``condition`` holds the filters on the enrolments
that cannot go in the WHERE clause of a query over people.

Medians: on PostgreSQL, ``percentile_cont(0.5) WITHIN GROUP (ORDER BY ...)``
as an ordinary aggregate of the grouped query. SQLite has no percentile
function and refuses correlated columns in ``LIMIT``/``OFFSET``, so there
the median is a correlated subquery that ranks the group's values with
window functions (``ROW_NUMBER`` and ``COUNT(*) OVER ()``) and averages the
one or two middle rows. Both are SQL; no values are fetched into Python.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import connection, models
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
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber
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


class SubqueryMedian(SubqueryAggregate):
    """The median of column ``v`` of a correlated queryset (NULLs left out),
    with window functions: the SQLite form of :func:`median`."""

    template = (
        "(SELECT AVG(_med.v) FROM (%(subquery)s) _med "
        "WHERE _med.rn IN ((_med.n + 1) / 2, (_med.n + 2) / 2))"
    )

    def __init__(self, queryset, output_field):
        ranked = (
            queryset.filter(v__isnull=False)
            .order_by()
            .annotate(
                rn=Window(RowNumber(), order_by=F("v").asc()),
                n=Window(Count("*")),
            )
            .values("v", "rn", "n")
        )
        super().__init__(ranked, "AVG", output_field=output_field)


class PercentileCont(models.Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY x)``."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def median(expression, *, condition, fallback_rows):
    """The median of ``expression`` over the group's rows matching ``condition``.

    ``fallback_rows`` is the same set as a correlated queryset annotated with
    ``v``; it is only used where ``percentile_cont`` does not exist (SQLite).
    """
    if connection.vendor == "postgresql":
        return PercentileCont(expression, filter=condition)
    return SubqueryMedian(fallback_rows, FloatField())


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


def enrolment_feedback(field, enrolment_ref="pk"):
    """SUM of one rating (or, with ``field=None``, the number of
    questionnaires) over one enrolment's questionnaires."""
    rows = ModuleFeedback.objects.filter(enrolment_id=OuterRef(enrolment_ref))
    if field is None:
        return SubqueryAggregate(rows.values(v=Value(1)), "COUNT", IntegerField())
    return SubqueryAggregate(rows.values(v=F(field)), "SUM", IntegerField())


# Figures of a group of enrolments -------------------------------------------------


def enrolment_figures(
    prefix="", condition=None, *, medians_of=None, feedback=True, today=None
):
    """Completion, quiz, questionnaire and time figures of each row's enrolments.

    ``medians_of``: the row's enrolments as a correlated Enrolment queryset
    (for SQLite's median); leave it out to skip the medians. ``feedback``:
    False leaves out the questionnaire sums (a person's own ratings are not
    shown in reports).
    """
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
    figures = {
        "enrolled": count(),
        "assigned": count(Q(**{f"{p}source": Enrolment.Source.ASSIGNMENT})),
        "started": count(done | Q(Exists(progress)) | Q(Exists(attempts))),
        "completed": count(done),
        "overdue": count(
            Q(**{f"{p}deadline__lt": today, f"{p}completed_at__isnull": True})
        ),
        "quiz_avg": models.Avg(
            enrolment_quiz_score(ref), filter=condition, output_field=FloatField()
        ),
    }
    if feedback:
        figures["feedback_count"] = Sum(enrolment_feedback(None, ref), filter=condition)
        for field in RATING_FIELDS:
            figures[f"sum_{field}"] = Sum(
                enrolment_feedback(field, ref), filter=condition
            )
    if medians_of is not None:
        figures["quiz_median"] = median(
            enrolment_quiz_score(ref),
            condition=condition,
            fallback_rows=medians_of.annotate(v=enrolment_quiz_score()),
        )
        figures["days_median"] = median(
            DaysBetween(F(f"{p}enrolled_at"), F(f"{p}completed_at")),
            condition=condition & done,
            fallback_rows=medians_of.filter(completed_at__isnull=False).annotate(
                v=DaysBetween(F("enrolled_at"), F("completed_at"))
            ),
        )
    return figures


def with_rates(queryset, feedback=True):
    """Completion rate (%) and the questionnaire averages from the sums."""
    if not feedback:
        return queryset.annotate(completion_rate=ratio("completed", "enrolled"))
    averages = {
        f"avg_{field}": Case(
            When(
                feedback_count__gt=0,
                then=Cast(F(f"sum_{field}"), FloatField()) / F("feedback_count"),
            ),
            default=None,
            output_field=FloatField(),
        )
        for field in RATING_FIELDS
    }
    return queryset.annotate(completion_rate=ratio("completed", "enrolled"), **averages)


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


def jp_compliance(year):
    """Aggregates over people for one year: headcount, at/above minimum, JP.

    Used on a grouped people queryset (``values(...)``); the per-person JP is
    a subquery inside each aggregate.
    """
    total = jp_of_year(year)
    reached = Q(jp_reached=True)
    return {
        "people": Count("pk"),
        "reached": Count("pk", filter=reached),
        "jp_sum": Sum(total, output_field=JP),
    }


def shortfall():
    """JP still missing to reach the minimum (0 once reached); needs
    :func:`with_jp` annotations."""
    return Case(
        When(jp_reached=True, then=Value(Decimal("0"))),
        default=Cast(F("jp_minimum"), JP) - F("jp_total"),
        output_field=JP,
    )


class CorrelatedSubquery(Subquery):
    """A Subquery correlated only to columns the outer query groups by: keep
    it out of GROUP BY, where it would run once per input row."""

    def get_group_by_cols(self):
        return []


def count_of(queryset):
    """COUNT(*) of a correlated queryset, 0 when it is empty."""
    return Coalesce(
        SubqueryAggregate(queryset.values(v=Value(1)), "COUNT", IntegerField()), 0
    )
