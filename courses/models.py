"""Authored content: courses and their modules, webinars, policy articles.

Page types and their place in the tree::

    HomePage
    ├── CourseIndexPage (the catalogue)  → CoursePage → ModulePage
    ├── WebinarIndexPage                 → WebinarPage
    └── PolicyIndexPage                  → PolicyArticlePage

Nothing here holds learner state; the ``learning`` app keeps enrolments,
progress and quiz attempts and reads these pages.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import (
    QUESTION_BLOCK_TYPES,
    DocumentBlock,
    ModuleBodyBlock,
    PolicyBodyBlock,
    SpeakerBlock,
)
from .filters import CourseFilterForm, PolicyFilterForm, paginate
from .forms import TrainerAssigningPageForm
from .images import (
    CARD_SPECS,
    CONTENT_SPECS,
    COVER_SPECS,
    SPEAKER_SPECS,
    block_images,
    image_prefetch,
    prefetch_renditions,
)
from .permissions import TrainerScopedPermissionTester, is_scoped_trainer
from .timezones import all_zones, viewer_zone

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class CompetencyType(models.TextChoices):
    """Competency types of PermenPANRB 38/2017."""

    TEKNIS = "teknis", _("Technical (teknis)")
    MANAJERIAL = "manajerial", _("Managerial (manajerial)")
    SOSIAL_KULTURAL = "sosial_kultural", _("Socio-cultural (sosial kultural)")


class ManagerialCompetency(models.TextChoices):
    """The eight managerial competencies."""

    INTEGRITAS = "integritas", _("Integrity (Integritas)")
    KERJA_SAMA = "kerja_sama", _("Cooperation (Kerja Sama)")
    KOMUNIKASI = "komunikasi", _("Communication (Komunikasi)")
    ORIENTASI_HASIL = "orientasi_hasil", _("Results orientation (Orientasi pada Hasil)")
    PELAYANAN_PUBLIK = "pelayanan_publik", _("Public service (Pelayanan Publik)")
    PENGEMBANGAN_DIRI = (
        "pengembangan_diri",
        _("Developing self and others (Pengembangan Diri dan Orang Lain)"),
    )
    MENGELOLA_PERUBAHAN = (
        "mengelola_perubahan",
        _("Managing change (Mengelola Perubahan)"),
    )
    PENGAMBILAN_KEPUTUSAN = (
        "pengambilan_keputusan",
        _("Decision making (Pengambilan Keputusan)"),
    )


class CourseLevel(models.IntegerChoices):
    LEVEL_1 = 1, _("Level 1 (awareness)")
    LEVEL_2 = 2, _("Level 2 (basic)")
    LEVEL_3 = 3, _("Level 3 (intermediate)")
    LEVEL_4 = 4, _("Level 4 (advanced)")
    LEVEL_5 = 5, _("Level 5 (expert)")


def minutes_per_jp():
    return settings.LMS_MINUTES_PER_JP


def trainer_choices():
    """Limit the trainer pickers to members of the Pelatih group."""
    return {"groups__name": "Pelatih"}


jp_validators = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("999"))]
percent_validators = [MinValueValidator(0), MaxValueValidator(100)]


# Tags: one through model per page type, all sharing taggit's Tag table, so a
# tag page can list courses, webinars and articles with the same tag.


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class WebinarTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.WebinarPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PolicyTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.PolicyArticlePage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


# Read logic for listings ---------------------------------------------------


class CoursePageQuerySet(PageQuerySet):
    def for_cards(self):
        """Everything a course card shows, in a fixed number of queries."""
        return self.select_related(None).prefetch_related(
            image_prefetch("cover_image", CARD_SPECS), "tagged_items__tag"
        )


class WebinarPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Webinars that have not ended, soonest first."""
        now = now or timezone.now()
        return self.filter(end_at__gt=now).order_by("start_at")

    def past(self, now=None):
        """Webinars that have ended, most recent first."""
        now = now or timezone.now()
        return self.filter(end_at__lte=now).order_by("-start_at")


class PolicyArticlePageQuerySet(PageQuerySet):
    def newest(self):
        return self.order_by("-regulation_year", "-first_published_at")


