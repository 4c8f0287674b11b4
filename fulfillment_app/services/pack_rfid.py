"""One bulk RFID read of a tote compared with the order at the packing station."""

from __future__ import annotations

from ..db import Database
from ..db.models import ScanEvent
from ..packing.verify import Decision, Outcome
from ..scanning import Interpreter
from .pack_checks import known_elsewhere, store_change
from .pack_state import LiveSessions
from .pack_types import OrderNotPackable, RfidResult
from .permissions import Actor, Permission


def rfid_verify(
    db: Database,
    interpreter: Interpreter,
    sessions: LiveSessions,
    actor: Actor,
    session_id: int,
    epcs: set[str],
) -> RfidResult:
    """Compare one bulk read of the tote with the order: each distinct tag counts once;
    SGTIN EPCs map to GTINs. Missing, extra and unknown tags are all reported at once.
    Items the tags confirm are counted as packed (one scan event per tag), in memory only
    once their events have committed."""
    actor.require(Permission.PACK)
    extra: list[str] = []
    unknown: list[str] = []
    accepted: list[tuple[str, Decision]] = []
    events: list[tuple[int, Decision]] = []
    with db.write() as session:
        live = sessions.current(session, session_id)
        change = store_change(session, live.order_id)
        if change is not None:
            raise OrderNotPackable(change)
        try:
            for epc in sorted(epcs):
                result = interpreter.interpret(epc, source="rfid")
                if result.kind != "epc" or not result.gtin:
                    unknown.append(epc)
                    continue
                decision = live.verifier.decide(result)
                if decision.outcome is Outcome.UNKNOWN:
                    decision = known_elsewhere(session, result, decision)
                if decision.outcome in (Outcome.ACCEPTED, Outcome.COMPLETE) and decision.line_id:
                    live.verifier.apply(decision)  # the next tag of this line sees it taken
                    accepted.append((epc, decision))
                elif decision.outcome is Outcome.UNKNOWN:
                    unknown.append(epc)
                else:
                    extra.append(epc)
        finally:  # memory goes back to what the database has until the events commit
            for _, decision in accepted:
                live.verifier.undo(decision)
        for epc, decision in accepted:
            event = ScanEvent(
                user_id=actor.user_id,
                context="pack",
                raw=epc,
                kind="epc",
                outcome=decision.outcome.value,
                order_id=live.order_id,
                pack_session_id=session_id,
                order_line_id=decision.line_id,
                quantity=decision.quantity,
                serial=(decision.serial or None),
            )
            session.add(event)
            session.flush()
            events.append((event.id, decision))
    for event_id, decision in events:
        live.verifier.apply(decision)
        live.count(event_id, decision)
    live.committed()
    missing = [
        f"{line.name} ({line.remaining})"
        for line in live.verifier.lines.values()
        if line.remaining > 0
    ]
    return RfidResult(len(accepted), missing, extra, unknown, live.verifier.complete)
