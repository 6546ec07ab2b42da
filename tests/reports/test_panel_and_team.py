"""The admin home summary panel and the supervisors' "Tim saya" page."""

import datetime

from django.utils import timezone

from courses.models import WebinarIndexPage, WebinarPage
from learning.models import ModuleProgress
from reports.panels import summary_figures
from tests.reports.helpers import count_queries
from tests.reports.test_exports import add_people


def active_this_month(usernames):
    start = timezone.localdate().replace(day=1)
    return sum(
        1
        for username in usernames
        if ModuleProgress.objects.filter(
            user__username=username,
            last_seen_at__date__gte=start,
        ).exists()
    )


def test_summary_figures_follow_the_scope(records):
    figures = summary_figures(records["adminntt"])
    # Progress rows belong to Siti, Yohanes and Kabid (Agustinus only failed
    # a quiz); who of them was seen this month depends on today's date.
    assert figures["active_learners"] == active_this_month(["siti", "yohanes", "kabid"])
    assert (figures["enrolled"], figures["completed"]) == (6, 3)
    assert figures["completion_rate"] == 50
    assert (figures["asn"], figures["jp_reached"]) == (5, 0)
    kabid = summary_figures(records["kabid"])
    assert (kabid["enrolled"], kabid["completed"], kabid["asn"]) == (3, 3, 2)


def test_panel_renders_on_the_admin_home(client, records):
    client.force_login(records["adminntt"])
    page = client.get("/admin/").content.decode()
    assert 'id="lms-reports-summary-title"' in page
    assert ">50%</a>" in page
    # An Admin instansi cannot publish pages: no approval queue for them.
    assert "/admin/reports/workflow/" not in page
    client.force_login(records["admin"])
    assert "/admin/reports/workflow/" in client.get("/admin/").content.decode()
    client.force_login(records["pelatih"])
    assert (
        'id="lms-reports-summary-title"' not in client.get("/admin/").content.decode()
    )


def test_panel_lists_the_next_webinars(client, records):
    from wagtail.models import Page

    index = WebinarIndexPage(title="Webinar", slug="webinar")
    Page.objects.get(depth=2).add_child(instance=index)
    start = timezone.now() + datetime.timedelta(days=2)
    for number in range(4):
        index.add_child(
            instance=WebinarPage(
                title=f"Webinar {number}",
                slug=f"webinar-{number}",
                start_at=start + datetime.timedelta(days=number),
                end_at=start + datetime.timedelta(days=number, hours=1),
                description="<p>Sesi</p>",
            )
        )
    client.force_login(records["kabid"])
    page = client.get("/admin/").content.decode()
    assert "Webinar 0" in page and "Webinar 2" in page
    assert "Webinar 3" not in page


def test_team_page_for_a_supervisor(client, records):
    client.force_login(records["kabid"])
    response = client.get("/tim/")
    assert response.status_code == 200
    members = response.context["members"]
    # The team is the unit without the supervisor.
    assert [member.username for member in members] == ["siti"]
    siti = members[0]
    assert (siti.in_progress, siti.completed, siti.overdue) == (0, 2, 0)
    assert (siti.jp_total, siti.jp_minimum) == (8, 20)
    page = response.content.decode()
    assert "Kursus A" in page and "Kursus B" in page
    assert "Yohanes" not in page


def test_team_page_for_an_admin_instansi_marks_overdue(client, records):
    client.force_login(records["adminntt"])
    members = {m.username: m for m in client.get("/tim/").context["members"]}
    assert set(members) == {"pelatih", "kabid", "siti", "yohanes", "rina"}
    assert members["rina"].overdue == 1
    assert members["rina"].jp_minimum == 24


def test_team_page_costs_the_same_for_a_bigger_team(client, records):
    client.force_login(records["adminntt"])
    small, _ = count_queries(client, "/tim/")
    add_people(40)
    large, _ = count_queries(client, "/tim/")
    assert small == large