CoursePageManager = PageManager.from_queryset(CoursePageQuerySet)
WebinarPageManager = PageManager.from_queryset(WebinarPageQuerySet)
PolicyArticlePageManager = PageManager.from_queryset(PolicyArticlePageQuerySet)


def visible_courses(courses):
    """Live, public courses of a relation, by title.

    In a preview the relation is modelcluster's in-memory list from the
    revision, which has no live()/public(); the live flag is checked there.
    """
    if isinstance(courses, models.QuerySet):
        return list(courses.live().public().order_by("title"))
    return sorted((c for c in courses if c.live), key=lambda c: c.title)


class TrainerScopedIndexMixin:
    """Index pages: trainers add pages below them but never change them."""

    def permissions_for_user(self, user):
        return TrainerScopedPermissionTester(user, self, assigned=None)


class TrainerAssignedMixin:
    """Pages whose ``trainers`` are the only trainers allowed to change them."""

    base_form_class = TrainerAssigningPageForm

    def is_assigned_to(self, user):
        # all() rather than a filter: unsaved form data is an in-memory list.
        return user.pk in {trainer.pk for trainer in self.trainers.all()}

    def permissions_for_user(self, user):
        assigned = not is_scoped_trainer(user) or self.is_assigned_to(user)
        return TrainerScopedPermissionTester(user, self, assigned=assigned)


# Courses -----------------------------------------------------------------


class CourseIndexPage(TrainerScopedIndexMixin, Page):
    """The course catalogue: lists live courses with filters and search."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        """Filtered, paginated live courses (12 a page) and the filter form."""
        context = super().get_context(request, *args, **kwargs)
        courses = CoursePage.objects.child_of(self).live().public()
        form = CourseFilterForm(
            request.GET or None, tags=CourseFilterForm.tags_in_use(courses)
        )
        context["filter_form"] = form
        context["page_obj"] = paginate(request, form.filter(courses).for_cards(), 12)
        return context


class CoursePage(TrainerAssignedMixin, Page):
    """A course: a sequence of modules that credits JP when completed.

    Completion follows the rules set here: every required module completed,
    (optionally) every quiz passed, and (optionally) the questionnaire given
    for every module.
    """

    class EnrolmentMode(models.TextChoices):
        OPEN = "open", _("Open to all learners")
        ASSIGNED = "assigned", _("By assignment only")

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences for the catalogue and search results."),
    )
    learning_objectives = RichTextField(
        _("learning objectives"),
        blank=True,
        features=["bold", "italic", "ol", "ul"],
        help_text=_("What a learner can do after the course; a list works best."),
    )
    competency_type = models.CharField(
        _("competency type"), max_length=20, choices=CompetencyType.choices
    )
    managerial_competency = models.CharField(
        _("managerial competency"),
        max_length=30,
        choices=ManagerialCompetency.choices,
        blank=True,
        help_text=_("Required when the competency type is managerial."),
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=CourseLevel.choices, default=CourseLevel.LEVEL_2
    )
    target_jabatan = models.CharField(
        _("target jabatan"),
        max_length=255,
        blank=True,
        help_text=_("Who the course is for, e.g. 'Pengawas and administrators'."),
    )
    jp_credit = models.DecimalField(
        _("JP credited"),
        max_digits=5,
        decimal_places=1,
        validators=jp_validators,
        help_text=_("Lesson hours (JP) credited on completion."),
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"),
        default=90,
        validators=[MinValueValidator(1)],
    )
    prerequisites = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        symmetrical=False,
        related_name="required_by",
        verbose_name=_("prerequisites"),
        help_text=_("Courses a learner must complete before enrolling."),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="trained_courses",
        limit_choices_to=trainer_choices,
        verbose_name=_("trainers"),
        help_text=_("Trainers who may edit this course and its modules."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    tags = ClusterTaggableManager(through=CourseTag, blank=True)
    enrolment_mode = models.CharField(
        _("enrolment"),
        max_length=10,
        choices=EnrolmentMode.choices,
        default=EnrolmentMode.OPEN,
    )
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("quiz pass mark (%)"),
        default=70,
        validators=percent_validators,
        help_text=_("Default for the course's quizzes; a module may set its own."),
    )
    require_quiz_pass = models.BooleanField(
        _("quizzes must be passed"),
        default=True,
        help_text=_(
            "If set, a module with a quiz is completed by passing it; otherwise "
            "the learner marks it done."
        ),
    )
    require_feedback = models.BooleanField(
        _("questionnaire required"),
        default=False,
        help_text=_("Learners must rate every required module to complete."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("competency_type"), FieldPanel("level")]),
                FieldPanel("managerial_competency"),
                FieldPanel("target_jabatan"),
                FieldRowPanel(
                    [FieldPanel("jp_credit"), FieldPanel("estimated_minutes")]
                ),
            ],
            heading=_("Competency and credit"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldPanel("prerequisites"),
                FieldPanel("quiz_pass_mark"),
                FieldPanel("require_quiz_pass"),
                FieldPanel("require_feedback"),
                HelpPanel(
                    content=_(
                        "Which modules are required is set on each module "
                        "('Required for completion')."
                    )
                ),
            ],
            heading=_("Enrolment and completion rules"),
        ),
        FieldPanel("trainers"),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        index.SearchField("target_jabatan"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("competency_type"),
        index.FilterField("level"),
        index.FilterField("jp_credit"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    objects = CoursePageManager()

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        errors = {}
        if self.competency_type == CompetencyType.MANAJERIAL:
            if not self.managerial_competency:
                errors["managerial_competency"] = _(
                    "Choose which managerial competency the course develops."
                )
        elif self.managerial_competency:
            errors["managerial_competency"] = _(
                "Only managerial courses name a managerial competency."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def suggested_jp(self):
        """JP that the estimated duration is worth at the configured rate."""
        return Decimal(self.estimated_minutes) / Decimal(minutes_per_jp())

    def live_modules(self):
        """The course's live modules, in tree order."""
        return ModulePage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        """Modules, prerequisites, trainers and tags in a fixed number of queries."""
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = list(self.live_modules())
        context["prerequisites"] = visible_courses(self.prerequisites.all())
        context["trainer_list"] = sorted(
            self.trainers.all(), key=lambda user: user.display_name
        )
        context["tag_list"] = sorted(self.tags.all(), key=lambda tag: tag.name)
        prefetch_renditions([self.cover_image], COVER_SPECS)
        return context


