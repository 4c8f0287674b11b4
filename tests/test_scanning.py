"""Scan interpretation: GTINs, GS1 element strings, EPCs, our own codes, and garbage."""

from __future__ import annotations

import string

import biip
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fulfillment_app.config import ScanSettings
from fulfillment_app.gtin import gs1_check_digit
from fulfillment_app.scanning import Interpreter
from fulfillment_app.scanning.interpret import expand_upce

KINDS = {"gtin", "gs1", "epc", "location", "tote", "badge", "order", "command", "unknown", "error"}
INTERPRETER = Interpreter()


def scan(raw, **kw):  # type: ignore[no-untyped-def]
    return INTERPRETER.interpret(raw, **kw)


# -- GTIN ----------------------------------------------------------------------------------------


def test_check_digits_from_the_gs1_general_specifications() -> None:
    assert gs1_check_digit("950110153100") == 0
    assert gs1_check_digit("9501234") == 6
    assert scan("9501101531000").gtin == "09501101531000"
    assert scan("95012346").gtin == "00000095012346"


@pytest.mark.parametrize(
    ("raw", "gtin14"),
    [
        ("036000291452", "00036000291452"),  # UPC-A
        ("0036000291452", "00036000291452"),  # the same as EAN-13
        ("00036000291452", "00036000291452"),  # and as GTIN-14
        ("]E00036000291452", "00036000291452"),  # with the AIM identifier of EAN-13
        ("04252614", "00042100005264"),  # UPC-E, expanded to UPC-A
    ],
)
def test_every_form_of_one_gtin_meets_as_14_digits(raw: str, gtin14: str) -> None:
    result = scan(raw)
    assert (result.kind, result.gtin) == ("gtin", gtin14)


def test_upce_expansion() -> None:
    assert expand_upce("04252614") == "042100005264"
    assert expand_upce("01234565") == "012345000065"
    assert expand_upce("12345678") is None  # wrong check digit after expansion


def test_a_bad_check_digit_is_an_error_not_a_match() -> None:
    result = scan("4006381333932")
    assert result.kind == "error" and result.gtin is None
    assert "wrong check digit (expected 1)" in result.error


# -- GS1 -----------------------------------------------------------------------------------------

GS = "\x1d"


@pytest.mark.parametrize(
    "raw",
    [
        "]C101095011010209171719050810ABCD1234" + GS + "2110",
        "]d201095011010209171719050810ABCD1234" + GS + "2110",
        "]Q301095011010209171719050810ABCD1234" + GS + "2110",
        "(01)09501101020917(17)190508(10)ABCD1234(21)10",
        "01095011010209171719050810ABCD1234" + GS + "2110",  # wedge that dropped ]C1
    ],
)
def test_gs1_element_strings_in_every_form(raw: str) -> None:
    result = scan(raw)
    assert result.kind == "gs1"
    assert result.ais == {"01": "09501101020917", "17": "190508", "10": "ABCD1234", "21": "10"}
    assert (result.gtin, result.serial) == ("09501101020917", "10")


def test_sscc_weight_and_logistics_ais() -> None:
    result = scan("]C100106141412345678908")
    assert result.kind == "gs1" and result.sscc == "106141412345678908"
    result = scan(
        "]C10209501101020917" + "37" + "12" + GS + "3103001250" + "400PO-77" + GS + "42012345"
    )
    assert result.ais == {
        "02": "09501101020917",
        "37": "12",
        "3103": "001250",
        "400": "PO-77",
        "420": "12345",
    }
    assert result.gtin == "09501101020917"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("]C10109501101020918", "wrong check digit"),
        ("]C100106141412345678909", "SSCC 106141412345678909 has a wrong check digit"),
        ("]C1010950110102091717190231", "not a valid date"),
        ("]C10109501101020917" + "10ABC DEF", "wrong length or characters"),
        ("]C10109501101", "needs 14 characters"),
        ("]C1230000", "unknown GS1 Application Identifier"),
        ("(01)09501101020917(99", "not a bracketed GS1 element string"),
    ],
)
def test_bad_gs1_is_explained(raw: str, message: str) -> None:
    result = scan(raw)
    assert result.kind == "error" and message in result.error


def test_day_00_means_the_end_of_the_month() -> None:
    assert scan("]C10109501101020917" + "17" + "280200").ais["17"] == "280200"


AI_VALUES = {
    "01": st.just("09501101020917"),
    "10": st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=20),
    "17": st.sampled_from(["281231", "250228", "270100"]),
    "21": st.text(string.ascii_letters + string.digits, min_size=1, max_size=20),
    "30": st.integers(1, 99_999_999).map(str),
    "3102": st.integers(0, 999_999).map(lambda n: f"{n:06d}"),
}


@settings(max_examples=300)
@given(st.lists(st.sampled_from(sorted(AI_VALUES)), min_size=1, max_size=5, unique=True), st.data())
def test_agrees_with_biip_on_random_element_strings(ais: list[str], data) -> None:  # type: ignore[no-untyped-def]
    values = {ai: data.draw(AI_VALUES[ai]) for ai in ais}
    fixed = {"01", "17", "3102"}
    text = "".join(ai + v + ("" if ai in fixed else GS) for ai, v in values.items()).rstrip(GS)
    ours = scan("]C1" + text)
    theirs = biip.parse("]C1" + text, config=biip.ParseConfig(separator_chars=(GS,)))
    assert ours.kind == "gs1", ours.error
    assert theirs.gs1_message is not None
    assert ours.ais == {e.ai.ai: e.value for e in theirs.gs1_message.element_strings} == values


