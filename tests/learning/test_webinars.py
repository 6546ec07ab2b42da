"""Webinars: registration and waiting list, attendance and JP, check-in, the
join link, reminders and the learner's panel."""

import datetime
import itertools
import threading
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection, connections
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from courses.models import WebinarIndexPage, WebinarPage
from learning import webinars
from learning.models import JPLedgerEntry, WebinarRegistration
from learning.tasks import send_webinar_reminders
from people.models import User

Status = WebinarRegistration.Status
_numbers = itertools.count(1)

# 09.00 WIB on a fixed future day (02.00 UTC).
NINE_WIB = datetime.datetime(2030, 3, 4, 2, 0, tzinfo=datetime.UTC)


# Builders --------------------------------------------------------------------


def webinar_index():
    """The webinar list under the home page (created once)."""
    existing = WebinarIndexPage.objects.first()
    if existing:
        return existing
    index = WebinarIndexPage(title="Webinar", slug="webinar")
    Page.objects.get(depth=2).add_child(instance=index)
    return index


def build_webinar(
    *,
    start=None,
    minutes=120,
    capacity=None,
    trainers=(),
    jp=Decimal("2"),
    join_url="https://zoom.example.org/j/rahasia",
    **fields,
):
    """A live webinar; by default in three days, two hours long, no limit."""
    number = next(_numbers)
    start = start or timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    webinar = WebinarPage(
        title=fields.pop("title", f"Webinar {number}"),
        slug=f"webinar-{number}",
        start_at=start,
        end_at=start + datetime.timedelta(minutes=minutes),
        description="<p>Diskusi pengembangan kompetensi ASN.</p>",
        capacity=capacity,
        jp_credit=jp,
        join_url=join_url,
        **fields,
    )
    webinar.trainers = list(trainers)
    webinar_index().add_child(instance=webinar)
    return WebinarPage.objects.get(pk=webinar.pk)


def running_webinar(**fields):
    """A webinar that started ten minutes ago."""
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=10)
    return build_webinar(start=start, **fields)


def learners(count):
    return [
        User.objects.create_user(username=f"peserta{next(_numbers)}", password="x")
        for _ in range(count)
    ]


def status_of(user, webinar):
    return WebinarRegistration.objects.get(user=user, webinar=webinar).status


def webinar_entries(user=None):
    entries = JPLedgerEntry.objects.filter(source_type=JPLedgerEntry.Source.WEBINAR)
    return entries.filter(user=user) if user else entries


@pytest.fixture
def people(demo_people):
    return demo_people


# Registration and the waiting list -------------------------------------------


def test_registering_twice_returns_the_same_row(people):
    webinar = build_webinar()
    first = webinars.register_for_webinar(people["siti"], webinar)
    second = webinars.register_for_webinar(people["siti"], webinar)
    assert first.pk == second.pk and first.status == Status.REGISTERED
    assert WebinarRegistration.objects.count() == 1


def test_a_full_webinar_puts_learners_on_the_waiting_list_in_order(people):
    webinar = build_webinar(capacity=2)
    now = timezone.now()
    for name in ("siti", "yohanes", "rina", "agustinus"):
        webinars.register_for_webinar(people[name], webinar, now=now)
    assert [status_of(people[n], webinar) for n in ("siti", "yohanes")] == [
        Status.REGISTERED,
        Status.REGISTERED,
    ]
    assert status_of(people["rina"], webinar) == Status.WAITLISTED
    assert status_of(people["agustinus"], webinar) == Status.WAITLISTED

    # A freed seat goes to the first in the queue (same time: lower pk first).
    webinars.cancel_registration(people["siti"], webinar)
    assert status_of(people["siti"], webinar) == Status.CANCELLED
    assert status_of(people["rina"], webinar) == Status.REGISTERED
    assert status_of(people["agustinus"], webinar) == Status.WAITLISTED

    # Cancelling twice changes nothing and moves nobody else up.
    webinars.cancel_registration(people["siti"], webinar)
    assert status_of(people["agustinus"], webinar) == Status.WAITLISTED
    assert webinars.cancel_registration(people["kabid"], webinar) is None

    # Coming back after cancelling means the end of the queue.
    again = webinars.register_for_webinar(people["siti"], webinar)
    assert again.status == Status.WAITLISTED and again.cancelled_at is None
    webinars.cancel_registration(people["yohanes"], webinar)
    assert status_of(people["agustinus"], webinar) == Status.REGISTERED
    assert status_of(people["siti"], webinar) == Status.WAITLISTED
    registered = WebinarRegistration.objects.filter(status=Status.REGISTERED)
    assert registered.count() == 2


