"""Factories for the authored page types (wagtail-factories / factory-boy)."""

import datetime
import uuid
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from courses import models


def raw_block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def options(*pairs):
    return [
        {"type": "item", "value": {"text": text, "correct": correct}, "id": f"o{n}"}
        for n, (text, correct) in enumerate(pairs)
    ]


def module_body(image=None, questions=True):
    """Content blocks (with an image when given) and, optionally, a quiz."""
    body = [
        raw_block("heading", "Pengantar"),
        raw_block("paragraph", "<p>Isi materi modul.</p>"),
        raw_block("callout", {"kind": "tip", "title": "Kiat", "text": "<p>Catat.</p>"}),
    ]
    if image is not None:
        body.append(
            raw_block(
                "image", {"image": image.pk, "alt_text": "Diagram", "caption": "Alur"}
            )
        )
    if questions:
        body += [
            raw_block(
                "single_choice",
                {
                    "question": "<p>Berapa JP minimal per tahun?</p>",
                    "explanation": "<p>RAHASIA-PENJELASAN</p>",
                    "points": 1,
                    "options": options(("10 JP", False), ("20 JP-BENAR", True)),
                },
            ),
            raw_block(
                "multiple_choice",
                {
                    "question": "<p>Jalur nonklasikal?</p>",
                    "explanation": "<p>RAHASIA-PENJELASAN</p>",
                    "points": 2,
                    "scoring": "partial",
                    "options": options(("E-learning", True), ("Seminar", False)),
                },
            ),
            raw_block(
                "true_false",
                {
                    "question": "<p>PPPK juga belajar.</p>",
                    "explanation": "<p>RAHASIA-PENJELASAN</p>",
                    "points": 1,
                    "correct_answer": "true",
                },
            ),
            raw_block(
                "short_text",
                {
                    "question": "<p>Kepanjangan JP?</p>",
                    "explanation": "<p>RAHASIA-PENJELASAN</p>",
                    "points": 1,
                    "accepted_answers": [
                        {"type": "item", "value": "JAWABAN-RAHASIA", "id": "a1"}
                    ],
                },
            ),
        ]
    return body


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Katalog Kursus"
    slug = "kursus"

    class Meta:
        model = models.CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kursus Uji {n}")
    slug = factory.Sequence(lambda n: f"kursus-uji-{n}")
    summary = "Ringkasan kursus untuk katalog."
    competency_type = models.CompetencyType.TEKNIS
    level = 2
    jp_credit = Decimal("4")
    estimated_minutes = 90

    class Meta:
        model = models.CoursePage


class ModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Modul Uji {n}")
    slug = factory.Sequence(lambda n: f"modul-uji-{n}")
    intro = "Pengantar modul."
    body = factory.LazyFunction(module_body)

    class Meta:
        model = models.ModulePage


class WebinarIndexPageFactory(wagtail_factories.PageFactory):
    title = "Webinar"
    slug = "webinar"

    class Meta:
        model = models.WebinarIndexPage


class WebinarPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Webinar Uji {n}")
    slug = factory.Sequence(lambda n: f"webinar-uji-{n}")
    start_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    )
    end_at = factory.LazyAttribute(lambda o: o.start_at + datetime.timedelta(hours=2))
    description = "<p>Diskusi tentang pengembangan kompetensi.</p>"
    join_url = "https://meet.example.org/rahasia-gabung"

    class Meta:
        model = models.WebinarPage


class PolicyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kebijakan"
    slug = "kebijakan"

    class Meta:
        model = models.PolicyIndexPage


class PolicyArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Artikel Kebijakan {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    regulation_type = "uu"
    regulation_number = "20"
    regulation_year = 2023
    regulation_title = "Aparatur Sipil Negara"
    summary = "Ringkasan peraturan."

    class Meta:
        model = models.PolicyArticlePage
