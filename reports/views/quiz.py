"""Quiz item analysis: how each question performs across learners.

A question answered correctly by more than ``TOO_EASY`` % of learners
teaches little; below ``TOO_HARD`` % it is probably unclear or mis-keyed.
Both are flagged once a question has ``MIN_ANSWERS`` answers, since a
handful of answers says little about a question.
"""

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    Q,
    Value,
    When,
)
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.blocks import QUESTION_BLOCK_TYPES
from courses.models import ModulePage
from learning import quiz
from learning.models import QuizAttempt

from .. import figures, stats
from ..charts import Bar, bar_chart, percent_text
from .base import BaseReportView

TOO_EASY = 90  # % correct above which a question is flagged as too easy
TOO_HARD = 30  # % correct below which a question is flagged as too hard
MIN_ANSWERS = 5  # answers a question needs before it is flagged

FLAG_LABELS = {
    "easy": _("Too easy"),
    "hard": _("Too hard"),
    "": "",
}


def _question_from_block(block_type, value):
    """Text and option labels of a question, from raw StreamField data."""
    options = {
        option.get("id"): str(option.get("value", {}).get("text", ""))
        for option in value.get("options", []) or []
    }
    return {
        "text": " ".join(strip_tags(str(value.get("question", ""))).split()),
        "type": block_type,
        "options": options,
    }


def _question_from_snapshot(question):
    block_type = {kind: block for block, kind in quiz.TYPE_BY_BLOCK.items()}
    return {
        "text": " ".join(strip_tags(question.get("text", "")).split()),
        "type": block_type.get(question.get("type"), question.get("type")),
        "options": {o["id"]: o["text"] for o in question.get("options", [])},
    }


def answer_label(question, value):
    """A learner's answer in words: option texts, true/false or the typed text."""
    if value in (None, "", []):
        return ""
    options = question.get("options", {}) if question else {}
    if isinstance(value, list):
        return ", ".join(options.get(item, str(item)) for item in value)
    if question and question["type"] == "true_false":
        return {"true": gettext("True"), "false": gettext("False")}.get(value, value)
    return options.get(value, str(value))