def test_a_raised_capacity_lets_the_queue_move_up_first(people):
    webinar = build_webinar(capacity=1)
    webinars.register_for_webinar(people["siti"], webinar)
    webinars.register_for_webinar(people["yohanes"], webinar)
    WebinarPage.objects.filter(pk=webinar.pk).update(capacity=2)
    webinars.register_for_webinar(people["rina"], webinar)
    assert status_of(people["yohanes"], webinar) == Status.REGISTERED
    assert status_of(people["rina"], webinar) == Status.WAITLISTED


def test_ended_webinars_refuse_registration(people):
    start = timezone.now() - datetime.timedelta(days=1)
    webinar = build_webinar(start=start)
    with pytest.raises(webinars.RegistrationRefused) as refused:
        webinars.register_for_webinar(people["siti"], webinar)
    assert refused.value.code == "ended"
    assert not WebinarRegistration.objects.exists()


def test_a_running_webinar_still_takes_registrations_but_not_cancellations(people):
    webinar = running_webinar()
    registration = webinars.register_for_webinar(people["siti"], webinar)
    assert registration.status == Status.REGISTERED
    with pytest.raises(webinars.LearningError):
        webinars.cancel_registration(people["siti"], webinar)
    assert status_of(people["siti"], webinar) == Status.REGISTERED


def test_registering_and_cancelling_over_http(client, people):
    webinar = build_webinar(capacity=1)
    register = reverse("learning:webinars:register", args=[webinar.pk])
    cancel = reverse("learning:webinars:cancel", args=[webinar.pk])
    assert client.post(register)["Location"].startswith(reverse("people:login"))
    client.force_login(people["siti"])
    assert client.get(register).status_code == 405  # POST only
    response = client.post(register)
    assert response.status_code == 302
    assert response["Location"] == webinar.url + "#webinar-panel"
    assert status_of(people["siti"], webinar) == Status.REGISTERED
    client.post(cancel)
    assert status_of(people["siti"], webinar) == Status.CANCELLED
    unpublished = build_webinar(live=False)
    url = reverse("learning:webinars:register", args=[unpublished.pk])
    assert client.post(url).status_code == 404


# Attendance and JP -----------------------------------------------------------


def test_attendance_by_the_trainer_credits_jp_exactly_once(people):
    trainer = people["pelatih"]
    webinar = running_webinar(trainers=[trainer], jp=Decimal("3"))
    for name in ("siti", "yohanes", "rina"):
        webinars.register_for_webinar(people[name], webinar)
    present = [people["siti"], people["yohanes"]]

    result = webinars.mark_attendance(webinar, present, by=trainer)
    assert result["marked"] == sorted(p.pk for p in present)
    registration = WebinarRegistration.objects.get(user=people["siti"])
    assert registration.attended_at is not None
    assert registration.attendance_source == "trainer"
    assert registration.attendance_marked_by == trainer
    entry = webinar_entries(people["siti"]).get()
    assert entry.jp == Decimal("3") and entry.source_id == str(registration.pk)
    assert entry.path == JPLedgerEntry.Path.NONKLASIKAL
    assert entry.form == JPLedgerEntry.Form.WEBINAR
    assert entry.earned_on == timezone.localdate(webinar.start_at, webinars.LEDGER_ZONE)
    assert entry.evidence_url == webinar.url

    # Marking again, and checking in after being marked, change nothing.
    again = webinars.mark_attendance(webinar, [p.pk for p in present], by=trainer)
    assert again == {"marked": [], "unmarked": []}
    webinars.check_in(people["siti"], webinar, webinars.check_in_code(webinar))
    assert webinar_entries().count() == 2
    assert WebinarRegistration.objects.get(user=people["siti"]).attendance_source == (
        "trainer"
    )
    log = PageLogEntry.objects.filter(page=webinar, action="lms.webinar.attendance")
    assert log.count() == 1 and log.get().user == trainer


