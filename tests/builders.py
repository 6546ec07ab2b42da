"""Small builders for page trees used across the test suite."""

import itertools
from decimal import Decimal

from wagtail.models import Page

from courses.models import CourseIndexPage, CoursePage, ModulePage

_counter = itertools.count(1)


def catalogue():
    """The course catalogue under the home page (created once)."""
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    home = Page.objects.get(depth=2)
    index = CourseIndexPage(title="Kursus", slug="kursus")
    home.add_child(instance=index)
    return index


def option(text, correct=False, id=None):
    return {
        "type": "item",
        "value": {"text": text, "correct": correct},
        "id": id or f"opt-{next(_counter)}",
    }


def quiz_blocks():
    """Four questions, one of each type, with fixed ids.

    Right answers: q-single → o-s2, q-multi → o-m1 + o-m3, q-tf → true,
    q-text → "Jam Pelajaran".
    """
    return [
        {
            "type": "single_choice",
            "id": "q-single",
            "value": {
                "question": "<p>Berapa JP minimal PNS per tahun?</p>",
                "explanation": "<p>PENJELASAN-SINGLE: minimal 20 JP.</p>",
                "points": 1,
                "options": [
                    option("10 JP", id="o-s1"),
                    option("20 JP", True, id="o-s2"),
                    option("40 JP", id="o-s3"),
                ],
            },
        },
        {
            "type": "multiple_choice",
            "id": "q-multi",
            "value": {
                "question": "<p>Mana yang termasuk jalur nonklasikal?</p>",
                "explanation": "<p>PENJELASAN-MULTI</p>",
                "points": 2,
                "scoring": "partial",
                "options": [
                    option("E-learning", True, id="o-m1"),
                    option("Seminar tatap muka", id="o-m2"),
                    option("Coaching", True, id="o-m3"),
                ],
            },
        },
        {
            "type": "true_false",
            "id": "q-tf",
            "value": {
                "question": "<p>PPPK juga wajib mengembangkan kompetensi.</p>",
                "explanation": "<p>PENJELASAN-TF</p>",
                "points": 1,
                "correct_answer": "true",
            },
        },
        {
            "type": "short_text",
            "id": "q-text",
            "value": {
                "question": "<p>Kepanjangan JP?</p>",
                "explanation": "<p>PENJELASAN-TEXT</p>",
                "points": 1,
                "accepted_answers": ["Jam Pelajaran", "jam pelajaran."],
            },
        },
    ]


RIGHT_ANSWERS = {
    "q-single": "o-s2",
    "q-multi": ["o-m1", "o-m3"],
    "q-tf": "true",
    "q-text": "jam  pelajaran",
}
WRONG_ANSWERS = {
    "q-single": "o-s1",
    "q-multi": ["o-m2"],
    "q-tf": "false",
    "q-text": "jam pelatihan",
}


def course(
    modules=3,
    *,
    quiz_in=(),
    title=None,
    jp=Decimal("4"),
    publish=True,
    **fields,
):
    """A live course with `modules` modules; modules whose index is in
    `quiz_in` carry the four-question quiz."""
    number = next(_counter)
    course = CoursePage(
        title=title or f"Kursus {number}",
        slug=f"kursus-{number}",
        summary="Ringkasan kursus.",
        competency_type=fields.pop("competency_type", "teknis"),
        jp_credit=jp,
        **fields,
    )
    catalogue().add_child(instance=course)
    for index in range(modules):
        body = [
            {"type": "heading", "value": f"Bagian {index + 1}", "id": f"h-{index}"},
            {
                "type": "paragraph",
                "value": "<p>Isi modul yang cukup panjang untuk dibaca.</p>",
                "id": f"p-{index}",
            },
        ]
        if index in quiz_in:
            body += quiz_blocks()
        module = ModulePage(
            title=f"Modul {index + 1}",
            slug=f"modul-{index + 1}",
            body=body,
            quiz_max_attempts=3,
        )
        course.add_child(instance=module)
        if not publish:
            module.unpublish()
    return course


def modules_of(course):
    return list(ModulePage.objects.child_of(course).order_by("path").specific())
