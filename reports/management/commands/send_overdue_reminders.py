"""Queue the overdue-assignment reminder e-mails; run by cron once a day.

    0 7 * * * python manage.py send_overdue_reminders

The e-mails are sent by the task worker (``manage.py db_worker``), not here.
"""

from django.core.management.base import BaseCommand

from reports.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Queue reminder e-mails for overdue, uncompleted assigned courses."

    def handle(self, *args, **options):
        result = send_overdue_reminders.enqueue()
        self.stdout.write(f"Queued overdue reminders ({result.id}).")
