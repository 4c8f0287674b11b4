"""The shift report: a seeded shift's figures in the CSV equal what the test computes from the
seeded events; the PDF reads, in English and in Hebrew, with the headings, names and figures
a supervisor looks for; the command answers with the exit statuses and JSON of the others."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update

from fulfillment_app import cli
from fulfillment_app.cli import report as report_cli
from fulfillment_app.context import AppContext
from fulfillment_app.db.models import AuditEntry, PackSession, Role, TimeLost
from fulfillment_app.errors import InvalidInput, PermissionDenied
from fulfillment_app.services import shift_report as sr
from fulfillment_app.services.metrics_types import local_zone
from fulfillment_app.services.permissions import Actor
from tests.conftest import make_settings
from tests.test_metrics import (
    CARTS,
    ORDERS_BY_NUMBER,
    PERIOD_END,
    PERIOD_START,
    SCANS,
    SESSIONS,
    seed_shift,
)

#: The seeded packer, renamed: a Hebrew name must come out whole in both languages.
DANA = "דנה כהן"
PACKER = "cat"


def seed(context: AppContext) -> dict[str, int]:
    with context.db.write() as session:
        users = seed_shift(session)
        session.execute(update(PackSession).values(user_name=DANA))
        session.execute(
            update(AuditEntry)
            .where(AuditEntry.actor == f"{PACKER} (packer)")
            .values(actor=f"{DANA} (packer)")
        )
        session.execute(update(TimeLost).values(person=DANA))
    return users


def in_period(when: datetime) -> bool:
    return PERIOD_START <= when < PERIOD_END


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler extracts it, without the direction marks it adds."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is missing: scripts/test installs it")
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return re.sub("[\u200e\u200f\u202a-\u202e]", "", out)


def test_a_seeded_shift_in_csv_and_in_pdf(context: AppContext, tmp_path: Path) -> None:
    seed(context)
    admin = context.command_line_actor()
    written = sr.write_shift_report(
        context.metrics, admin, PERIOD_START, PERIOD_END, "csv", tmp_path / "shift.csv"
    )
    data = (tmp_path / "shift.csv").read_bytes()
    assert written.size == len(data) and data.startswith(b"\xef\xbb\xbf")
    tables = sr.read_csv(data)

    # The period, as ISO timestamps in UTC.
    (head,) = tables["report"]
    assert (head["from"], head["to"]) == (PERIOD_START.isoformat(), PERIOD_END.isoformat())
    assert head["timezone"] == sr.zone_name(local_zone(context.settings.reports))

    # Throughput, from the seed: picks finished in the period, accepted pack scans not undone
    # (a line once per session), sessions closed in the period.
    picks = [
        (cart[1], task[2][0], task[4], cart[0])
        for cart in CARTS
        for task in cart[6]
        if task[4] > 0 and in_period(task[7])
    ]
    packed: dict[tuple[str, int | None], int] = {}
    for scan in SCANS:
        if scan[0] == "pack" and scan[3] in ("accepted", "complete") and not scan[6]:
            packed[scan[1], scan[2]] = packed.get((scan[1], scan[2]), 0) + scan[4]
    closed = [s for s in SESSIONS if in_period(s[4])]
    team = {
        "orders_packed": len(closed),
        "lines_picked": len(picks),
        "units_picked": sum(p[2] for p in picks),
        "lines_packed": len(packed),
        "units_packed": sum(packed.values()),
    }
    (row,) = tables["team"]
    assert (
        {k: int(row[k]) for k in team}
        == team
        == {
            "orders_packed": 3,
            "lines_picked": 3,
            "units_picked": 6,
            "lines_packed": 3,
            "units_packed": 6,
        }
    )
    hours = float(row["hours"])
    assert float(row["units_picked_per_hour"]) == pytest.approx(6 / hours, abs=1e-3)
    assert sum(int(r["units_picked"]) for r in tables["by_hour"]) == team["units_picked"]
    assert all(datetime.fromisoformat(r["hour"]).tzinfo == UTC for r in tables["by_hour"])

    # Per person, zone and station.
    people = {r["person"]: r for r in tables["people"]}
    for picker in ("ann", "ben"):
        assert int(people[picker]["units_picked"]) == sum(p[2] for p in picks if p[0] == picker)
    assert int(people[DANA]["orders_packed"]) == 3
    assert int(people[DANA]["units_packed"]) == team["units_packed"]
    zones = {r["zone"]: int(r["units_picked"]) for r in tables["zones"]}
    assert zones == {z: sum(p[2] for p in picks if p[1] == z) for z in "AB"}
    stations = {r["station"]: r for r in tables["stations"]}
    assert int(stations["pack-1"]["orders_packed"]) == 3
    assert int(stations["cart-1"]["lines_picked"]) == sum(1 for p in picks if p[3] == 1)

    # Backlog, on time, fill rate, accuracy.
    backlog = {r["status"]: int(r["orders"]) for r in tables["backlog_status"]}
    assert (backlog["open"], backlog["picking"]) == (2, 1)
    assert list(backlog)[:3] == ["open", "on_hold", "picking"]  # in the order work goes
    on_time = [ORDERS_BY_NUMBER[s[0]][2] for s in closed]
    on_time_pairs = [(s[4], cut) for s, cut in zip(closed, on_time, strict=True) if cut]
    (row,) = tables["on_time"]
    assert float(row["on_time_rate"]) == pytest.approx(
        sum(1 for done, cut in on_time_pairs if done <= cut) / len(on_time_pairs), abs=1e-4
    )
    filled = [s for s in closed if all(ln[3] >= ln[1] for ln in ORDERS_BY_NUMBER[s[0]][3])]
    (row,) = tables["fill_rate"]
    assert float(row["fill_rate"]) == pytest.approx(len(filled) / len(closed), abs=1e-4)
    accuracy = {r["work"]: r for r in tables["accuracy"]}
    for work in ("pick", "pack"):
        scans = [s for s in SCANS if s[0] == work and s[3] != "command"]
        wrong = sum(1 for s in scans if s[3] == "wrong item")
        assert (int(accuracy[work]["scans"]), int(accuracy[work]["wrong"])) == (len(scans), wrong)
        assert float(accuracy[work]["accuracy"]) == pytest.approx(1 - wrong / len(scans), abs=1e-4)

    # Fair score and time lost: every task counted once; the lost time is the short pick's
    # wait (ben) and a minute each of a store change and a device fault (the packer).
    fair = {r["scope"]: r for r in tables["fair_score"]}
    assert int(fair["team"]["tasks"]) == len(CARTS) + len(SESSIONS)
    assert int(fair["carts"]["tasks"]) + int(fair["pack sessions"]["tasks"]) == len(CARTS) + len(
        SESSIONS
    )
    assert float(fair["team"]["score"]) == pytest.approx(
        float(fair["team"]["expected_s"]) / float(fair["team"]["worked_s"]), abs=1e-3
    )
    lost = {r["scope"]: r for r in tables["time_lost"]}
    assert float(lost["ben"]["lost_s"]) == 3 * 60
    assert float(lost[DANA]["lost_s"]) == 2 * 60
    assert float(lost["team"]["lost_s"]) == 5 * 60
    assert (float(lost["ann"]["active_s"]), float(lost["ann"]["signed_in_s"])) == (600, 720)

    # The PDF, in Hebrew: headings in reading order, the Hebrew name whole, the figures.
    sr.write_shift_report(
        context.metrics, admin, PERIOD_START, PERIOD_END, "pdf", tmp_path / "he.pdf", "he"
    )
    text = pdf_text(tmp_path / "he.pdf")
    for heading in ("דוח משמרת", "לפי עובד", "דיוק ליקוט ואריזה", "זמן צפוי", "שיעור מילוי"):
        assert heading in text
    assert DANA in text and "66.7%" in text and "88.9%" in text  # pick and pack accuracy
    zone = local_zone(context.settings.reports)
    shown = [t.astimezone(zone).strftime("%Y-%m-%d %H:%M") for t in (PERIOD_START, PERIOD_END)]
    assert " – ".join(shown) in text  # the period, in the settings' time zone
    info = subprocess.run(["pdfinfo", str(tmp_path / "he.pdf")], capture_output=True, text=True)
    assert "595 x 842 pts (A4)" in info.stdout

    # A packer may not take away everyone's figures; nothing is written.
    packer = Actor(name="x", role=Role.PACKER, station="test", user_id=1)
    with pytest.raises(PermissionDenied):
        sr.write_shift_report(
            context.metrics, packer, PERIOD_START, PERIOD_END, "csv", tmp_path / "no.csv"
        )
    assert not (tmp_path / "no.csv").exists()


def test_pdf_pages_in_english_and_hebrew(tmp_path: Path) -> None:
    """A long table goes on over pages with its heading and header again; each page says
    which it is; an empty table says so; names stay whole in either language."""
    start = datetime(2026, 11, 20, 6, tzinfo=UTC)
    hours = [[start + timedelta(hours=i), i, 2 * i, 3 * i, 0, 0] for i in range(90)]
    report = sr.ShiftReport(
        start,
        start + timedelta(hours=90),
        start + timedelta(hours=90, minutes=2),
        (
            sr.section("by_hour", (sr.Column("hour", sr.Kind.TIME), *sr.THROUGHPUT), hours),
            sr.section(
                "people",
                (sr.Column("person", sr.Kind.TEXT), *sr.THROUGHPUT),
                [
                    [DANA, 1, 2, 3, 4, 5],
                    ["Avi לוי", 12345, 0, 0, 0, 0],
                ],
            ),
            sr.section("zones", sr.columns(("zone", sr.Kind.TEXT), "lines_picked"), []),
        ),
    )
    for language, continued, empty, page in (
        ("en", "By hour (continued)", "Nothing in this period.", "Page 3 of 3"),
        ("he", "לפי שעה – המשך", "אין נתונים בתקופה זו.", "מתוך 3"),
    ):
        path = tmp_path / f"{language}.pdf"
        sr.save(sr.render(report, "pdf", language), path)
        text = pdf_text(path)
        assert continued in text and empty in text and page in text, text
        assert DANA in text and "12,345" in text and "2026-11-23 23:00" in text
    # A name in two scripts, in the order it is written (in a Hebrew page poppler reads the
    # line's runs right to left: the drawing is the same).
    assert "Avi לוי" in pdf_text(tmp_path / "en.pdf")


def test_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "station"
    url = f"sqlite:///{tmp_path / 'station.sqlite3'}"
    (tmp_path / "station.sqlite3").touch()
    with AppContext.running(make_settings(url, data_dir)) as context:
        seed(context)

    def run(*args: str) -> tuple[int, str, str]:
        status = cli.main(["--database", url, "report", "shift", *args])
        out, err = capsys.readouterr()
        return status, out, err

    period = ("--from", "2026-11-20T07:00:00Z", "--to", "2026-11-20T10:00:00+00:00")
    out_file = tmp_path / "shift.csv"
    status, out, err = run(*period, "--format", "csv", "--out", str(out_file), "--json")
    assert status == 0, err
    answer = json.loads(out)
    assert answer["path"] == str(out_file) and answer["bytes"] == out_file.stat().st_size
    assert answer["sections"]["people"] == 3 and answer["from"] == PERIOD_START.isoformat()
    assert answer["team"]["orders_packed"] == 3 and answer["team"]["units_picked"] == 6
    assert int(sr.read_csv(out_file.read_bytes())["team"][0]["orders_packed"]) == 3

    status, out, err = run(*period, "--out", str(tmp_path / "shift.pdf"), "--language", "he")
    assert status == 0 and "written to" in out and "(pdf, " in out, err
    assert (tmp_path / "shift.pdf").read_bytes().startswith(b"%PDF")

    status, out, _ = run(*period, "--format", "csv", "--out", "-")
    assert status == 0 and out.startswith("\ufeffsection,from,to")

    # Wrong command lines: 2; a file that cannot be written: 1; one sentence each.
    for args, expected, code in (
        (("--from", "2026-11-20T10:00", "--to", "2026-11-20T07:00"), "--from must come", 2),
        (("--from", "yesterday", "--to", "2026-11-20"), "'yesterday' is not a date", 2),
        ((*period, "--format", "xls"), "invalid choice", 2),
        ((*period, "--out", str(tmp_path / "no" / "r.pdf")), "there is no folder", 1),
        ((*period, "--out", str(tmp_path)), "it is a folder", 1),
    ):
        extra = () if "--out" in args else ("--out", str(tmp_path / "x.pdf"))
        status, out, err = run(*args, *extra)
        assert status == code and expected in err and len(err.strip().splitlines()) == 1, err
        status, out, err = run(*args, *extra, "--json")
        answer = json.loads(out)
        assert (status, set(answer), answer["status"]) == (code, {"error", "status"}, code)
        assert expected in answer["error"]
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "no").exists()
    assert report_cli.FORMATS == sr.FORMATS and report_cli.LANGUAGES == sr.LANGUAGES


@given(st.datetimes(timezones=st.none() | st.just(UTC) | st.timezones()))
def test_parse_time_reads_back_any_iso_time(moment: datetime) -> None:
    """The same wall time and offset (compared as text: an hour that repeats when the clocks
    go back never equals itself across zones in Python's comparison)."""
    assert report_cli.parse_time(moment.isoformat()).isoformat() == moment.isoformat()
    minutes = moment.isoformat(sep=" ", timespec="minutes")
    assert report_cli.parse_time(minutes).isoformat(sep=" ", timespec="minutes") == minutes


@given(st.text(max_size=40))
def test_parse_time_answers_any_text_with_a_time_or_a_sentence(text: str) -> None:
    try:
        assert isinstance(report_cli.parse_time(text), datetime)
    except argparse.ArgumentTypeError as exc:
        assert "is not a date and time like 2026-11-26T06:00" in str(exc)


def test_csv_cells_are_plain() -> None:
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC) + timedelta(hours=0)
    assert sr.csv_value(None, sr.Kind.RATIO) == ""
    assert sr.csv_value(2 / 3, sr.Kind.RATIO) == "0.6667"
    assert sr.csv_value(12345, sr.Kind.COUNT) == "12345"
    assert sr.csv_value(90.04, sr.Kind.SECONDS) == "90.0"
    assert sr.csv_value(when, sr.Kind.TIME) == "2026-11-20T09:30:00+00:00"
    assert sr.suggested_name(when, "pdf") == "shift-report-2026-11-20-0930.pdf"
    with pytest.raises(InvalidInput, match="csv or pdf, not xls"):
        sr.render(sr.ShiftReport(when, when, when, ()), "xls")
