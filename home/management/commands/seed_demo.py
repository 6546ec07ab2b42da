"""Load the demo organisation, accounts and content. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from courses.demo import seed_content
from learning.demo import seed_learning
from people.demo import ACCOUNTS, DEMO_PASSWORD, seed_people

ROLE_LABELS = {
    "superuser": "administrator (superuser)",
    "trainer": "pelatih (trainer)",
    "admin_instansi": "admin instansi",
    "supervisor": "supervisor (atasan)",
    "learner": "peserta (learner)",
}


class Command(BaseCommand):
    help = "Create demo content and one account per role (demo use only)."

    def handle(self, *args, **options):
        with transaction.atomic():
            accounts = seed_people()
            created = seed_content()
            seed_learning()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            "New pages: {courses} courses, {webinars} webinars, "
            "{policies} policy articles.".format(**created)
        )
        self.stdout.write(
            f"\nDemo logins (demo only; password for all: {DEMO_PASSWORD})"
        )
        self.stdout.write(f"  {'role':28} {'log in with':22} name")
        for username, role, _fields in ACCOUNTS:
            user = accounts[username][0]
            login = user.nip or user.username
            self.stdout.write(
                f"  {ROLE_LABELS[role]:28} {login:22} {user.display_name}"
            )
        self.stdout.write(
            "\nSite: http://127.0.0.1:8000/  Admin: http://127.0.0.1:8000/admin/"
        )
