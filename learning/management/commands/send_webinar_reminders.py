"""Queue the webinar reminder e-mails; run by cron every 15 minutes.

    */15 * * * * python manage.py send_webinar_reminders

The e-mails are sent by the task worker (``manage.py db_worker``), not here.
"""

from django.core.management.base import BaseCommand

from learning.tasks import send_webinar_reminders


class Command(BaseCommand):
    help = "Queue the reminder e-mails for webinars starting within 24 hours."

    def handle(self, *args, **options):
        result = send_webinar_reminders.enqueue()
        self.stdout.write(f"Queued webinar reminders ({result.id}).")