def test_unticking_removes_attendance_and_its_jp(people):
    trainer = people["pelatih"]
    webinar = running_webinar(trainers=[trainer])
    for name in ("siti", "yohanes"):
        webinars.register_for_webinar(people[name], webinar)
    webinars.check_in(people["yohanes"], webinar, webinars.check_in_code(webinar))
    webinars.mark_attendance(webinar, [people["siti"]], by=trainer)
    yohanes = WebinarRegistration.objects.get(user=people["yohanes"])
    assert yohanes.attended_at is None and yohanes.attendance_source == ""
    assert not webinar_entries(people["yohanes"]).exists()
    assert webinar_entries(people["siti"]).count() == 1
    assert PageLogEntry.objects.filter(action="lms.webinar.attendance").count() == 1


def test_attendance_only_after_the_start_and_only_for_registered(people):
    trainer = people["pelatih"]
    webinar = build_webinar(trainers=[trainer], capacity=1)
    webinars.register_for_webinar(people["siti"], webinar)
    with pytest.raises(webinars.LearningError):
        webinars.mark_attendance(webinar, [people["siti"]], by=trainer)
    running = running_webinar(trainers=[trainer], capacity=1)
    webinars.register_for_webinar(people["siti"], running)
    webinars.register_for_webinar(people["yohanes"], running)  # waitlisted
    result = webinars.mark_attendance(
        running, [people["siti"], people["yohanes"], people["rina"]], by=trainer
    )
    assert result["marked"] == [people["siti"].pk]
    assert webinar_entries().count() == 1


def test_only_the_webinars_trainers_and_administrators_mark_attendance(people):
    webinar = running_webinar(trainers=[people["pelatih"]])
    for name in ("siti", "agustinus"):
        webinars.register_for_webinar(people[name], webinar)
    for name in ("pelatih2", "siti", "kabid"):
        with pytest.raises(PermissionDenied):
            webinars.mark_attendance(webinar, [people["siti"]], by=people[name])
    assert not webinar_entries().exists()
    # The administrator of the NTT instansi marks the NTT people only, and
    # leaves the others (Agustinus is in Jayapura) as they are.
    webinars.mark_attendance(webinar, [people["agustinus"]], by=people["admin"])
    result = webinars.mark_attendance(
        webinar, [people["siti"], people["agustinus"]], by=people["adminntt"]
    )
    assert result == {"marked": [people["siti"].pk], "unmarked": []}
    webinars.mark_attendance(webinar, [], by=people["adminntt"])
    assert list(webinar_entries().values_list("user__username", flat=True)) == [
        "agustinus"
    ]


def test_the_attendance_list_over_http(client, people):
    trainer = people["pelatih"]
    webinar = running_webinar(trainers=[trainer])
    for name in ("siti", "yohanes", "rina"):
        webinars.register_for_webinar(people[name], webinar)
    url = reverse("learning:webinars:attendance", args=[webinar.pk])

    for name in ("pelatih2", "siti"):
        client.force_login(people[name])
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"present": [people["siti"].pk]}).status_code in (
            403,
            404,
        )
    assert not WebinarRegistration.objects.filter(attended_at__isnull=False).exists()

    client.force_login(trainer)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert people["siti"].nip in html and "Siti Rahmawati" in html
    assert people["siti"].unit_kerja.name in html
    assert webinars.check_in_code(webinar) in html
    response = client.post(url, {"present": [people["siti"].pk, people["rina"].pk]})
    assert response.status_code == 302
    assert set(webinar_entries().values_list("user__username", flat=True)) == {
        "siti",
        "rina",
    }
    html = client.get(url).content.decode()
    assert f'value="{people["siti"].pk}" id="present-{people["siti"].pk}" checked' in (
        html
    )


def test_the_attendance_list_has_a_fixed_query_count(client, people):
    trainer = people["pelatih"]
    webinar = running_webinar(trainers=[trainer])
    url = reverse("learning:webinars:attendance", args=[webinar.pk])
    client.force_login(trainer)
    webinars.register_for_webinar(people["siti"], webinar)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for person in learners(15):
        webinars.register_for_webinar(person, webinar)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few.captured_queries) == len(many.captured_queries)


# Check-in --------------------------------------------------------------------


def test_check_in_code_is_six_stable_digits_per_webinar(people):
    first, second = build_webinar(), build_webinar()
    code = webinars.check_in_code(first)
    assert len(code) == 6 and code.isdigit()
    assert code == webinars.check_in_code(WebinarPage.objects.get(pk=first.pk))
    assert code != webinars.check_in_code(second)


