"""Quiz snapshots and grading, all on the server.

A snapshot freezes a module's questions as served to one attempt: the order
of questions and options, the answer key and the explanations. The browser
only ever sees :func:`public_questions`, which leaves the key out.
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_TEXT_ANSWER = 500
TYPE_BY_BLOCK = {
    "single_choice": "single",
    "multiple_choice": "multiple",
    "true_false": "true_false",
    "short_text": "short_text",
}


def _rich_source(value):
    return getattr(value, "source", None) or str(value or "")


def build_snapshot(module, rng=None):
    """Freeze the module's questions (shuffled as its settings say)."""
    rng = rng or random.SystemRandom()
    questions = []
    for block in module.question_blocks:
        value = block.value
        question = {
            "id": block.id,
            "type": TYPE_BY_BLOCK[block.block_type],
            "text": _rich_source(value["question"]),
            "explanation": _rich_source(value.get("explanation")),
            "points": int(value.get("points") or 1),
        }
        if question["type"] in ("single", "multiple"):
            options = [
                {
                    "id": child.id,
                    "text": str(child.value["text"]),
                    "correct": bool(child.value["correct"]),
                }
                for child in value["options"].bound_blocks
            ]
            if module.quiz_shuffle_options:
                rng.shuffle(options)
            question["options"] = options
            if question["type"] == "multiple":
                question["scoring"] = value.get("scoring") or "all_or_nothing"
        elif question["type"] == "true_false":
            question["answer"] = value["correct_answer"]
        else:
            question["accepted"] = [
                normalise_text(a) for a in value["accepted_answers"] if a
            ]
        questions.append(question)
    if module.quiz_shuffle_questions:
        rng.shuffle(questions)
    return {
        "questions": questions,
        "total_points": sum(q["points"] for q in questions),
    }


def public_questions(snapshot):
    """The questions as the learner may see them before submitting."""
    public = []
    for number, question in enumerate(snapshot["questions"], start=1):
        item = {
            "id": question["id"],
            "number": number,
            "type": question["type"],
            "text": question["text"],
            "points": question["points"],
        }
        if "options" in question:
            item["options"] = [
                {"id": o["id"], "text": o["text"]} for o in question["options"]
            ]
        public.append(item)
    return public


def normalise_text(text):
    """Compare typed answers without caring for case, spacing or a final dot."""
    return " ".join(str(text).split()).casefold().rstrip(".").strip()


def clean_answer(question, raw):
    """Check one submitted answer against its question; return it normalised.

    ``raw`` is a string, or a list of strings for multiple choice. Anything
    that cannot be an answer to this question raises ValidationError.
    """
    kind = question["type"]
    if kind == "multiple":
        values = raw if isinstance(raw, list | tuple) else [raw]
        option_ids = {o["id"] for o in question["options"]}
        chosen = []
        for value in values:
            if value == "":
                continue  # the form's empty marker: nothing ticked
            if not isinstance(value, str) or value not in option_ids:
                raise ValidationError(_("That option is not part of this question."))
            if value not in chosen:
                chosen.append(value)
        return chosen
    if isinstance(raw, list | tuple):
        if len(raw) != 1:
            raise ValidationError(_("Choose one answer only."))
        raw = raw[0]
    if not isinstance(raw, str):
        raise ValidationError(_("That answer is not valid."))
    if kind == "single":
        if raw not in {o["id"] for o in question["options"]}:
            raise ValidationError(_("That option is not part of this question."))
        return raw
    if kind == "true_false":
        if raw not in ("true", "false"):
            raise ValidationError(_("Answer true or false."))
        return raw
    if len(raw) > MAX_TEXT_ANSWER:
        raise ValidationError(
            _("Answers are at most %(max)d characters.") % {"max": MAX_TEXT_ANSWER}
        )
    # NUL cannot be stored (PostgreSQL refuses it) and is never typed.
    return raw.replace("\x00", "").strip()


def grade_answer(question, value):
    """Return (points earned, fully correct) for one answer (None = blank)."""
    points = Decimal(question["points"])
    if value in (None, "", []):
        return Decimal("0"), False
    kind = question["type"]
    if kind == "single":
        correct = {o["id"] for o in question["options"] if o["correct"]}
        ok = value in correct
        return (points if ok else Decimal("0")), ok
    if kind == "true_false":
        ok = value == question["answer"]
        return (points if ok else Decimal("0")), ok
    if kind == "short_text":
        ok = normalise_text(value) in question["accepted"]
        return (points if ok else Decimal("0")), ok
    correct = {o["id"] for o in question["options"] if o["correct"]}
    chosen = set(value)
    ok = chosen == correct
    if question.get("scoring") == "partial":
        share = points / len(correct)
        earned = share * len(chosen & correct) - share * len(chosen - correct)
        earned = max(Decimal("0"), earned).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return earned, ok
    return (points if ok else Decimal("0")), ok


def score_percent(earned, total):
    if not total:
        return Decimal("0")
    return (Decimal(earned) * 100 / Decimal(total)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
