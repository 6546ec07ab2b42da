import pytest


@pytest.fixture
def demo_people(db):
    """The demo organisation and one account per role."""
    from people.demo import seed_people

    return {name: user for name, (user, _role) in seed_people().items()}