def test_check_in_records_attendance_once(people):
    webinar = running_webinar(jp=Decimal("1.5"))
    webinars.register_for_webinar(people["siti"], webinar)
    code = webinars.check_in_code(webinar)
    registration = webinars.check_in(people["siti"], webinar, f" {code[:3]} {code[3:]}")
    assert registration.attendance_source == "check_in"
    assert registration.attendance_marked_by is None
    first_time = registration.attended_at
    again = webinars.check_in(people["siti"], webinar, code)
    assert again.attended_at == first_time
    assert webinar_entries(people["siti"]).get().jp == Decimal("1.5")


def test_wrong_code_or_outside_the_window_writes_nothing(people):
    webinar = running_webinar(minutes=60)
    webinars.register_for_webinar(people["siti"], webinar)
    code = webinars.check_in_code(webinar)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    before = webinar.start_at - datetime.timedelta(minutes=1)
    too_late = (
        webinar.end_at + webinars.check_in_grace() + datetime.timedelta(seconds=1)
    )
    attempts = [
        (wrong, None, "wrong_code"),
        ("", None, "wrong_code"),
        (code, before, "closed"),
        (code, too_late, "closed"),
    ]
    for given, now, expected in attempts:
        with pytest.raises(webinars.CheckInRefused) as refused:
            webinars.check_in(people["siti"], webinar, given, now=now)
        assert refused.value.code == expected
        assert refused.value.message
    # A waitlisted or unregistered learner cannot check in, even with the code.
    with pytest.raises(webinars.CheckInRefused) as refused:
        webinars.check_in(people["yohanes"], webinar, code)
    assert refused.value.code == "not_registered"
    assert not WebinarRegistration.objects.filter(attended_at__isnull=False).exists()
    assert not webinar_entries().exists()
    # Within the grace period after the end, the code still works.
    in_grace = webinar.end_at + datetime.timedelta(minutes=5)
    webinars.check_in(people["siti"], webinar, code, now=in_grace)
    assert webinar_entries(people["siti"]).exists()


def test_guessing_codes_is_stopped(people):
    webinar = running_webinar()
    webinars.register_for_webinar(people["rina"], webinar)
    code = webinars.check_in_code(webinar)
    wrong = f"{(int(code) + 7) % 1_000_000:06d}"
    for _ in range(webinars.CHECK_IN_MAX_FAILURES):
        with pytest.raises(webinars.CheckInRefused):
            webinars.check_in(people["rina"], webinar, wrong)
    with pytest.raises(webinars.CheckInRefused) as refused:
        webinars.check_in(people["rina"], webinar, code)
    assert refused.value.code == "locked"


def test_check_in_over_http(client, people):
    webinar = running_webinar()
    webinars.register_for_webinar(people["siti"], webinar)
    client.force_login(people["siti"])
    url = reverse("learning:webinars:check_in", args=[webinar.pk])
    client.post(url, {"code": "000000x"})
    assert not webinar_entries().exists()
    response = client.post(url, {"code": webinars.check_in_code(webinar)})
    assert response["Location"] == webinar.url + "#webinar-panel"
    assert webinar_entries(people["siti"]).count() == 1


# The join link ---------------------------------------------------------------


def test_join_link_only_for_registered_learners_once_open(people):
    start = timezone.now() + datetime.timedelta(minutes=20)
    webinar = build_webinar(start=start, capacity=1, join_opens_minutes=30)
    webinars.register_for_webinar(people["siti"], webinar)
    webinars.register_for_webinar(people["yohanes"], webinar)  # waitlisted
    assert webinars.join_link_for(people["siti"], webinar) == webinar.join_url
    assert webinars.join_link_for(people["yohanes"], webinar) == ""
    assert webinars.join_link_for(people["rina"], webinar) == ""
    early = start - datetime.timedelta(minutes=31)
    assert webinars.join_link_for(people["siti"], webinar, early) == ""
    webinars.cancel_registration(people["siti"], webinar)
    assert webinars.join_link_for(people["siti"], webinar) == ""
    assert webinars.join_link_for(people["yohanes"], webinar) == webinar.join_url


