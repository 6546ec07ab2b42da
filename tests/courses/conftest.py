import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses.permissions import setup_trainer_group
from home.models import HomePage

from .factories import (
    CourseIndexPageFactory,
    PolicyIndexPageFactory,
    WebinarIndexPageFactory,
)


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def indexes(home):
    """The three index pages under the home page, with trainer permissions."""
    pages = {
        "courses": CourseIndexPageFactory(parent=home),
        "webinars": WebinarIndexPageFactory(parent=home),
        "policies": PolicyIndexPageFactory(parent=home),
    }
    setup_trainer_group()
    return pages


@pytest.fixture
def catalogue(indexes):
    return indexes["courses"]


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Gambar uji", file=get_test_image_file(size=(1200, 700))
    )
