"""The reports app keeps no learner records; only when a reminder went out."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderLog(models.Model):
    """An overdue-assignment reminder e-mailed for one enrolment.

    ``reports.tasks.send_overdue_reminders`` reads the latest row per
    enrolment so that a learner is reminded at most once every few days.
    """

    enrolment = models.ForeignKey(
        "learning.Enrolment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("enrolment"),
    )
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("overdue reminder")
        verbose_name_plural = _("overdue reminders")
        indexes = [models.Index(fields=["enrolment", "sent_at"])]

    def __str__(self):
        return f"{self.enrolment_id} @ {self.sent_at:%Y-%m-%d}"
