"""Quiz item analysis: share correct, the most chosen wrong answer, flags."""

from django.utils import translation

from courses.models import ModulePage
from reports.views import QuizItemReport
from reports.views import quiz as quiz_report
from tests.reports.helpers import REPORTS, by, csv_rows

QUIZ = REPORTS + "quiz-items/"
KEYS = QuizItemReport.list_export


def test_each_question_with_its_share_correct_and_top_wrong_answer(client, records):
    client.force_login(records["admin"])
    rows = by(csv_rows(client, QUIZ, KEYS), "question_id")
    assert set(rows) == {"q-single", "q-multi", "q-tf", "q-text"}
    single = rows["q-single"]
    # Siti and Yohanes chose "20 JP", Agustinus "10 JP".
    assert single["question_text"] == "Berapa JP minimal PNS per tahun?"
    assert [single[key] for key in ("answers", "correct", "correct_rate")] == [
        "3",
        "2",
        "66.7",
    ]
    assert (single["top_wrong_label"], single["top_wrong_times"]) == ("10 JP", "1")
    assert (rows["q-multi"]["correct_rate"], rows["q-multi"]["top_wrong_label"]) == (
        "100.0",
        "",
    )
    with translation.override("id"):
        false = translation.gettext("False")
    assert rows["q-tf"]["top_wrong_label"] == false
    text = rows["q-text"]
    assert [text[key] for key in ("correct", "correct_rate")] == ["1", "33.3"]
    assert (text["top_wrong_label"], text["top_wrong_times"]) == ("jam pelatihan", "2")
    # Three answers are too few to judge a question.
    assert {row["flag_label"] for row in rows.values()} == {""}


def test_flags_use_the_thresholds(client, records, monkeypatch):
    monkeypatch.setattr(quiz_report, "MIN_ANSWERS", 3)
    monkeypatch.setattr(quiz_report, "TOO_HARD", 40)
    client.force_login(records["admin"])
    response = client.get(QUIZ)
    flags = {row["question_id"]: row["flag"] for row in response.context["rows"]}
    assert flags == {"q-single": "", "q-multi": "easy", "q-tf": "", "q-text": "hard"}
    page = response.content.decode()
    assert "reports-flag--easy" in page and "reports-flag--hard" in page
    assert 'class="reports-chart__marker"' in page


def test_a_question_removed_from_the_module_keeps_its_text(client, records):
    module = ModulePage.objects.get(pk=records["modules_a"][0].pk)
    module.body = [block for block in module.body.raw_data if block["id"] != "q-tf"]
    module.save_revision().publish()
    client.force_login(records["admin"])
    rows = by(csv_rows(client, QUIZ, KEYS), "question_id")
    assert rows["q-tf"]["question_text"] == "PPPK juga wajib mengembangkan kompetensi."


def test_quiz_items_are_scoped(client, records):
    client.force_login(records["adminntt"])
    rows = by(csv_rows(client, QUIZ, KEYS), "question_id")
    # Without Agustinus: both remaining answers to q-single are right.
    assert rows["q-single"]["answers"] == "2"
    assert rows["q-single"]["correct_rate"] == "100.0"
