"""Make sure bad input is refused, with the message on the right field."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.blocks import (
    MultipleChoiceQuestionBlock,
    ShortTextQuestionBlock,
    SingleChoiceQuestionBlock,
    TrueFalseQuestionBlock,
    VideoBlock,
)
from courses.models import CoursePage, ModulePage, WebinarPage

from .factories import CoursePageFactory, ModulePageFactory, WebinarPageFactory


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in the source language."""
    with translation.override("en"):
        yield


def question(block, **value):
    data = {
        "question": "<p>Pertanyaan?</p>",
        "explanation": "<p>Penjelasan.</p>",
        "points": 1,
    }
    data.update(value)
    return block.to_python(data)


def options(*pairs):
    return [{"text": text, "correct": correct} for text, correct in pairs]


def option_errors(excinfo):
    return excinfo.value.block_errors["options"]


def test_single_choice_needs_a_correct_option():
    block = SingleChoiceQuestionBlock()
    value = question(block, options=options(("A", False), ("B", False)))
    with pytest.raises(blocks.StructBlockValidationError) as excinfo:
        block.clean(value)
    assert "correct" in str(option_errors(excinfo).non_block_errors)


def test_single_choice_needs_exactly_one_correct_option():
    block = SingleChoiceQuestionBlock()
    value = question(block, options=options(("A", True), ("B", True)))
    with pytest.raises(blocks.StructBlockValidationError) as excinfo:
        block.clean(value)
    assert "exactly one" in str(option_errors(excinfo).non_block_errors)


@pytest.mark.parametrize(
    "block_class", [SingleChoiceQuestionBlock, MultipleChoiceQuestionBlock]
)
def test_duplicate_options_are_marked_on_the_repeated_option(block_class):
    block = block_class()
    value = question(
        block, options=options(("Dua puluh JP", True), ("  dua   puluh jp ", False))
    )
    with pytest.raises(blocks.StructBlockValidationError) as excinfo:
        block.clean(value)
    errors = option_errors(excinfo).block_errors
    assert list(errors) == [1]
    assert "repeats" in str(errors[1].messages)


def test_multiple_choice_needs_a_correct_option_and_two_options():
    block = MultipleChoiceQuestionBlock()
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(question(block, options=options(("A", False), ("B", False))))
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(question(block, options=options(("A", True))))
    assert block.clean(question(block, options=options(("A", True), ("B", True))))


def test_true_false_needs_an_answer():
    block = TrueFalseQuestionBlock()
    with pytest.raises(blocks.StructBlockValidationError) as excinfo:
        block.clean(question(block, correct_answer=""))
    assert "correct_answer" in excinfo.value.block_errors


def test_short_text_needs_an_accepted_answer():
    block = ShortTextQuestionBlock()
    with pytest.raises(blocks.StructBlockValidationError) as excinfo:
        block.clean(question(block, accepted_answers=["   "]))
    assert "accepted_answers" in excinfo.value.block_errors


def test_video_needs_a_file_or_an_embed():
    block = VideoBlock()
    with pytest.raises(blocks.StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"title": "Video tanpa sumber"}))
    assert "video_file" in excinfo.value.block_errors


def test_pass_mark_above_100_is_refused(catalogue):
    course = CoursePageFactory.build(quiz_pass_mark=101)
    with pytest.raises(ValidationError) as excinfo:
        course.full_clean(exclude=["path", "depth", "slug"])
    assert "quiz_pass_mark" in excinfo.value.message_dict
    module = ModulePage(title="M", slug="m", quiz_pass_mark=150, path="x", depth=5)
    with pytest.raises(ValidationError) as excinfo:
        module.full_clean()
    assert "quiz_pass_mark" in excinfo.value.message_dict


def test_webinar_must_end_after_it_starts():
    start = datetime.datetime(2030, 1, 1, 2, tzinfo=datetime.UTC)
    webinar = WebinarPage(title="W", start_at=start, end_at=start)
    with pytest.raises(ValidationError) as excinfo:
        webinar.clean()
    assert "end_at" in excinfo.value.message_dict


