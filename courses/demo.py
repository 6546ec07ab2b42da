"""Demo content for ``seed_demo``: indexes, courses, webinars, policy articles.

Everything is published through revisions, as an editor would. Pages that
already exist (found by slug) are left alone, so a second run adds nothing.
Images are drawn with Pillow here; nothing is downloaded.
"""

import datetime
import io
import uuid
import zoneinfo
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home.models import HomePage
from people.models import User

from . import demo_content as content
from .models import (
    CourseIndexPage,
    CoursePage,
    ModulePage,
    PolicyArticlePage,
    PolicyIndexPage,
    WebinarIndexPage,
    WebinarPage,
)
from .permissions import setup_trainer_group

LIST_FIELDS = ("options", "accepted_answers")


# Images and documents ------------------------------------------------------


def _png(image):
    buffer = io.BytesIO()
    # A small palette keeps flat drawings well under 30 KB.
    image.convert("P", palette=PILImage.Palette.ADAPTIVE, colors=32).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()


def draw_cover(colour, seed):
    """A 1080x608 cover: a flat colour with a few light shapes."""
    width, height = 1080, 608
    image = PILImage.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    light = tuple(min(255, c + 60) for c in colour)
    lighter = tuple(min(255, c + 110) for c in colour)
    offset = (seed * 137) % 400
    draw.ellipse((620 - offset // 2, -120, 1180 - offset // 2, 440), fill=light)
    draw.rectangle((60, 380 + offset // 8, 420, 540), fill=lighter)
    draw.ellipse((180 + offset, 300, 330 + offset, 450), fill=(255, 255, 255))
    return _png(image)


def draw_service_diagram():
    """Three boxes and arrows: apply, process, notify."""
    image = PILImage.new("RGB", (960, 320), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    labels = ["Warga mengajukan", "Petugas memproses", "Warga menerima"]
    for index, label in enumerate(labels):
        left = 30 + index * 320
        draw.rounded_rectangle(
            (left, 90, left + 260, 230), radius=18, fill=(227, 241, 236)
        )
        draw.rounded_rectangle(
            (left, 90, left + 260, 230), radius=18, outline=(11, 93, 75), width=4
        )
        words = label.split(" ", 1)
        for line, word in enumerate(words):
            draw.text((left + 20, 115 + line * 45), word, fill=(27, 31, 30), font=font)
        if index < 2:
            draw.polygon(
                [(left + 270, 145), (left + 305, 160), (left + 270, 175)],
                fill=(11, 93, 75),
            )
    return _png(image)


def get_or_create_image(title, filename, draw):
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        image = image_model(title=title)
        image.file = ImageFile(io.BytesIO(draw()), name=filename)
        image.save()
    return image


def get_or_create_document(title, filename, text):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        document = document_model(title=title)
        document.file = ContentFile(text.encode("utf-8"), name=filename)
        document.save()
    return document


REFLECTION_SHEET = """Lembar refleksi integritas (contoh)

1. Tuliskan satu keputusan dinas minggu ini yang paling sulit.
2. Siapa yang diuntungkan dan siapa yang dirugikan oleh keputusan itu?
3. Apakah Anda akan mengambil keputusan yang sama bila diumumkan ke publik?
4. Apa yang akan Anda lakukan berbeda lain kali?
"""


def demo_media():
    """Covers, the content diagram and the worksheet, by key."""
    media = {
        key: get_or_create_image(
            f"Sampul demo: {key}",
            f"sampul-{key}.png",
            lambda colour=colour, seed=seed: draw_cover(colour, seed),
        )
        for seed, (key, colour) in enumerate(content.COVER_COLOURS.items())
    }
    media["diagram-layanan"] = get_or_create_image(
        "Diagram alur layanan digital", "diagram-layanan.png", draw_service_diagram
    )
    media["lembar-refleksi"] = get_or_create_document(
        "Lembar refleksi integritas", "lembar-refleksi-integritas.txt", REFLECTION_SHEET
    )
    return media


# StreamField data --------------------------------------------------------


def stream(blocks, media):
    """Raw StreamField JSON from (type, value) pairs, media keys made ids."""
    raw = []
    for block_type, value in blocks:
        if isinstance(value, dict):
            value = dict(value)
            for key in ("image", "document"):
                if isinstance(value.get(key), str):
                    value[key] = media[value[key]].pk
            for key in LIST_FIELDS:
                if key in value:
                    value[key] = [
                        {"type": "item", "value": item, "id": str(uuid.uuid4())}
                        for item in value[key]
                    ]
        raw.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})
    return raw


# Pages -------------------------------------------------------------------


def publish(parent, page, user=None):
    """Add ``page`` under ``parent`` and publish it through a revision.

    The revision is the trainer's; publishing is the system's, as after a
    review (trainers have no publish permission).
    """
    page.owner = user
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish()
    return page


def get_or_publish(parent, model, slug, build, user=None):
    """The child of ``parent`` with this slug, published from ``build()`` if new."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = build()
    page.slug = slug
    return publish(parent, page, user), True


def seed_indexes(home):
    pages = {}
    for key, model, spec in (
        ("courses", CourseIndexPage, content.COURSE_INDEX),
        ("webinars", WebinarIndexPage, content.WEBINAR_INDEX),
        ("policies", PolicyIndexPage, content.POLICY_INDEX),
    ):
        pages[key], _ = get_or_publish(
            home,
            model,
            spec["slug"],
            lambda model=model, spec=spec: model(
                title=spec["title"], intro=spec["intro"]
            ),
        )
    return pages


def seed_courses(index, media, users):
    created = 0
    courses = {}
    for spec in content.COURSES:
        trainers = [users[name] for name in spec["trainers"]]

        def build(spec=spec, trainers=trainers):
            course = CoursePage(
                title=spec["title"],
                summary=spec["summary"],
                learning_objectives="<ul>"
                + "".join(f"<li>{item}</li>" for item in spec["objectives"])
                + "</ul>",
                competency_type=spec["competency_type"],
                managerial_competency=spec["managerial_competency"],
                level=spec["level"],
                jp_credit=Decimal(spec["jp"]),
                estimated_minutes=spec["minutes"],
                target_jabatan=spec["target"],
                enrolment_mode=spec.get("enrolment", CoursePage.EnrolmentMode.OPEN),
                cover_image=media[spec["cover"]],
            )
            course.trainers = trainers
            course.prerequisites = [
                courses[slug] for slug in spec.get("prerequisites", [])
            ]
            course.tags.add(*spec["tags"])
            return course

        course, is_new = get_or_publish(
            index, CoursePage, spec["slug"], build, trainers[0]
        )
        courses[spec["slug"]] = course
        if not is_new:
            continue
        created += 1
        for module_spec in spec["modules"]:
            quiz = module_spec.get("quiz", {})

            def build_module(module_spec=module_spec, quiz=quiz):
                return ModulePage(
                    title=module_spec["title"],
                    intro=module_spec["intro"],
                    body=stream(module_spec["body"], media),
                    estimated_minutes=module_spec["minutes"],
                    is_required=module_spec.get("required", True),
                    quiz_pass_mark=quiz.get("pass_mark"),
                    quiz_max_attempts=quiz.get("max_attempts", 3),
                    quiz_time_limit_minutes=quiz.get("time_limit"),
                    quiz_shuffle_questions=quiz.get("shuffle_questions", False),
                    quiz_show_answers=quiz.get("show_answers", "always"),
                )

            get_or_publish(
                course, ModulePage, module_spec["slug"], build_module, trainers[0]
            )
    return courses, created


def _at(days, clock, zone_name, today):
    hour, minute = (int(part) for part in clock.split(":"))
    zone = zoneinfo.ZoneInfo(zone_name)
    day = today + datetime.timedelta(days=days)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def seed_webinars(index, users):
    created = 0
    today = timezone.localdate()
    for spec in content.WEBINARS:
        trainers = [users[name] for name in spec["trainers"]]

        def build(spec=spec, trainers=trainers):
            start = _at(*spec["start"], today)
            webinar = WebinarPage(
                title=spec["title"],
                start_at=start,
                end_at=start + datetime.timedelta(minutes=spec["minutes"]),
                description=spec["description"],
                speakers=[
                    {"type": "speaker", "value": {"name": name, "role": role}}
                    for name, role in spec["speakers"]
                ],
                platform=spec["platform"],
                join_url=spec.get("join", ""),
                capacity=spec["capacity"],
                jp_credit=Decimal(spec["jp"]),
                recording_url=spec.get("recording", ""),
            )
            webinar.trainers = trainers
            webinar.tags.add(*spec["tags"])
            return webinar

        _page, is_new = get_or_publish(
            index, WebinarPage, spec["slug"], build, trainers[0]
        )
        created += is_new
    return created


def seed_policies(index, courses, users):
    created = 0
    author = users["pelatih"]
    for spec in content.POLICIES:

        def build(spec=spec):
            article = PolicyArticlePage(
                title=spec["title"],
                regulation_type=spec["type"],
                issuer=spec["issuer"],
                regulation_number=spec["number"],
                regulation_year=spec["year"],
                regulation_title=spec["about"],
                regulation_status=spec["status"],
                summary=spec["summary"],
                body=stream(spec["body"], {}),
            )
            article.related_courses = [courses[slug] for slug in spec["related"]]
            article.trainers = [author]
            article.tags.add(*spec["tags"])
            return article

        _page, is_new = get_or_publish(
            index, PolicyArticlePage, spec["slug"], build, author
        )
        created += is_new
    return created


@transaction.atomic
def seed_content():
    """Create the demo content under the home page; return counts of new pages."""
    home = HomePage.objects.first()
    users = {user.username: user for user in User.objects.all()}
    indexes = seed_indexes(home)
    setup_trainer_group()
    media = demo_media()
    courses, new_courses = seed_courses(indexes["courses"], media, users)
    return {
        "courses": new_courses,
        "webinars": seed_webinars(indexes["webinars"], users),
        "policies": seed_policies(indexes["policies"], courses, users),
    }
