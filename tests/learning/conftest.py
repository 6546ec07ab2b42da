import pytest

from tests import builders


@pytest.fixture
def learner(demo_people):
    return demo_people["siti"]


@pytest.fixture
def other_learner(demo_people):
    return demo_people["yohanes"]


@pytest.fixture
def quiz_course(db):
    """Three modules; the second has the four-question quiz."""
    return builders.course(3, quiz_in=(1,), title="Literasi JP")