class ModulePage(Page):
    """One e-learning module of a course: content blocks and, optionally, a quiz.

    Question blocks in the body form the module's quiz; the quiz settings
    below apply to it.
    """

    class ShowAnswers(models.TextChoices):
        ALWAYS = "always", _("After every attempt")
        PASSED = "passed", _("Only after passing or using every attempt")
        NEVER = "never", _("Never (score only)")

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("What the module covers, in a sentence or two."),
    )
    body = StreamField(ModuleBodyBlock(), verbose_name=_("content"), blank=True)
    estimated_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"), default=20, validators=[MinValueValidator(1)]
    )
    is_required = models.BooleanField(
        _("required for completion"),
        default=True,
        help_text=_("Untick for optional enrichment modules."),
    )
    quiz_pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        null=True,
        blank=True,
        validators=percent_validators,
        help_text=_("Leave empty to use the course's pass mark."),
    )
    quiz_max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        default=3,
        validators=[MaxValueValidator(100)],
        help_text=_("0 means unlimited."),
    )
    quiz_time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Leave empty for no time limit."),
    )
    quiz_shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    quiz_shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    quiz_show_answers = models.CharField(
        _("show correct answers and explanations"),
        max_length=10,
        choices=ShowAnswers.choices,
        default=ShowAnswers.ALWAYS,
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("quiz_pass_mark"),
                        FieldPanel("quiz_max_attempts"),
                        FieldPanel("quiz_time_limit_minutes"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("quiz_shuffle_questions"),
                        FieldPanel("quiz_shuffle_options"),
                    ]
                ),
                FieldPanel("quiz_show_answers"),
            ],
            heading=_("Quiz settings"),
            help_text=_("Used when the content has question blocks."),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")

    @cached_property
    def question_blocks(self):
        """The body's question blocks, in authored order (bound blocks with ids)."""
        return [b for b in self.body if b.block_type in QUESTION_BLOCK_TYPES]

    @cached_property
    def content_blocks(self):
        """The body's blocks other than questions, in authored order."""
        return [b for b in self.body if b.block_type not in QUESTION_BLOCK_TYPES]

    @property
    def has_quiz(self):
        return bool(self.question_blocks)

    @property
    def question_count(self):
        """Number of question blocks, read from the raw JSON.

        Unlike ``question_blocks`` this loads no images or documents, so a
        course page can show it for every module without extra queries.
        """
        return sum(
            1 for block in self.body.raw_data if block["type"] in QUESTION_BLOCK_TYPES
        )

    def get_course(self):
        """The course this module belongs to, as a CoursePage (one query)."""
        return CoursePage.objects.parent_of(self).first()

    def permissions_for_user(self, user):
        """Trainers change the modules of the courses they are assigned to."""
        assigned = (
            not is_scoped_trainer(user)
            or CoursePage.objects.parent_of(self).filter(trainers=user).exists()
        )
        return TrainerScopedPermissionTester(user, self, assigned=assigned)

    def get_context(self, request, *args, **kwargs):
        """The course for the breadcrumb and the content blocks' renditions."""
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.get_course()
        prefetch_renditions(block_images(self.content_blocks), CONTENT_SPECS)
        return context

    def effective_pass_mark(self, course=None):
        """The pass mark that applies: the module's own or its course's."""
        if self.quiz_pass_mark is not None:
            return self.quiz_pass_mark
        course = course or self.get_parent().specific
        return course.quiz_pass_mark


