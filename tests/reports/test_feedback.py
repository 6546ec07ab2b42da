"""Questionnaire results: averages, 1-5 distributions and unnamed comments."""

import io

import openpyxl
import pytest

from learning import services
from tests.reports.helpers import REPORTS, body, by, csv_table

FEEDBACK = REPORTS + "feedback/"
COMMENTS = REPORTS + "feedback/comments/"


def rows_of(response):
    return {row["title"]: row for row in response.context["rows"]}


def test_averages_and_distribution_per_course(client, records):
    client.force_login(records["admin"])
    response = client.get(FEEDBACK)
    assert response.status_code == 200
    a = rows_of(response)["Kursus A"]
    # (5,4,5,5) and (3,4,4,3) from Siti, (4,4,4,4) from Yohanes.
    assert a["responses"] == 3
    assert (a["avg_rating_material"], a["avg_rating_delivery"]) == (4.0, 4.0)
    assert round(a["avg_rating_practical"], 2) == 4.33
    assert [a[f"dist_rating_material_{n}"] for n in range(1, 6)] == [0, 0, 1, 1, 1]
    assert [a[f"dist_rating_delivery_{n}"] for n in range(1, 6)] == [0, 0, 0, 3, 0]
    totals = response.context["totals"]
    assert totals["responses"] == 3
    assert [totals[f"dist_rating_overall_{n}"] for n in range(1, 6)] == [0, 0, 1, 1, 1]
    page = response.content.decode()
    # The distribution chart writes its counts and "n = 3" in the SVG.
    assert "n = 3</text>" in page


def test_per_module_and_per_trainer(client, records):
    course = records["course_a"]
    course.trainers.add(records["pelatih"])
    course.save()
    client.force_login(records["admin"])
    modules = rows_of(client.get(f"{FEEDBACK}?group_by=module"))
    assert modules["Modul 1"]["responses"] == 2
    assert modules["Modul 1"]["avg_rating_material"] == 4.5
    assert modules["Modul 2"]["avg_rating_overall"] == 3.0
    trainers = rows_of(client.get(f"{FEEDBACK}?group_by=trainer"))
    assert trainers["Maria Goreti Ndun"]["responses"] == 3


def test_comments_are_escaped_and_unnamed(client, records):
    client.force_login(records["admin"])
    for url in (FEEDBACK, COMMENTS):
        page = client.get(url).content.decode()
        assert "Contoh &lt;b&gt;kasus&lt;/b&gt; sangat membantu" in page
        assert "<b>kasus</b>" not in page
        assert "Siti" not in page and "199203152019032008" not in page
    header, rows = csv_table(client, COMMENTS)
    assert len(header) == 8  # date, course, module, four ratings, comment
    assert [row[-1] for row in rows] == ["Contoh <b>kasus</b> sangat membantu"]
    assert "Siti" not in repr(rows)


def test_a_comment_cannot_become_a_spreadsheet_formula(client, records):
    services.give_feedback(
        records["agustinus"],
        records["modules_a"][0],
        dict.fromkeys(
            (
                "rating_material",
                "rating_delivery",
                "rating_practical",
                "rating_overall",
            ),
            2,
        ),
        '=HYPERLINK("http://example.com","klik")',
    )
    client.force_login(records["admin"])
    header, rows = csv_table(client, COMMENTS)
    assert rows[0][-1] == '\'=HYPERLINK("http://example.com","klik")'
    response = client.get(COMMENTS + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).worksheets[0]
    cell = sheet.cell(row=2, column=8)
    assert cell.value == '=HYPERLINK("http://example.com","klik")'
    assert cell.data_type == "s"  # text, not a formula


@pytest.mark.parametrize("username, responses", [("adminntt", 3), ("kabid", 2)])
def test_feedback_is_scoped(client, records, username, responses):
    services.give_feedback(
        records["agustinus"],
        records["modules_a"][0],
        dict.fromkeys(
            (
                "rating_material",
                "rating_delivery",
                "rating_practical",
                "rating_overall",
            ),
            1,
        ),
        "Komentar dari Jayapura",
    )
    client.force_login(records[username])
    response = client.get(FEEDBACK)
    assert response.context["totals"]["responses"] == responses
    assert "Komentar dari Jayapura" not in response.content.decode()
    assert by(
        [
            {"course": row[1], "comment": row[-1]}
            for row in csv_table(client, COMMENTS)[1]
        ],
        "comment",
    ).keys() <= {"Contoh <b>kasus</b> sangat membantu"}
