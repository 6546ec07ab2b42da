"""Learner records: enrolments, module progress, quiz attempts, questionnaires.

Every row is written through ``learning.services``; database constraints
back each rule there so that a double click, a retried request or an offline
replay can never create a second record.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

User = settings.AUTH_USER_MODEL


class Assignment(models.Model):
    """A course assigned by an administrator or supervisor, with a deadline.

    Assigning creates (or tags) one enrolment per person it covers; the
    enrolment keeps a link back so the learner sees why and by when.
    """

    class Target(models.TextChoices):
        PEOPLE = "people", _("Selected people")
        UNIT = "unit", _("A unit kerja and its sub-units")
        JABATAN = "jabatan", _("A jabatan type")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("course"),
    )
    target = models.CharField(_("assigned to"), max_length=10, choices=Target.choices)
    unit_kerja = models.ForeignKey(
        "people.UnitKerja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("unit kerja"),
    )
    jabatan_type = models.CharField(_("jabatan type"), max_length=20, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=300,
        help_text=_("Shown to the learner, e.g. 'Mandatory for all pengawas in 2026'."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        User,
        null=True,
        on_delete=models.SET_NULL,
        related_name="assignments_made",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    people_count = models.PositiveIntegerField(_("people covered"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.course.title} ({self.get_target_display()})"


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(completed_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)


class Enrolment(models.Model):
    """One learner in one course; completed once, when its rules are met."""

    class Source(models.TextChoices):
        SELF = "self", _("Joined by the learner")
        ASSIGNMENT = "assignment", _("Assigned")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    source = models.CharField(max_length=12, choices=Source.choices)
    assignment = models.ForeignKey(
        Assignment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    deadline = models.DateField(null=True, blank=True)
    enrolled_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="learning_enrolment_unique"
            )
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"]),
            models.Index(fields=["completed_at"]),
            models.Index(fields=["deadline"]),
            models.Index(fields=["enrolled_at"]),
        ]

    def __str__(self):
        return f"{self.user} → {self.course_id}"

    @property
    def is_completed(self):
        return self.completed_at is not None


class ModuleProgress(models.Model):
    """A learner's state in one module: visits, time spent and completion."""

    class CompletedBy(models.TextChoices):
        LEARNER = "learner", _("Marked done by the learner")
        QUIZ = "quiz", _("Quiz passed")
        STAFF = "staff", _("Recorded by staff")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="progress"
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="progress"
    )
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    seconds_spent = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.CharField(
        max_length=10, choices=CompletedBy.choices, blank=True
    )

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"], name="learning_progress_unique"
            )
        ]
        indexes = [
            models.Index(fields=["module", "completed_at"]),
            models.Index(fields=["last_seen_at"]),
        ]

    def __str__(self):
        return f"{self.user_id} / {self.module_id}"


class QuizAttempt(models.Model):
    """One try at a module's quiz.

    ``snapshot`` freezes the questions and option order as served, with the
    answer key, so later edits to the module never change a running or past
    attempt. It is never sent to the browser as is.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attempts"
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    deadline_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)
    pass_mark = models.PositiveSmallIntegerField()
    expired = models.BooleanField(
        default=False, help_text=_("Closed by the time limit rather than submitted.")
    )
    snapshot = models.JSONField()
    client_id = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "number"], name="learning_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["user", "module"],
                condition=Q(submitted_at__isnull=True),
                name="learning_attempt_one_open",
            ),
        ]
        indexes = [
            models.Index(fields=["module", "submitted_at"]),
            models.Index(fields=["enrolment", "module", "score"]),
            models.Index(fields=["submitted_at"]),
        ]

    def __str__(self):
        return f"{self.user_id} / {self.module_id} #{self.number}"

    @property
    def is_open(self):
        return self.submitted_at is None


class QuizAnswer(models.Model):
    """The learner's answer to one question of an attempt, graded on submit."""

    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=64)
    value = models.JSONField()
    saved_at = models.DateTimeField()
    is_correct = models.BooleanField(null=True)
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_id"], name="learning_answer_unique"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id} / {self.question_id}"


RATING_FIELDS = (
    "rating_material",
    "rating_delivery",
    "rating_practical",
    "rating_overall",
)


