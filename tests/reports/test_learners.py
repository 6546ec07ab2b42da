"""Learner search and the learner record."""

from tests.reports.helpers import REPORTS, csv_table

LEARNERS = REPORTS + "learners/"


def test_search_by_nip_or_name_among_visible_people(client, records):
    client.force_login(records["adminntt"])
    response = client.get(LEARNERS, {"q": "199203152019032008"})
    assert [row["label"] for row in response.context["rows"]] == [
        "Siti Rahmawati, S.Kep."
    ]
    siti = response.context["rows"][0]
    assert (siti["enrolled"], siti["completed"]) == (2, 2)
    assert siti["jp_total"] == 8  # two completed courses of 4 JP
    response = client.get(LEARNERS, {"q": "Agustinus"})
    assert response.context["rows"] == []
    header, rows = csv_table(client, LEARNERS + "?q=bria")
    assert [row[1] for row in rows] == ["198705122010011003"]


def test_record_shows_the_whole_history(client, records):
    client.force_login(records["admin"])
    siti = records["siti"]
    response = client.get(REPORTS + f"learners/{siti.pk}/")
    assert response.status_code == 200
    enrolments = {row.course_title: row for row in response.context["enrolments"]}
    a, b = enrolments["Kursus A"], enrolments["Kursus B"]
    assert (a.modules_done, a.modules_total, a.quiz_score) == (3, 3, 100)
    assert (b.modules_done, b.modules_total) == (2, 2)
    assert a.has_certificate and b.has_certificate
    assert [row["score"] for row in response.context["attempts"]] == [100]
    assert len(response.context["feedback"]) == 2
    assert len(response.context["certificates"]) == 2
    jp = response.context["jp"]
    assert (jp["total"], jp["minimum"], jp["reached"]) == (8, 20, False)
    page = response.content.decode()
    assert page.count('role="img"') == 1
    # A superuser reads the comments beside the name; escaped.
    assert "Contoh &lt;b&gt;kasus&lt;/b&gt; sangat membantu" in page


def test_record_hides_comments_from_non_superusers(client, records):
    client.force_login(records["adminntt"])
    response = client.get(REPORTS + f"learners/{records['siti'].pk}/")
    assert response.status_code == 200
    assert "kasus" not in response.content.decode()
    assert "comment" not in response.context["feedback"][0]


def test_record_year(client, records):
    client.force_login(records["kabid"])
    url = REPORTS + f"learners/{records['siti'].pk}/"
    assert client.get(url, {"year": "1999"}).status_code == 404
    assert client.get(url, {"year": "abc"}).status_code == 200
