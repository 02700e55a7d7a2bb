import pytest

from calc import schedules as schedules_module
from calc.api import create_app


@pytest.fixture(scope="session")
def schedules():
    """The bundled schedules, loaded and validated once for the whole run."""
    return schedules_module.load()


@pytest.fixture(scope="session")
def book(schedules):
    return schedules.calendar


@pytest.fixture(scope="session")
def cal(book):
    """The published working-day calendar (2004 through the newest notice)."""
    return book.published


@pytest.fixture(scope="session")
def rules(schedules):
    return schedules.rules


@pytest.fixture(scope="session")
def app(schedules):
    return create_app({"TESTING": True}, loaded=schedules)


@pytest.fixture()
def client(app):
    return app.test_client()
