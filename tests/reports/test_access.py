"""Who sees what: one scoping rule for rows, totals, charts, exports and choices."""

import pytest

from people.models import Instansi, UnitKerja
from tests.reports.helpers import REPORTS, body, csv_table

REPORT_URLS = [
    REPORTS + "completion/courses/",
    REPORTS + "completion/organisation/",
    REPORTS + "completion/organisation/?people=1",
    REPORTS + "jp/",
    REPORTS + "feedback/",
    REPORTS + "feedback/comments/",
    REPORTS + "quiz-items/",
    REPORTS + "learners/",
]
AGUSTINUS_NIP = "199008172015031005"
YOHANES_NIP = "198705122010011003"
SITI_NIP = "199203152019032008"


@pytest.mark.parametrize("username", ["siti", "pelatih"])
@pytest.mark.parametrize("url", [*REPORT_URLS, REPORTS + "assign/?report=jp"])
def test_learners_and_trainers_get_no_report(client, records, username, url):
    client.force_login(records[username])
    for target in (url, url + ("&" if "?" in url else "?") + "export=csv"):
        response = client.get(target)
        # Learners have no admin access (login page); trainers are sent back
        # to the dashboard by Wagtail's permission handling.
        assert response.status_code in (302, 403), target
        assert SITI_NIP.encode() not in body(response)


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(REPORTS + "jp/")
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("username", ["siti", "pelatih"])
def test_team_page_refuses_learners_and_trainers(client, records, username):
    client.force_login(records[username])
    assert client.get("/tim/").status_code == 403


def test_reports_menu_only_for_report_viewers(client, records):
    client.force_login(records["kabid"])
    assert b"/admin/laporan/completion/courses/" in client.get("/admin/").content
    client.force_login(records["pelatih"])
    assert b"/admin/laporan/completion/courses/" not in client.get("/admin/").content


@pytest.mark.parametrize("url", REPORT_URLS)
def test_admin_instansi_sees_nobody_from_another_instansi(client, records, url):
    client.force_login(records["adminntt"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"Agustinus" not in response.content
    assert b"Jayapura" not in response.content
    header, rows = csv_table(client, url)
    exported = repr(rows)
    assert AGUSTINUS_NIP not in exported and "Agustinus" not in exported


@pytest.mark.parametrize("url", REPORT_URLS)
def test_supervisor_sees_only_their_unit(client, records, url):
    client.force_login(records["kabid"])
    response = client.get(url)
    assert response.status_code == 200
    for outsider in (b"Yohanes", b"Rina", b"Agustinus", YOHANES_NIP.encode()):
        assert outsider not in response.content
    header, rows = csv_table(client, url)
    for outsider in ("Yohanes", "Rina", "Agustinus", YOHANES_NIP):
        assert outsider not in repr(rows)


def test_filter_choices_follow_the_scope(client, records):
    client.force_login(records["kabid"])
    response = client.get(REPORTS + "completion/courses/")
    form = response.context["filters"].form
    assert list(form.fields["instansi"].queryset) == [records["kabid"].instansi]
    assert {unit.code for unit in form.fields["unit_kerja"].queryset} == {
        "ntt-dinkes-yankes"
    }
    client.force_login(records["adminntt"])
    form = client.get(REPORTS + "completion/courses/").context["filters"].form
    assert {unit.instansi.code for unit in form.fields["unit_kerja"].queryset} == {
        "pemprov-ntt"
    }


def test_a_crafted_filter_cannot_widen_the_scope(client, records):
    """Choosing a unit or instansi out of sight is an invalid choice, not a door."""
    jayapura = Instansi.objects.get(code="pemkab-jayapura")
    bkd = UnitKerja.objects.get(code="ntt-bkd")
    client.force_login(records["adminntt"])
    url = REPORTS + f"completion/organisation/?people=1&instansi={jayapura.pk}"
    response = client.get(url)
    assert not response.context["filters"].is_valid()
    assert b"Agustinus" not in response.content
    assert AGUSTINUS_NIP not in repr(csv_table(client, url)[1])
    client.force_login(records["kabid"])
    url = REPORTS + f"jp/?compliance=all&unit_kerja={bkd.pk}"
    header, rows = csv_table(client, url)
    assert "Rina" not in repr(rows)
    assert {row[1] for row in rows} <= {SITI_NIP, "197603092001122003"}


def test_learner_records_outside_the_scope_are_not_found(client, records):
    client.force_login(records["adminntt"])
    agustinus = records["agustinus"]
    assert client.get(REPORTS + f"learners/{agustinus.pk}/").status_code == 404
    assert client.get(REPORTS + f"learners/{records['siti'].pk}/").status_code == 200
    client.force_login(records["kabid"])
    yohanes = records["yohanes"]
    assert client.get(REPORTS + f"learners/{yohanes.pk}/").status_code == 404