# Webinars ----------------------------------------------------------------


class WebinarIndexPage(TrainerScopedIndexMixin, Page):
    """Lists upcoming and past webinars."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.WebinarPage"]
    max_count = 1

    class Meta:
        verbose_name = _("webinar list")

    def get_context(self, request, *args, **kwargs):
        """Upcoming webinars (soonest first) and past ones (newest first)."""
        context = super().get_context(request, *args, **kwargs)
        webinars = WebinarPage.objects.child_of(self).live().public()
        now = timezone.now()
        context["upcoming"] = paginate(
            request, webinars.upcoming(now), 12, param="upcoming_page"
        )
        context["past"] = paginate(request, webinars.past(now), 12)
        context["viewer_zone"] = viewer_zone(request)
        return context


class WebinarPage(TrainerAssignedMixin, RoutablePageMixin, Page):
    """A live online session with registration, attendance and a recording.

    Times are stored in UTC and shown in each viewer's zone (WIB, WITA, WIT).
    """

    class Platform(models.TextChoices):
        ZOOM = "zoom", "Zoom"
        MEET = "meet", "Google Meet"
        TEAMS = "teams", "Microsoft Teams"
        YOUTUBE = "youtube", "YouTube Live"
        OTHER = "other", _("Other")

    start_at = models.DateTimeField(_("starts at"))
    end_at = models.DateTimeField(_("ends at"))
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    speakers = StreamField(
        [("speaker", SpeakerBlock())], blank=True, verbose_name=_("speakers")
    )
    platform = models.CharField(
        _("platform"), max_length=10, choices=Platform.choices, default=Platform.ZOOM
    )
    join_url = models.URLField(
        _("join link"),
        blank=True,
        help_text=_("Shown only to registered learners, shortly before the start."),
    )
    join_opens_minutes = models.PositiveSmallIntegerField(
        _("join link visible from (minutes before start)"),
        default=30,
        validators=[MaxValueValidator(24 * 60)],
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for no limit. Later registrations join a waiting list."
        ),
    )
    jp_credit = models.DecimalField(
        _("JP credited"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("2"),
        validators=jp_validators,
        help_text=_("Lesson hours credited to learners marked present."),
    )
    materials = StreamField(
        [("document", DocumentBlock())], blank=True, verbose_name=_("materials")
    )
    recording_url = models.URLField(
        _("recording link"), blank=True, help_text=_("Shown after the event.")
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="trained_webinars",
        limit_choices_to=trainer_choices,
        verbose_name=_("trainers"),
        help_text=_("Trainers who may edit this webinar and record attendance."),
    )
    tags = ClusterTaggableManager(through=WebinarTag, blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
        FieldPanel("description"),
        FieldPanel("speakers"),
        MultiFieldPanel(
            [
                FieldPanel("platform"),
                FieldPanel("join_url"),
                FieldPanel("join_opens_minutes"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("jp_credit")]),
            ],
            heading=_("Joining"),
        ),
        FieldPanel("materials"),
        FieldPanel("recording_url"),
        FieldPanel("trainers"),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("speakers"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("start_at"),
    ]

    parent_page_types = ["courses.WebinarIndexPage"]
    subpage_types = []

    objects = WebinarPageManager()

    class Meta:
        verbose_name = _("webinar")

    def clean(self):
        super().clean()
        if self.start_at and self.end_at and self.end_at <= self.start_at:
            raise ValidationError(
                {"end_at": _("The webinar must end after it starts.")}
            )
        if (
            self.start_at
            and self.end_at
            and self.end_at - self.start_at > datetime.timedelta(hours=12)
        ):
            raise ValidationError(
                {"end_at": _("A webinar cannot last longer than 12 hours.")}
            )

    @property
    def is_past(self):
        return self.end_at <= timezone.now()

    @property
    def is_live_now(self):
        return self.start_at <= timezone.now() < self.end_at

    def join_link_open(self, now=None):
        """Whether the join link may be shown to registered learners now."""
        now = now or timezone.now()
        opens = self.start_at - datetime.timedelta(minutes=self.join_opens_minutes)
        return bool(self.join_url) and opens <= now < self.end_at

    @property
    def description_text(self):
        """The description as plain text (calendar files, summaries)."""
        return " ".join(strip_tags(self.description).split())

    def get_context(self, request, *args, **kwargs):
        """Times in the viewer's zone (and all three), speakers' photos."""
        context = super().get_context(request, *args, **kwargs)
        context["viewer_zone"] = viewer_zone(request)
        context["all_zones"] = all_zones()
        context["show_recording"] = bool(self.recording_url) and self.is_past
        context["ics_url"] = self.url + self.reverse_subpage("ics")
        prefetch_renditions(block_images(self.speakers), SPEAKER_SPECS)
        return context

    @path("ics/", name="ics")
    def ics(self, request):
        """The webinar as an iCalendar file to add to a phone's calendar."""
        from .ics import webinar_ics_response

        return webinar_ics_response(self, request)