def test_the_page_shows_the_join_link_only_when_open(client, people):
    soon = build_webinar(
        start=timezone.now() + datetime.timedelta(minutes=20), capacity=1
    )
    later = build_webinar()
    for webinar in (soon, later):
        webinars.register_for_webinar(people["siti"], webinar)
        webinars.register_for_webinar(people["yohanes"], webinar)
    client.force_login(people["yohanes"])  # waitlisted for the soon one
    assert soon.join_url not in client.get(soon.url).content.decode()
    client.force_login(people["siti"])
    assert soon.join_url in client.get(soon.url).content.decode()
    html = client.get(later.url).content.decode()
    assert later.join_url not in html
    assert reverse("learning:webinars:cancel", args=[later.pk]) in html


# Reminders -------------------------------------------------------------------


def test_reminders_go_once_to_each_registered_learner(people):
    soon = build_webinar(
        start=timezone.now() + datetime.timedelta(hours=3), capacity=2, title="Soon"
    )
    later = build_webinar(start=timezone.now() + datetime.timedelta(days=3))
    for name in ("siti", "yohanes", "rina"):
        webinars.register_for_webinar(people[name], soon)  # rina waits
    webinars.register_for_webinar(people["agustinus"], later)

    result = send_webinar_reminders.enqueue()
    assert result.return_value == {"sent": 2, "failed": 0}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["siti"].email, people["yohanes"].email]
    )
    send_webinar_reminders.enqueue()
    call_command("send_webinar_reminders", stdout=mock.MagicMock())
    assert len(mail.outbox) == 2
    assert not WebinarRegistration.objects.filter(
        webinar=soon, status=Status.REGISTERED, reminder_sent_at__isnull=True
    ).exists()


def test_the_reminder_shows_the_learners_own_zone(people):
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(
        hours=5
    )
    webinar = build_webinar(start=start, title="Etika & Integritas")
    webinars.register_for_webinar(people["siti"], webinar)  # Asia/Makassar
    webinars.register_for_webinar(people["agustinus"], webinar)  # Asia/Jayapura
    send_webinar_reminders.enqueue()
    by_address = {m.to[0]: m for m in mail.outbox}
    siti = by_address[people["siti"].email]
    wita = start.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
    assert f"{wita:%H.%M} WITA" in siti.subject
    assert f"{wita:%H.%M}" in siti.body and "WITA" in siti.body
    assert "Etika & Integritas" in siti.body  # plain text, not escaped
    assert "http://testserver" + webinar.url in siti.body
    wit = start.astimezone(datetime.timezone(datetime.timedelta(hours=9)))
    assert f"{wit:%H.%M} WIT" in by_address[people["agustinus"].email].subject


def test_one_failing_address_does_not_stop_the_others(people, caplog):
    webinar = build_webinar(start=timezone.now() + datetime.timedelta(hours=2))
    for name in ("siti", "yohanes", "rina"):
        webinars.register_for_webinar(people[name], webinar)
    from django.core.mail import send_mail as real_send_mail

    def flaky(subject, body, sender, recipients):
        if recipients == [people["yohanes"].email]:
            raise OSError("mailbox unavailable")
        return real_send_mail(subject, body, sender, recipients)

    with mock.patch("learning.tasks.send_mail", flaky):
        result = send_webinar_reminders.enqueue()
    assert result.return_value == {"sent": 2, "failed": 1}
    assert len(mail.outbox) == 2
    assert "mailbox unavailable" in caplog.text
    # The failed one is tried again on the next run.
    assert send_webinar_reminders.enqueue().return_value == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 3


# The learner's panel on the webinar page -------------------------------------


def test_times_follow_the_viewers_zone(client, people):
    webinar = build_webinar(start=NINE_WIB, join_opens_minutes=30)
    html = client.get(webinar.url).content.decode()
    assert "09.00–11.00 WIB" in html
    for name, expected, opens in (
        ("siti", "10.00–12.00 WITA", "09.30 WITA"),
        ("agustinus", "11.00–13.00 WIT", "10.30 WIT"),
    ):
        webinars.register_for_webinar(people[name], webinar)
        client.force_login(people[name])
        html = client.get(webinar.url).content.decode()
        assert expected in html
        assert opens in html  # when the join link appears, in the panel