class QuizItemReport(BaseReportView):
    """Per question: answers, share correct, the most chosen wrong answer, flags."""

    page_title = _("Quiz item analysis")
    header_icon = "help"
    url_name = "quiz_items"
    results_template_name = "reports/quiz_results.html"
    orderings = ("correct_rate", "answers", "module_title")
    list_export = [
        "course_title",
        "module_title",
        "question_id",
        "question_text",
        "answers",
        "correct",
        "correct_rate",
        "top_wrong_label",
        "top_wrong_times",
        "flag_label",
    ]
    export_headings = {
        "course_title": _("Course"),
        "module_title": _("Module"),
        "question_id": _("Question id"),
        "question_text": _("Question"),
        "answers": _("Answers"),
        "correct": _("Correct"),
        "correct_rate": _("Correct (%)"),
        "top_wrong_label": _("Most chosen wrong answer"),
        "top_wrong_times": _("Times chosen"),
        "flag_label": _("Flag"),
    }

    def build_queryset(self, scope):
        rows = (
            scope.answers()
            .values(
                "question_id",
                module_id=F("attempt__module_id"),
                module_title=F("attempt__module__title"),
                course_title=F("attempt__enrolment__course__title"),
            )
            .annotate(
                answers=Count("pk"),
                correct=Count("pk", filter=Q(is_correct=True)),
            )
            .annotate(correct_rate=figures.ratio("correct", "answers"))
        )
        return rows.annotate(
            flag=Case(
                When(
                    answers__gte=MIN_ANSWERS,
                    correct_rate__gt=TOO_EASY,
                    then=Value("easy"),
                ),
                When(
                    answers__gte=MIN_ANSWERS,
                    correct_rate__lt=TOO_HARD,
                    then=Value("hard"),
                ),
                default=Value(""),
                output_field=CharField(),
            )
        )

    def order_queryset(self, queryset):
        return queryset

    def get_base_queryset(self):
        ordering = [self.ordering] if self.ordering else []
        return self.build_queryset(self.scope).order_by(
            *ordering, "course_title", "module_title", "correct_rate", "question_id"
        )

    def questions(self, wanted):
        """{(module id, question id): question} for the ``wanted`` pairs.

        Taken from the modules' current content; a question since removed
        from its module is read from the snapshot of the module's latest
        attempt. Two queries at most, whatever the number of rows.
        """
        found = {}
        modules = ModulePage.objects.filter(pk__in={module for module, _q in wanted})
        for module_id, body in modules.values_list("pk", "body"):
            for block in getattr(body, "raw_data", body) or []:
                if block.get("type") in QUESTION_BLOCK_TYPES:
                    found[(module_id, block.get("id"))] = _question_from_block(
                        block["type"], block.get("value") or {}
                    )
        missing = {
            module for module, question in wanted if (module, question) not in found
        }
        if missing:
            latest = (
                QuizAttempt.objects.filter(module_id__in=missing)
                .values("module_id")
                .annotate(last=Max("pk"))
                .values("last")
            )
            snapshots = QuizAttempt.objects.filter(pk__in=latest).values_list(
                "module_id", "snapshot"
            )
            for module_id, snapshot in snapshots:
                for question in (snapshot or {}).get("questions", []):
                    found.setdefault(
                        (module_id, question.get("id")),
                        _question_from_snapshot(question),
                    )
        return found

    def count_rows(self):
        return (
            self.scope.answers()
            .values("attempt__module_id", "question_id")
            .distinct()
            .count()
        )

    def wrong_answers(self, wanted):
        """{(module id, question id): (value, times)}: the most chosen wrong
        answer of each question shown, in one grouped query."""
        modules = {module for module, _question in wanted}
        questions = {question for _module, question in wanted}
        answers = (
            self.scope.answers()
            .filter(
                is_correct=False,
                attempt__module_id__in=modules,
                question_id__in=questions,
            )
            .order_by()
            .values("question_id", "value", module_id=F("attempt__module_id"))
            .annotate(times=Count("pk"))
        )
        return stats.most_frequent_answers(answers)

    def decorate_rows(self, rows):
        wanted = {(row["module_id"], row["question_id"]) for row in rows}
        questions = self.questions(wanted)
        wrong = self.wrong_answers(wanted) if wanted else {}
        for row in rows:
            row["top_wrong"], row["top_wrong_times"] = wrong.get(
                (row["module_id"], row["question_id"]), (None, None)
            )
            question = questions.get((row["module_id"], row["question_id"]))
            row["question_text"] = (
                question["text"] if question else gettext("(question not found)")
            )
            row["top_wrong_label"] = answer_label(question, row["top_wrong"])
            row["flag_label"] = FLAG_LABELS.get(row["flag"], "")
        return rows

    def get_report_context(self, rows):
        totals = self.scope.answers().aggregate(
            answers=Count("pk"),
            correct=Count("pk", filter=Q(is_correct=True)),
            questions=Count("question_id", distinct=True),
        )
        return {
            "totals": totals,
            "too_easy": TOO_EASY,
            "too_hard": TOO_HARD,
            "min_answers": MIN_ANSWERS,
            "chart": bar_chart(
                gettext("Share of correct answers per question"),
                gettext(
                    "For each question in the table below, the percentage of "
                    "answers that were correct. Lines mark %(hard)d%% (too hard "
                    "below) and %(easy)d%% (too easy above)."
                )
                % {"hard": TOO_HARD, "easy": TOO_EASY},
                [
                    Bar(
                        f"{number}. {row['question_text']}",
                        row["correct_rate"],
                        percent_text(row["correct_rate"]),
                        css_class=f"is-{row['flag']}" if row["flag"] else "",
                    )
                    for number, row in enumerate(rows, start=1)
                ],
                markers=[
                    (TOO_HARD, gettext("Too hard below this line")),
                    (TOO_EASY, gettext("Too easy above this line")),
                ],
            ),
        }