# Policy articles -----------------------------------------------------------


class PolicyIndexPage(TrainerScopedIndexMixin, Page):
    """Lists policy articles, filterable by regulation type, year and status."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.PolicyArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("policy article list")

    def get_context(self, request, *args, **kwargs):
        """Articles filtered by type, year and status, 12 a page."""
        context = super().get_context(request, *args, **kwargs)
        articles = PolicyArticlePage.objects.child_of(self).live().public()
        years = (
            articles.order_by("-regulation_year")
            .values_list("regulation_year", flat=True)
            .distinct()
        )
        form = PolicyFilterForm(request.GET or None, years=years)
        context["filter_form"] = form
        context["page_obj"] = paginate(
            request, form.filter(articles).prefetch_related("tagged_items__tag"), 12
        )
        return context


class PolicyArticlePage(TrainerAssignedMixin, Page):
    """A regulation explained in plain language, with its metadata and PDF."""

    class RegulationType(models.TextChoices):
        UU = "uu", _("Undang-Undang (UU)")
        PERPPU = "perppu", _("Perppu")
        PP = "pp", _("Peraturan Pemerintah (PP)")
        PERPRES = "perpres", _("Peraturan Presiden (Perpres)")
        PERMEN = "permen", _("Peraturan Menteri (Permen)")
        PERLAN = "perlan", _("Peraturan LAN")
        PERBKN = "perbkn", _("Peraturan BKN")
        SE = "se", _("Surat Edaran (SE)")
        KEPUTUSAN = "keputusan", _("Keputusan (Kepmen, Keppres, ...)")
        PERDA = "perda", _("Peraturan Daerah / Kepala Daerah")
        OTHER = "lainnya", _("Other")

    class Status(models.TextChoices):
        IN_FORCE = "berlaku", _("In force")
        AMENDED = "diubah", _("In force, amended")
        REVOKED = "dicabut", _("Revoked")

    regulation_type = models.CharField(
        _("regulation type"), max_length=12, choices=RegulationType.choices
    )
    regulation_number = models.CharField(
        _("number"), max_length=40, help_text=_("As written, e.g. '20' or '38'.")
    )
    regulation_year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    issuer = models.CharField(
        _("issued by"),
        max_length=100,
        blank=True,
        help_text=_(
            "Added after the type in the citation: 'PANRB' gives 'Peraturan "
            "Menteri PANRB'; 'Kepala BKN' gives 'Surat Edaran Kepala BKN'."
        ),
    )
    regulation_title = models.CharField(
        _("about (tentang)"),
        max_length=300,
        help_text=_("The regulation's title after 'tentang'."),
    )
    regulation_status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IN_FORCE
    )
    summary = models.TextField(
        _("plain-language summary"),
        max_length=1200,
        help_text=_("What the regulation means for an ASN, in everyday words."),
    )
    body = StreamField(PolicyBodyBlock(), blank=True, verbose_name=_("explanation"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("regulation PDF"),
    )
    related_courses = ParentalManyToManyField(
        "courses.CoursePage",
        blank=True,
        related_name="related_policies",
        verbose_name=_("related courses"),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="authored_policies",
        limit_choices_to=trainer_choices,
        verbose_name=_("authors"),
        help_text=_("Trainers who may edit this article."),
    )
    tags = ClusterTaggableManager(through=PolicyTag, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("regulation_type"),
                        FieldPanel("regulation_number"),
                        FieldPanel("regulation_year"),
                    ]
                ),
                FieldPanel("issuer"),
                FieldPanel("regulation_title"),
                FieldPanel("regulation_status"),
                FieldPanel("document"),
            ],
            heading=_("Regulation"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("related_courses"),
        FieldPanel("trainers"),
        FieldPanel("tags"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("regulation_number"),
        index.SearchField("search_citation"),
        index.SearchField("regulation_title"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("regulation_type"),
        index.FilterField("regulation_year"),
        index.FilterField("regulation_status"),
    ]

    parent_page_types = ["courses.PolicyIndexPage"]
    subpage_types = []

    objects = PolicyArticlePageManager()

    class Meta:
        verbose_name = _("policy article")

    @property
    def citation(self):
        """E.g. 'Peraturan Pemerintah (PP) Nomor 11 Tahun 2017'."""
        return _("%(type)s Number %(number)s of %(year)s") % {
            "type": self.get_regulation_type_display(),
            "number": self.regulation_number,
            "year": self.regulation_year,
        }

    # The citation's own words: official Indonesian, never translated.
    CITATION_NAMES = {
        "uu": "UU",
        "perppu": "Perppu",
        "pp": "PP",
        "perpres": "Perpres",
        "permen": "Peraturan Menteri",
        "perlan": "Peraturan LAN",
        "perbkn": "Peraturan BKN",
        "se": "Surat Edaran",
        "keputusan": "Keputusan",
        "perda": "Peraturan Daerah",
        "lainnya": "Peraturan",
    }

    @property
    def citation_name(self):
        """E.g. 'UU' or 'Peraturan Menteri PANRB'."""
        name = self.CITATION_NAMES.get(self.regulation_type, "")
        return f"{name} {self.issuer}".strip()

    @property
    def full_citation(self):
        """E.g. 'UU Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara'."""
        return (
            f"{self.citation_name} Nomor {self.regulation_number} "
            f"Tahun {self.regulation_year} tentang {self.regulation_title}"
        )

    @property
    def search_citation(self):
        """Ways people write the citation, so 'UU 20/2023' finds the article."""
        number, year = self.regulation_number, self.regulation_year
        return (
            f"{self.citation_name} {number}/{year} "
            f"{self.get_regulation_type_display()} Nomor {number} Tahun {year}"
        )

    @property
    def is_revoked(self):
        return self.regulation_status == self.Status.REVOKED

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_course_list"] = visible_courses(self.related_courses.all())
        context["tag_list"] = sorted(self.tags.all(), key=lambda tag: tag.name)
        prefetch_renditions(block_images(self.body), CONTENT_SPECS)
        return context
