"""Grouped statistics over a derived table: averages and medians per row key.

Some figures need two levels of aggregation (a learner's best score per
module, then the mean per learner, then the mean and median per course or
unit). The ORM cannot aggregate over an aggregated subquery, and doing it
with a correlated subquery per enrolment costs one index probe per
enrolment and per figure (seconds at 100,000 enrolments). Here the inner
query is still built by the ORM (so the scope and the filters are the very
same Q objects, passed as parameters), and a few lines of SQL around it
group it once:

    SELECT grp, AVG(v), <median of v>, COUNT(v) FROM (<inner>) GROUP BY grp

The median uses window functions, ``ROW_NUMBER() OVER (PARTITION BY grp
ORDER BY v)`` and ``COUNT(*) OVER (PARTITION BY grp)``, averaging the one or
two middle rows: the same SQL on PostgreSQL and SQLite (3.25+), in one pass,
without fetching any learner's value into Python. (PostgreSQL's
``percentile_cont`` gives the same number; one portable form keeps both
databases on one tested code path.)

Every inner queryset must select the columns the wrapper names: ``grp`` and
``v`` (and ``unit`` for the two-level form).
"""

from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection


def _sql(queryset):
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. "pk IN ()": nothing to group
        return None, []
    return sql, list(params)


def _wrap(template, inner):
    return None if inner is None else template.replace("{inner}", inner)


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _fetch(sql, params):
    if sql is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


MEDIAN_SQL = """
SELECT ranked.grp, AVG(ranked.v),
       AVG(CASE WHEN ranked.rn IN ((ranked.n + 1) / 2, (ranked.n + 2) / 2)
                THEN ranked.v END),
       COUNT(ranked.v)
FROM (
    SELECT vals.grp AS grp, vals.v AS v,
           ROW_NUMBER() OVER (PARTITION BY vals.grp ORDER BY vals.v) AS rn,
           COUNT(*) OVER (PARTITION BY vals.grp) AS n
    FROM ({inner}) vals
    WHERE vals.v IS NOT NULL
) ranked
GROUP BY ranked.grp
"""

PER_UNIT_SQL = """
SELECT per_unit.grp AS grp, AVG(per_unit.v) AS v
FROM ({inner}) per_unit
GROUP BY per_unit.grp, per_unit.unit
"""


def average_and_median(queryset):
    """{grp: (average, median, count)} of column ``v`` per ``grp``."""
    inner, params = _sql(queryset)
    return {
        grp: (_number(average), _number(median), count)
        for grp, average, median, count in _fetch(_wrap(MEDIAN_SQL, inner), params)
    }


def average_and_median_of_units(queryset):
    """Like :func:`average_and_median`, after first averaging ``v`` within
    each ``unit`` (e.g. each enrolment's modules) of a ``grp``."""
    inner, params = _sql(queryset)
    per_unit = _wrap(PER_UNIT_SQL, inner)
    return {
        grp: (_number(average), _number(median), count)
        for grp, average, median, count in _fetch(_wrap(MEDIAN_SQL, per_unit), params)
    }


COMPLIANCE_SQL = """
SELECT people.grp,
       COUNT(*),
       SUM(CASE WHEN people.total >= people.minimum THEN 1 ELSE 0 END),
       SUM(people.total)
FROM ({inner}) people
GROUP BY people.grp
"""


def jp_compliance(queryset):
    """{grp: (people, at or above the minimum, JP)} from a per-person
    queryset selecting ``grp``, ``total`` and ``minimum``."""
    inner, params = _sql(queryset)
    return {
        grp: (people, reached or 0, _number(total) or 0)
        for grp, people, reached, total in _fetch(_wrap(COMPLIANCE_SQL, inner), params)
    }


TOP_SQL = """
SELECT ranked.module_id, ranked.question_id, ranked.value, ranked.times
FROM (
    SELECT answers.module_id AS module_id, answers.question_id AS question_id,
           answers.value AS value, answers.times AS times,
           ROW_NUMBER() OVER (
               PARTITION BY answers.module_id, answers.question_id
               ORDER BY answers.times DESC, answers.value
           ) AS rn
    FROM ({inner}) answers
) ranked
WHERE ranked.rn = 1
"""


def most_frequent_answers(queryset):
    """{(module id, question id): (value, times)}: the most frequent answer
    value per question, from a queryset selecting ``module_id``,
    ``question_id``, ``value`` (JSON) and ``times``."""
    from django.db.models import JSONField

    decode = JSONField().from_db_value
    inner, params = _sql(queryset)
    return {
        (module_id, question_id): (decode(value, None, connection), times)
        for module_id, question_id, value, times in _fetch(
            _wrap(TOP_SQL, inner), params
        )
    }
