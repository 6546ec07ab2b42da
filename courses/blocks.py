"""StreamField blocks for e-learning modules.

Content blocks (heading, text, image, video, document, callout) render in
order. Question blocks make up the module's quiz: the learner-facing quiz is
built from them by ``learning`` (which snapshots, shuffles and grades on the
server), so their templates never show the answers.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.CharBlock):
    """A section heading inside a module."""

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        form_classname = "title"


class ImageBlock(blocks.StructBlock):
    """An image served as screen-sized renditions, with alt text and caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    """A video that never loads by itself: poster first, a tap to play.

    Give an uploaded file (a document in MP4/WebM) or an embed link, plus an
    optional small low-bandwidth version and a transcript.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video_file = DocumentChooserBlock(
        label=_("Video file"),
        required=False,
        help_text=_("An MP4 or WebM file uploaded to the documents library."),
    )
    embed = EmbedBlock(
        label=_("Embed link"),
        required=False,
        help_text=_("A YouTube or Vimeo address, used when there is no file."),
    )
    low_bandwidth_file = DocumentChooserBlock(
        label=_("Low-bandwidth version"),
        required=False,
        help_text=_("A small file (for example 240p) for learners on weak links."),
    )
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    duration_minutes = blocks.IntegerBlock(
        label=_("Duration (minutes)"), required=False, min_value=0
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=RICH_TEXT_FEATURES
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video_file") and not value.get("embed"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "video_file": ValidationError(
                        _("Choose a video file or give an embed link.")
                    )
                }
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    """A file to download (PDF, slides, spreadsheet)."""

    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Defaults to the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted note, tip or warning."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("note", _("Note")),
            ("tip", _("Tip")),
            ("warning", _("Warning")),
        ],
        default="note",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"


# Questions ---------------------------------------------------------------


class QuestionBlock(blocks.StructBlock):
    """Fields every question has; subclasses add the answer."""

    question = blocks.RichTextBlock(
        label=_("Question"), features=["bold", "italic", "ol", "ul"]
    )
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        required=False,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown after the learner has answered."),
    )
    points = blocks.IntegerBlock(label=_("Points"), default=1, min_value=1)

    # Set on subclasses; learning.quiz uses it to grade.
    question_type = ""

    class Meta:
        icon = "help"
        template = "blocks/question_block.html"


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Option"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Option")


def _check_options(options, *, exactly_one):
    """Validate a list of options: at least two, distinct, with right answers."""
    errors = {}
    texts = [" ".join(str(option["text"]).split()).lower() for option in options]
    if len(options) < 2:
        return _("Give at least two options.")
    seen = set()
    for index, text in enumerate(texts):
        if text in seen:
            errors[index] = ValidationError(
                _("This option repeats another option of the same question.")
            )
        seen.add(text)
    if errors:
        return errors
    correct = sum(1 for option in options if option["correct"])
    if correct == 0:
        return _("Mark at least one option as correct.")
    if exactly_one and correct != 1:
        return _("A single-choice question must have exactly one correct option.")
    return None


def _raise_option_errors(problem):
    if isinstance(problem, dict):
        list_error = blocks.ListBlockValidationError(block_errors=problem)
        raise blocks.StructBlockValidationError(block_errors={"options": list_error})
    raise blocks.StructBlockValidationError(
        block_errors={
            "options": blocks.ListBlockValidationError(
                non_block_errors=[ValidationError(problem)]
            )
        }
    )


class SingleChoiceQuestionBlock(QuestionBlock):
    """One correct option among several."""

    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Options"), min_num=2)
    question_type = "single"

    def clean(self, value):
        value = super().clean(value)
        problem = _check_options(value["options"], exactly_one=True)
        if problem:
            _raise_option_errors(problem)
        return value

    class Meta:
        label = _("Question: single choice")
        icon = "radio-full"


class MultipleChoiceQuestionBlock(QuestionBlock):
    """Several correct options; scored all-or-nothing or with partial credit."""

    options = blocks.ListBlock(ChoiceOptionBlock(), label=_("Options"), min_num=2)
    scoring = blocks.ChoiceBlock(
        label=_("Scoring"),
        choices=[
            ("all_or_nothing", _("All or nothing")),
            ("partial", _("Partial credit")),
        ],
        default="all_or_nothing",
        help_text=_(
            "Partial credit: each correct choice earns a share, each wrong "
            "choice takes one away, never below zero."
        ),
    )
    question_type = "multiple"

    def clean(self, value):
        value = super().clean(value)
        problem = _check_options(value["options"], exactly_one=False)
        if problem:
            _raise_option_errors(problem)
        return value

    class Meta:
        label = _("Question: multiple choice")
        icon = "tasks"


class TrueFalseQuestionBlock(QuestionBlock):
    """A statement that is either true or false."""

    correct_answer = blocks.ChoiceBlock(
        label=_("Correct answer"),
        choices=[("true", _("True")), ("false", _("False"))],
    )
    question_type = "true_false"

    class Meta:
        label = _("Question: true or false")
        icon = "check"


class ShortTextQuestionBlock(QuestionBlock):
    """A short typed answer, compared with the accepted answers."""

    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label=_("Accepted answer")),
        label=_("Accepted answers"),
        min_num=1,
        help_text=_("Comparison ignores capitals, extra spaces and a final full stop."),
    )
    question_type = "short_text"

    def clean(self, value):
        value = super().clean(value)
        answers = [" ".join(a.split()) for a in value["accepted_answers"]]
        if not any(answers):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "accepted_answers": blocks.ListBlockValidationError(
                        non_block_errors=[
                            ValidationError(_("Give at least one accepted answer."))
                        ]
                    )
                }
            )
        return value

    class Meta:
        label = _("Question: short text")
        icon = "edit"


QUESTION_BLOCK_TYPES = ("single_choice", "multiple_choice", "true_false", "short_text")


class ModuleBodyBlock(blocks.StreamBlock):
    """What a module is made of: content first, then (optionally) questions."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_text = ShortTextQuestionBlock()


class SpeakerBlock(blocks.StructBlock):
    """A webinar speaker (narasumber)."""

    name = blocks.CharBlock(label=_("Name with titles"), max_length=200)
    role = blocks.CharBlock(label=_("Position and agency"), required=False)
    photo = ImageChooserBlock(label=_("Photo"), required=False)

    class Meta:
        icon = "user"
        label = _("Speaker")
        template = "blocks/speaker_block.html"


class PolicyBodyBlock(blocks.StreamBlock):
    """The explanation of a regulation."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
