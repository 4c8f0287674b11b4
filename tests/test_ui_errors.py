"""Errors cross from the services to the screens as typed values: a screen branches on the
class, never on the text (which will be Hebrew), and anything unexpected is logged with its
traceback and shown as one sentence."""

from __future__ import annotations

import logging

import pytest

from fulfillment_app.context import AppContext
from fulfillment_app.errors import FulfillmentError, NotFound
from fulfillment_app.services.pick_types import NotYours, WrongItem, WrongLocation, WrongTote
from fulfillment_app.ui.pick_view import PickView
from fulfillment_app.ui.tasks import UNEXPECTED, TaskRunner, UnexpectedError

TIMEOUT = 10_000


def _fail(error: BaseException):  # type: ignore[no-untyped-def]
    def call() -> None:
        raise error

    return call


def _outcome(qtbot, runner: TaskRunner, call) -> FulfillmentError:  # type: ignore[no-untyped-def]
    errors: list[FulfillmentError] = []
    runner.run(call, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT)
    return errors[0]


@pytest.fixture
def runner(qtbot):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_a_domain_error_arrives_as_itself(qtbot, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    raised = NotFound("There is no cart (pick batch) 7.")
    assert _outcome(qtbot, runner, _fail(raised)) is raised


def test_an_unexpected_error_is_logged_and_shown_as_one_sentence(  # type: ignore[no-untyped-def]
    qtbot, runner: TaskRunner, caplog
) -> None:
    bug = KeyError("line_items")
    with caplog.at_level(logging.ERROR, logger="fulfillment_app.ui.tasks"):
        error = _outcome(qtbot, runner, _fail(bug))
    assert isinstance(error, UnexpectedError)
    assert error.__cause__ is bug
    assert str(error) == UNEXPECTED and "line_items" not in str(error)
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and logged[0].exc_info[1] is bug  # type: ignore[index]


@pytest.mark.parametrize(
    ("error", "step"),
    [
        # The texts say nothing the screen could search for (or the wrong thing, on purpose):
        # the next step follows from the class alone.
        (WrongItem("זה לא המוצר: סרקו את המוצר הנכון."), "item"),
        (WrongTote("ארגז שגוי."), "tote"),
        (WrongLocation("The item is not here: wrong location."), "location"),
        (NotYours("Cart 3 is not yours: the item was taken by Avi."), "location"),
        (UnexpectedError(), "location"),
    ],
)
def test_the_pick_screen_branches_on_the_error_type(  # type: ignore[no-untyped-def]
    qtbot, sqlite_context: AppContext, runner: TaskRunner, error: FulfillmentError, step: str
) -> None:
    view = PickView(sqlite_context.picking, sqlite_context.scans, runner)
    qtbot.addWidget(view)
    view.step = "tote"  # where a confirm starts from: all three scans made
    view._confirm_failed(error)
    assert view.step == step
    assert view.message.text() == str(error)