def test_the_panel_in_each_state(client, people):
    webinar = build_webinar(capacity=1)
    register = reverse("learning:webinars:register", args=[webinar.pk])
    html = client.get(webinar.url).content.decode()
    assert reverse("people:login") in html and register not in html

    client.force_login(people["siti"])
    html = client.get(webinar.url).content.decode()
    assert register in html
    client.post(register)
    html = client.get(webinar.url).content.decode()
    assert reverse("learning:webinars:cancel", args=[webinar.pk]) in html
    assert reverse("learning:webinars:check_in", args=[webinar.pk]) not in html

    client.force_login(people["yohanes"])
    client.post(register)
    html = client.get(webinar.url).content.decode()
    assert status_of(people["yohanes"], webinar) == Status.WAITLISTED
    assert register not in html
    assert reverse("learning:webinars:attendance", args=[webinar.pk]) not in html

    client.force_login(people["admin"])
    html = client.get(webinar.url).content.decode()
    assert reverse("learning:webinars:attendance", args=[webinar.pk]) in html


def _render_panel(user, webinar, now=None):
    request = RequestFactory().get(webinar.url)
    request.user = user
    template = Template("{% load webinar_tags %}{% webinar_panel webinar now %}")
    return template.render(
        Context({"request": request, "webinar": webinar, "now": now})
    )


def test_the_panel_during_and_after_the_event(people):
    trainer = people["pelatih"]
    webinar = running_webinar(trainers=[trainer], jp=Decimal("2.5"))
    webinars.register_for_webinar(people["siti"], webinar)
    webinars.register_for_webinar(people["rina"], webinar)
    html = _render_panel(people["siti"], webinar)
    assert reverse("learning:webinars:check_in", args=[webinar.pk]) in html
    assert webinar.join_url in html
    assert reverse("learning:webinars:cancel", args=[webinar.pk]) not in html

    webinars.mark_attendance(webinar, [people["siti"]], by=trainer)
    after = webinar.end_at + datetime.timedelta(hours=1)
    html = _render_panel(people["siti"], webinar, after)
    assert "2,5 JP" in html and webinar.join_url not in html  # Indonesian: 2,5
    html = _render_panel(people["rina"], webinar, after)
    assert "2,5" not in html
    assert reverse("learning:webinars:check_in", args=[webinar.pk]) not in html


def test_the_panel_costs_a_fixed_number_of_queries(people, django_assert_num_queries):
    webinar = build_webinar(capacity=3)
    crowd = learners(6)
    for person in crowd:
        webinars.register_for_webinar(person, webinar)
    # Anonymous visitor: 1 the registered count (for the seats left).
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(1):
        _render_panel(AnonymousUser(), webinar)
    # Learner on the waiting list: 1 their registration with its JP entry,
    # 2 the registered count and their place in the queue.
    waiting = crowd[-1]
    with django_assert_num_queries(2):
        html = _render_panel(waiting, webinar)
    assert "3" in html
    # Staff: 3 their role groups, 4 whether they train this webinar.
    webinars.register_for_webinar(people["pelatih2"], webinar)
    people["pelatih2"].refresh_from_db()
    with django_assert_num_queries(4):
        _render_panel(people["pelatih2"], webinar)


# Admin -----------------------------------------------------------------------


def test_trainers_reach_the_attendance_list_from_the_admin(client, people):
    from courses.permissions import setup_trainer_group

    webinar = build_webinar(trainers=[people["pelatih"]])
    setup_trainer_group()  # page permissions on the webinar list, now it exists
    attendance = reverse("learning:webinars:attendance", args=[webinar.pk])
    client.force_login(people["pelatih"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk]))
    assert response.status_code == 200
    assert attendance in response.content.decode()
    response = client.get(reverse("wagtailadmin_explore", args=[webinar_index().pk]))
    assert attendance in response.content.decode()


# Parallel registrations (PostgreSQL) -----------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_registrations_never_exceed_the_capacity(people):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    capacity = 3
    webinar = build_webinar(capacity=capacity)
    crowd = learners(10)
    url = reverse("learning:webinars:register", args=[webinar.pk])
    # The same learner many times at once, and many learners at once.
    users = crowd + [people["siti"]] * 6
    barrier = threading.Barrier(len(users))
    codes, errors = [], []

    def worker(user):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=30)
            codes.append(client.post(url).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert set(codes) == {302}
    rows = WebinarRegistration.objects.filter(webinar=webinar)
    assert rows.filter(status=Status.REGISTERED).count() == capacity
    assert rows.count() == len(crowd) + 1
    assert rows.filter(user=people["siti"]).count() == 1
