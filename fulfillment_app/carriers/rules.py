"""Choosing the carrier for an order: rules from the settings, first match wins.

The rules live under ``[shipping]`` in the settings file, one rule a string::

    [shipping]
    rules = [
        'country!=IL -> DHL Express:express',
        'pickup -> HFD:locker',
        'method~"איסוף עצמי" -> Pickup at the shop',
        'method~/express|מהיר/ weight<=5000 -> Cheetah',
        'cod -> Cheetah',
        'weight>20000 -> Focus:heavy',
    ]
    default_carrier = "HFD"
    default_service = ""

A rule is ``CONDITIONS -> CARRIER[:SERVICE]``; every condition must hold, and a rule with no
condition (or ``*``) always does. Conditions, separated by spaces:

- ``method~TEXT``: the store's shipping method name contains TEXT (any case); ``method~/RE/``
  matches a regular expression (any case); quote TEXT with ``"`` when it has spaces.
- ``method=TEXT``: the method name is TEXT (any case).
- ``pickup`` / ``!pickup``: the customer chose a pickup point or locker (or did not).
- ``cod`` / ``!cod``: cash on delivery (or not).
- ``weight<N``, ``weight<=N``, ``weight>N``, ``weight>=N`` (grams) and ``weight=A-B`` (from A
  up to, not including, B): the package's weight; an unknown weight matches none of them.
- ``country=IL`` / ``country!=IL`` (ISO codes, ``|`` between several: ``country=IL|PS``).
- ``store=NAME``: the order came from that store (any case; quote names with spaces).

From an environment variable (``FULFILLMENT_SHIPPING__RULES``) rules are separated by commas.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from fulfillment_app.errors import ConfigError


@dataclass(frozen=True)
class OrderFacts:
    """What the rules look at, for one order (and its package)."""

    method: str = ""  # the store's shipping method name
    pickup: bool = False  # the customer chose a pickup point or locker
    cod: bool = False  # cash on delivery
    weight_g: float | None = None
    country: str = "IL"  # destination, ISO 3166 alpha-2
    store: str = ""


class Choice(NamedTuple):
    carrier: str  # "" when no rule matched and no default carrier is set
    service: str
    reason: str  # a sentence for the packer: why this carrier


@dataclass(frozen=True)
class Condition:
    text: str  # as written, for the reason
    test: Callable[[OrderFacts], bool] = field(compare=False)

    def __call__(self, facts: OrderFacts) -> bool:
        return self.test(facts)


@dataclass(frozen=True)
class Rule:
    text: str
    conditions: tuple[Condition, ...]
    carrier: str
    service: str = ""

    def matches(self, facts: OrderFacts) -> bool:
        return all(c(facts) for c in self.conditions)


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...] = ()
    default_carrier: str = ""
    default_service: str = ""

    @property
    def carriers(self) -> set[str]:
        """Every carrier name the rules can choose."""
        names = {r.carrier for r in self.rules}
        if self.default_carrier:
            names.add(self.default_carrier)
        return names


_TERM = re.compile(r'\s*(?:"[^"]*"|/(?:[^/\\]|\\.)*/|[^\s"])+')
_WEIGHT = re.compile(r"^weight(<=|>=|<|>)(\d+(?:\.\d+)?)$")
_WEIGHT_RANGE = re.compile(r"^weight=(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$")
_COUNTRY = re.compile(r"^country(!=|=)([A-Za-z]{2}(?:\|[A-Za-z]{2})*)$")
_TARGET = re.compile(r"^([^:]+?)\s*(?::\s*([^:]*))?$")


def _bad(rule: str, why: str) -> ConfigError:
    return ConfigError(f"The shipping rule {rule!r} {why}; fix it under [shipping] rules.")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def _condition(rule: str, term: str) -> Condition:
    lowered = term.lower()
    if term in ("*",):
        return Condition(term, lambda f: True)
    if lowered in ("pickup", "!pickup"):
        want = not lowered.startswith("!")
        return Condition(term, lambda f: f.pickup is want)
    if lowered in ("cod", "!cod"):
        want = not lowered.startswith("!")
        return Condition(term, lambda f: f.cod is want)
    if lowered.startswith("method~"):
        value = term[len("method~") :]
        if len(value) >= 2 and value[0] == value[-1] == "/":
            try:
                pattern = re.compile(value[1:-1], re.IGNORECASE)
            except re.error as exc:
                raise _bad(rule, f"has a regular expression that does not work ({exc})") from None
            return Condition(term, lambda f: bool(pattern.search(f.method)))
        needle = _unquote(value).casefold()
        if not needle:
            raise _bad(rule, "has method~ without the text to look for")
        return Condition(term, lambda f: needle in f.method.casefold())
    if lowered.startswith("method="):
        exact = _unquote(term[len("method=") :]).casefold()
        return Condition(term, lambda f: f.method.strip().casefold() == exact)
    if lowered.startswith("store="):
        store = _unquote(term[len("store=") :]).casefold()
        if not store:
            raise _bad(rule, "has store= without a store name")
        return Condition(term, lambda f: f.store.casefold() == store)
    if match := _WEIGHT.match(lowered):
        op, number = match.group(1), float(match.group(2))
        compare: dict[str, Callable[[float], bool]] = {
            "<": lambda w: w < number,
            "<=": lambda w: w <= number,
            ">": lambda w: w > number,
            ">=": lambda w: w >= number,
        }
        check = compare[op]
        return Condition(term, lambda f: f.weight_g is not None and check(f.weight_g))
    if match := _WEIGHT_RANGE.match(lowered):
        low, high = float(match.group(1)), float(match.group(2))
        if high <= low:
            raise _bad(rule, "has a weight range whose end is not above its start")
        return Condition(term, lambda f: f.weight_g is not None and low <= f.weight_g < high)
    if match := _COUNTRY.match(term):
        negate = match.group(1) == "!="
        codes = frozenset(c.upper() for c in match.group(2).split("|"))
        return Condition(term, lambda f: (f.country.upper() in codes) is not negate)
    raise _bad(
        rule,
        f"has {term!r}, which is not a condition (use method~, method=, pickup, cod, weight, "
        "country or store)",
    )


def parse_rule(text: str) -> Rule:
    """One rule, ``CONDITIONS -> CARRIER[:SERVICE]``; ConfigError with a sentence if malformed."""
    if "->" not in text:
        raise _bad(text, "has no '->' before the carrier's name")
    when, _, target = text.rpartition("->")
    target_match = _TARGET.match(target.strip())
    if target_match is None or not target_match.group(1).strip():
        raise _bad(text, "names no carrier after '->'")
    carrier = target_match.group(1).strip()
    service = (target_match.group(2) or "").strip()
    terms: list[str] = []
    position = 0
    when = when.strip()
    while position < len(when):
        match = _TERM.match(when, position)
        if match is None:
            raise _bad(text, "has an unclosed quote")
        terms.append(match.group(0).strip())
        position = match.end()
        while position < len(when) and when[position].isspace():
            position += 1
    conditions = tuple(_condition(text, term) for term in terms if term)
    return Rule(text=text.strip(), conditions=conditions, carrier=carrier, service=service)


def parse_rules(
    texts: Sequence[str], default_carrier: str = "", default_service: str = ""
) -> Rules:
    return Rules(
        rules=tuple(parse_rule(t) for t in texts if t.strip()),
        default_carrier=default_carrier.strip(),
        default_service=default_service.strip(),
    )


def choose(rules: Rules, facts: OrderFacts) -> Choice:
    """The carrier (and service) for an order: the first rule that matches, else the
    default; with a sentence saying why."""
    for number, rule in enumerate(rules.rules, start=1):
        if rule.matches(facts):
            because = " ".join(c.text for c in rule.conditions) or "always"
            return Choice(
                rule.carrier, rule.service, f"{rule.carrier}: shipping rule {number} ({because})."
            )
    if rules.default_carrier:
        return Choice(
            rules.default_carrier,
            rules.default_service,
            f"{rules.default_carrier}: the default carrier (no shipping rule matched).",
        )
    return Choice("", "", "No carrier: no shipping rule matched and no default carrier is set.")