class ModuleFeedback(models.Model):
    """The post-module questionnaire (Kirkpatrick level 1): one per learner."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="feedback"
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="feedback"
    )
    rating_material = models.PositiveSmallIntegerField(_("material (materi)"))
    rating_delivery = models.PositiveSmallIntegerField(_("delivery (penyampaian)"))
    rating_practical = models.PositiveSmallIntegerField(
        _("practical use (aplikasi praktis)")
    )
    rating_overall = models.PositiveSmallIntegerField(_("overall"))
    comment = models.TextField(_("suggestions"), blank=True, max_length=2000)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    client_id = models.UUIDField(null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("module questionnaire")
        verbose_name_plural = _("module questionnaires")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"], name="learning_feedback_unique"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                    name=f"learning_feedback_{field}_1_5",
                )
                for field in RATING_FIELDS
            ],
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.user_id} / {self.module_id}"


# JP ledger -----------------------------------------------------------------


class JPLedgerEntry(models.Model):
    """One learning activity credited to one ASN: the single source of JP.

    Each activity is credited once: (user, source_type, source_id) is unique,
    so crediting the same completion or attendance again changes nothing.
    """

    class Path(models.TextChoices):
        KLASIKAL = "klasikal", _("Classroom (klasikal)")
        NONKLASIKAL = "nonklasikal", _("Non-classroom (nonklasikal)")

    class Form(models.TextChoices):
        ELEARNING = "e_learning", _("E-learning")
        WEBINAR = "webinar", _("Webinar")
        PELATIHAN = "pelatihan", _("Training (pelatihan)")
        SEMINAR = "seminar", _("Seminar or workshop")
        BIMTEK = "bimtek", _("Technical guidance (bimtek)")
        COACHING = "coaching", _("Coaching or mentoring")
        MAGANG = "magang", _("Internship or secondment")
        MANDIRI = "mandiri", _("Self-study (belajar mandiri)")
        KOMUNITAS = "komunitas", _("Learning community")
        OTHER = "lainnya", _("Other")

    class Source(models.TextChoices):
        COURSE = "course", _("Course completed")
        WEBINAR = "webinar", _("Webinar attended")
        MANUAL = "manual", _("Entered by an administrator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="jp_entries")
    source_type = models.CharField(max_length=10, choices=Source.choices)
    source_id = models.CharField(max_length=64)
    title = models.CharField(_("activity"), max_length=300)
    path = models.CharField(_("path"), max_length=12, choices=Path.choices)
    form = models.CharField(_("form"), max_length=12, choices=Form.choices)
    jp = models.DecimalField(
        _("JP"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(999)],
    )
    earned_on = models.DateField(_("date"))
    evidence_url = models.CharField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(
        _("certificate file"), upload_to="jp-evidence/%Y/", blank=True
    )
    manual = models.BooleanField(_("manual entry"), default=False)
    note = models.TextField(_("reason"), blank=True, max_length=1000)
    recorded_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("JP ledger entry")
        verbose_name_plural = _("JP ledger")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source_type", "source_id"],
                name="learning_jp_once_per_activity",
            ),
            models.CheckConstraint(condition=Q(jp__gt=0), name="learning_jp_positive"),
        ]
        indexes = [
            models.Index(fields=["user", "earned_on"]),
            models.Index(fields=["earned_on", "path"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.jp} JP)"


# Certificates ---------------------------------------------------------------


class Certificate(models.Model):
    """Proof of a completed course, verifiable at /sertifikat/<code>/.

    What is printed is copied here when the certificate is issued, so the PDF
    is the same each time it is downloaded, whatever changes later.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="certificates"
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="certificates"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("course"),
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    completed_on = models.DateField(_("completion date"))
    holder_name = models.CharField(_("name"), max_length=300)
    holder_nip = models.CharField("NIP", max_length=18, blank=True)
    course_title = models.CharField(_("course"), max_length=255)
    competency_type = models.CharField(_("competency type"), max_length=100)
    jp = models.DecimalField(_("JP"), max_digits=5, decimal_places=1)
    issuer = models.CharField(_("issued by"), max_length=300)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(
        _("reason for revocation"), max_length=500, blank=True
    )
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(revoked_at__isnull=True),
                name="learning_one_valid_certificate",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def is_valid(self):
        return self.revoked_at is None


# Webinar registration ------------------------------------------------------------


class WebinarRegistration(models.Model):
    """A learner's place at a webinar: registered, on the waiting list, or
    cancelled; attendance is recorded on the same row."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class AttendanceSource(models.TextChoices):
        TRAINER = "trainer", _("Recorded by the trainer")
        CHECK_IN = "check_in", _("Check-in code")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="webinar_registrations"
    )
    webinar = models.ForeignKey(
        "courses.WebinarPage", on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    attendance_source = models.CharField(
        max_length=10, choices=AttendanceSource.choices, blank=True
    )
    attendance_marked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webinar registration")
        verbose_name_plural = _("webinar registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "webinar"], name="learning_registration_unique"
            )
        ]
        indexes = [models.Index(fields=["webinar", "status", "registered_at"])]

    def __str__(self):
        return f"{self.user_id} / {self.webinar_id} ({self.status})"
