"""Reminder e-mails for overdue assigned courses."""

import datetime
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from learning import services
from reports import tasks
from reports.models import ReminderLog


def test_overdue_learners_are_reminded_once(records):
    result = tasks.send_overdue_reminders.enqueue()
    assert result.return_value == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [records["rina"].email]
    assert "Kursus A" in message.body and "Wajib" in message.body
    # The next run, the next day: nothing new within the interval.
    tasks.send_overdue_reminders.enqueue()
    assert len(mail.outbox) == 1
    # After the interval the learner hears again.
    ReminderLog.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    tasks.send_overdue_reminders.enqueue()
    assert len(mail.outbox) == 2


def test_completed_or_self_joined_courses_are_not_reminded(records):
    services.enrol(records["siti"], records["course_a"])  # completed already
    rina_enrolment = records["rina"].enrolments.get()
    rina_enrolment.completed_at = timezone.now()
    rina_enrolment.save()
    tasks.send_overdue_reminders.enqueue()
    assert mail.outbox == []


def test_one_failing_address_does_not_stop_the_others(records):
    services.assign(
        records["course_b"],
        type(records["kabid"]).objects.filter(username__in=["kabid", "agustinus"]),
        assigned_by=records["admin"],
        reason="Wajib B",
        target="people",
        deadline=timezone.localdate() - datetime.timedelta(days=3),
    )
    real_send = tasks.send_mail

    def send(subject, body, sender, recipients):
        if recipients == [records["rina"].email]:
            raise OSError("mailbox unavailable")
        return real_send(subject, body, sender, recipients)

    with mock.patch.object(tasks, "send_mail", side_effect=send):
        result = tasks.send_overdue_reminders.enqueue()
    # Kabid completed course B: only Agustinus (new enrolment) is overdue there.
    assert result.return_value == {"sent": 1, "failed": 1}
    assert [message.to for message in mail.outbox] == [[records["agustinus"].email]]
    # Rina's reminder was not logged, so the next run tries again.
    tasks.send_overdue_reminders.enqueue()
    assert [message.to for message in mail.outbox][-1] == [records["rina"].email]


def test_management_command_queues_the_task(records, capsys):
    call_command("send_overdue_reminders")
    assert "Queued overdue reminders" in capsys.readouterr().out
    assert len(mail.outbox) == 1  # the immediate backend runs it at once