def test_capacity_cannot_be_negative(db):
    start = datetime.datetime(2030, 1, 1, 2, tzinfo=datetime.UTC)
    webinar = WebinarPage(
        title="W",
        slug="w",
        path="x",
        depth=3,
        start_at=start,
        end_at=start + datetime.timedelta(hours=1),
        description="<p>x</p>",
        capacity=-1,
    )
    with pytest.raises(ValidationError) as excinfo:
        webinar.full_clean()
    assert "capacity" in excinfo.value.message_dict


# Through the editor ----------------------------------------------------


def edit(client, page, data):
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200, "the form should come back with errors"
    return response


def module_data(module, body, **fields):
    data = {
        "title": module.title,
        "slug": module.slug,
        "intro": "",
        "body": streamfield(body),
        "estimated_minutes": 20,
        "is_required": "on",
        "quiz_max_attempts": 3,
        "quiz_show_answers": "always",
    }
    data.update(fields)
    return nested_form_data(data)


def single_choice(*pairs):
    return (
        "single_choice",
        {
            "question": rich_text("<p>Pertanyaan?</p>"),
            "explanation": rich_text(""),
            "points": 1,
            "options": streamfield(
                [
                    ("item", {"text": text, "correct": "on" if ok else ""})
                    for text, ok in pairs
                ]
            ),
        },
    )


@pytest.fixture
def module(catalogue):
    return ModulePageFactory(parent=CoursePageFactory(parent=catalogue))


def test_editor_refuses_a_question_without_a_correct_answer(admin_client, module):
    response = edit(
        admin_client,
        module,
        module_data(module, [single_choice(("A", False), ("B", False))]),
    )
    assert "Mark at least one option as correct." in response.content.decode() or (
        "Tandai" in response.content.decode()
    )
    module.refresh_from_db()
    assert module.has_unpublished_changes is False


def test_editor_refuses_duplicate_options(admin_client, module):
    response = edit(
        admin_client,
        module,
        module_data(module, [single_choice(("Sama", True), ("sama", False))]),
    )
    assert response.context["form"].errors["body"]


def test_editor_accepts_a_good_question(admin_client, module):
    response = admin_client.post(
        f"/admin/pages/{module.pk}/edit/",
        module_data(module, [single_choice(("A", True), ("B", False))]),
    )
    assert response.status_code == 302
    module.refresh_from_db()
    assert module.get_latest_revision_as_object().question_count == 1


def test_editor_refuses_pass_mark_above_100(admin_client, module):
    response = edit(admin_client, module, module_data(module, [], quiz_pass_mark=150))
    assert "quiz_pass_mark" in response.context["form"].errors


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_at": "2030-01-10 08:00"}, "end_at"),
        ({"capacity": "-5"}, "capacity"),
    ],
)
def test_editor_refuses_bad_webinar_data(admin_client, indexes, fields, field):
    webinar = WebinarPageFactory(parent=indexes["webinars"])
    data = {
        "title": webinar.title,
        "slug": webinar.slug,
        "start_at": "2030-01-10 09:00",
        "end_at": "2030-01-10 11:00",
        "description": rich_text("<p>Tentang.</p>"),
        "speakers": streamfield([]),
        "platform": "zoom",
        "join_opens_minutes": 30,
        "jp_credit": "2",
        "materials": streamfield([]),
    }
    data.update(fields)
    response = edit(admin_client, webinar, nested_form_data(data))
    assert field in response.context["form"].errors


def test_editor_requires_managerial_competency_for_managerial_courses(
    admin_client, catalogue
):
    course = CoursePageFactory(parent=catalogue)
    data = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": "Ringkasan.",
            "competency_type": "manajerial",
            "managerial_competency": "",
            "level": 2,
            "jp_credit": "4",
            "estimated_minutes": 90,
            "enrolment_mode": "open",
            "quiz_pass_mark": 70,
        }
    )
    response = edit(admin_client, course, data)
    assert "managerial_competency" in response.context["form"].errors
    assert CoursePage.objects.get(pk=course.pk).competency_type == "teknis"