# -- EPC -----------------------------------------------------------------------------------------


def test_sgtin96_worked_example_of_the_tag_data_standard() -> None:
    result = scan("3074257BF7194E4000001A85", source="rfid")
    assert result.kind == "epc"
    assert result.epc["tag_uri"] == "urn:epc:tag:sgtin-96:3.0614141.812345.6789"
    assert result.epc["uri"] == "urn:epc:id:sgtin:0614141.812345.6789"
    assert (result.gtin, result.serial) == ("80614141123458", "6789")
    assert scan("urn:epc:id:sgtin:0614141.812345.6789").gtin == "80614141123458"


def _sscc96(filter_: int, partition: int, company: int, cp_bits: int, ref: int) -> str:
    """An SSCC-96 built bit by bit, independently of the decoder."""
    value = (0x31 << 88) | (filter_ << 85) | (partition << 82)
    value |= company << (82 - cp_bits)
    value |= ref << 24
    return f"{value:024X}"


def test_sscc96() -> None:
    # Company prefix 0614141 (7 digits: partition 5, 24 bits), serial reference 1234567890.
    result = scan(_sscc96(0, 5, 614141, 24, 1234567890), source="rfid")
    body = "1" + "0614141" + "234567890"
    assert result.sscc == body + str(gs1_check_digit(body))
    assert result.epc["uri"] == "urn:epc:id:sscc:0614141.1234567890"


def test_other_epcs_are_unknown_not_a_crash() -> None:
    result = scan("350646766781206510000011", source="rfid")
    assert result.kind == "epc" and result.epc["scheme"] == "unknown"
    assert result.epc["header"] == "0x35"
    bad_partition = f"{(0x30 << 88) | (7 << 82):024X}"
    assert scan(bad_partition, source="rfid").kind == "error"
    assert scan("XYZ", source="rfid").kind == "error"


# -- our own codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("CMD:CONFIRM", "command", "confirm"),
        ("CMD:short", "command", "short"),
        ("CMD:UNDO", "command", "undo"),
        ("CMD:LOGOUT", "command", "logout"),
        ("A-03-12-2", "location", "A-03-12-2"),
        ("TOTE-0042", "tote", "TOTE-0042"),
        ("CART-7", "tote", "CART-7"),
        ("BADGE-1001", "badge", "BADGE-1001"),
        ("ORD:1001", "order", "1001"),
        ("#1001", "order", "#1001"),
        ("SKU-1000", "unknown", "SKU-1000"),
        ("]C0SKU-1000", "unknown", "SKU-1000"),
    ],
)
def test_our_codes(raw: str, kind: str, value: str) -> None:
    result = scan(raw)
    assert (result.kind, result.value) == (kind, value)


def test_prefixes_come_from_settings() -> None:
    custom = Interpreter(ScanSettings(badge_prefix="EMP", location_pattern=r"^LOC\d+$"))
    assert custom.interpret("EMP77").kind == "badge"
    assert custom.interpret("LOC12").kind == "location"
    assert custom.interpret("BADGE-1001").kind == "unknown"


def test_unknown_command_is_an_error() -> None:
    result = scan("CMD:EXPLODE")
    assert result.kind == "error" and "Unknown command barcode" in result.error


# -- garbage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe\x00", "not text"),
        ("", "empty"),
        ("   \r\n", "empty"),
        ("\x07\x08\x1b[2J", "control characters"),
        ("9" * 10_000, "too long"),
        ("]C1", "no data"),
    ],
)
def test_garbage_is_a_clear_error(raw, message: str) -> None:  # type: ignore[no-untyped-def]
    result = scan(raw)
    assert result.kind == "error" and message in result.error
    assert len(result.raw) <= 201


@settings(max_examples=1000)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)), st.booleans())
def test_anything_gives_a_result_never_an_exception(raw, rfid: bool) -> None:  # type: ignore[no-untyped-def]
    result = INTERPRETER.interpret(raw, source="rfid" if rfid else "scanner")
    assert result.kind in KINDS
    assert (result.error is not None) == (result.kind == "error")
    if result.gtin is not None:
        assert len(result.gtin) == 14 and result.gtin.isdigit()
        assert gs1_check_digit(result.gtin[:-1]) == int(result.gtin[-1])
    result.to_dict()


@given(st.text(alphabet=string.digits + "()" + GS + "]CdQ1", max_size=60))
def test_gs1_shaped_noise_never_crashes(raw: str) -> None:
    assert scan(raw).kind in KINDS


@given(
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩０１２" + GS, min_size=1, max_size=40),
    st.sampled_from(["", "]C1", "(01)", "01"]),
)
def test_unicode_digits_are_not_taken_for_barcode_digits(tail: str, head: str) -> None:
    result = scan(head + tail)
    assert result.kind in KINDS
    if result.gtin:
        assert result.gtin.isascii()
