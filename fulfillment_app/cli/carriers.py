"""``fulfillment carriers``: the couriers and carriers shipments go with (add, list, test,
update)."""

from __future__ import annotations

import argparse
import getpass
from dataclasses import asdict
from typing import Any

from ..config import Settings
from ..errors import InvalidInput
from ..logs import mask_secrets
from .app import running
from .output import echo, print_json


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    carriers = sub.add_parser("carriers", help="couriers and carriers").add_subparsers(
        dest="carriers_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    add = carriers.add_parser("add", help="add a carrier").add_subparsers(
        dest="kind", metavar="KIND", required=True, parser_class=parser_class
    )
    hfd = add.add_parser("hfd", help="HFD / ePost (REST v2)")
    run = add.add_parser("run", help="a courier on Run (WS Simple): Cheetah, Focus, ...")
    run.add_argument("--courier", required=True, metavar="TEMPLATE", help="cheetah, focus, ...")
    baldar = add.add_parser("baldar", help="a courier on Baldar (SaveData)")
    karrio = add.add_parser("karrio", help="an international carrier through Karrio")
    karrio.add_argument(
        "--carrier", required=True, metavar="NAME", help="Karrio's carrier: dhl_express, ups, ..."
    )
    karrio.add_argument(
        "--secret-env",
        action="append",
        default=[],
        metavar="KEY=VAR",
        help="a credential the carrier needs and the variable holding it "
        "(e.g. site_id=DHL_SITE_ID, password=DHL_PASSWORD); repeat for each",
    )
    manual = add.add_parser("manual", help="a courier without an API: numbers typed or scanned")
    manual.add_argument(
        "--tracking-url",
        default="",
        metavar="TEMPLATE",
        help="the tracking page, with {number} for the tracking number",
    )
    manual.add_argument(
        "--s10", action="store_true", help="accept only postal (UPU S10) numbers like RR123456785IL"
    )
    for p in (hfd, run, baldar, karrio, manual):
        p.add_argument("--name", required=True)
        p.add_argument(
            "--option", action="append", default=[], metavar="KEY=VALUE", help="kind-specific"
        )
        p.set_defaults(func=cmd_carriers_add)
    for p in (hfd, run, baldar, karrio):
        p.add_argument("--url", default="", help="the web service's address, https://…")
        p.add_argument("--client-number", default="", metavar="N", help="your customer number")
    for p in (hfd, run, baldar):
        token = p.add_mutually_exclusive_group(required=p is not baldar)
        token.add_argument("--token-env", metavar="VAR", help="variable holding the API token")
        token.add_argument(
            "--token-keyring", action="store_true", help="ask for the token; keep it in the keyring"
        )

    lst = carriers.add_parser("list", help="the carriers and where their secrets are")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_carriers_list)

    test = carriers.add_parser("test", help="check that a carrier answers with our credentials")
    test.add_argument("name")
    test.set_defaults(func=cmd_carriers_test)

    update = carriers.add_parser("update", help="change a carrier (a new token, an address, ...)")
    update.add_argument("name")
    update.add_argument("--url")
    update.add_argument("--client-number", metavar="N")
    token = update.add_mutually_exclusive_group()
    token.add_argument("--token-env", metavar="VAR")
    token.add_argument("--token-keyring", action="store_true", help="ask for a new token")
    update.add_argument(
        "--option", action="append", default=[], metavar="KEY=VALUE", help="KEY= removes it"
    )
    use = update.add_mutually_exclusive_group()
    use.add_argument("--disable", action="store_true", help="ship nothing more with it")
    use.add_argument("--enable", action="store_true")
    update.set_defaults(func=cmd_carriers_update)

    token = carriers.add_parser("set-token", help="a carrier's new token (it expired)")
    token.add_argument("name")
    where = token.add_mutually_exclusive_group(required=True)
    where.add_argument("--token-env", metavar="VAR", help="variable holding the new token")
    where.add_argument("--keyring", action="store_true", help="ask for it; keep it in the keyring")
    token.set_defaults(func=cmd_carriers_set_token)

    rules = carriers.add_parser("rules", help="the shipping rules and prices, checked")
    rules.add_argument("--json", action="store_true")
    rules.set_defaults(func=cmd_carriers_rules)


def _pairs(values: list[str], what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(f"Give {what} as KEY=VALUE, not {value!r}.")
        pairs[key.strip().lower()] = rest.strip()
    return pairs


def _service(context: Any) -> Any:
    return context.carriers


def cmd_carriers_add(args: argparse.Namespace, settings: Settings) -> int:
    from ..carriers.config import CarrierConfig

    options = _pairs(args.option, "--option")
    keyring_values: dict[str, str] = {}
    token_env = getattr(args, "token_env", None) or ""
    if getattr(args, "token_keyring", False):
        keyring_values["token"] = getpass.getpass(f"API token of {args.name}: ")
    if args.kind == "karrio":
        for key, variable in _pairs(args.secret_env, "--secret-env").items():
            options[f"{key}_env"] = variable
    if args.kind == "manual":
        if args.tracking_url:
            options["tracking_url"] = args.tracking_url
        if args.s10:
            options["format"] = "s10"
    config = CarrierConfig(
        name=args.name,
        kind=args.kind,
        url=getattr(args, "url", "") or "",
        client_number=getattr(args, "client_number", "") or "",
        token_env=token_env,
        courier=getattr(args, "courier", "") or "",
        karrio_carrier=getattr(args, "carrier", "") or "",
        options=options,
    )
    with running(settings) as context:
        added = _service(context).add(
            context.command_line_actor(), config, keyring_values=keyring_values
        )
    if added.kind == "manual":
        echo(f"Carrier {added.name} added: its tracking numbers are typed or scanned at packing.")
    else:
        echo(f"Carrier {added.name} added. Check it with: fulfillment carriers test {added.name!r}")
    return 0


def cmd_carriers_list(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        rows = _service(context).list()
    if args.json:
        print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("No carriers yet: add one with 'fulfillment carriers add'.")
    for r in rows:
        what = r.courier or r.karrio_carrier
        state = "" if r.active else " (not in use)"
        echo(f"{r.name} ({r.kind}{' ' + what if what else ''}){state} {mask_secrets(r.url)}")
        if r.client_number:
            echo(f"  client number: {r.client_number}")
        echo(f"  secrets: {r.secrets}")
    return 0


def cmd_carriers_test(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        echo(_service(context).test(args.name))
    return 0


def cmd_carriers_update(args: argparse.Namespace, settings: Settings) -> int:
    token = getpass.getpass(f"New API token of {args.name}: ") if args.token_keyring else None
    active = True if args.enable else False if args.disable else None
    with running(settings) as context:
        _service(context).update(
            context.command_line_actor(),
            args.name,
            url=args.url,
            client_number=args.client_number,
            token_env=args.token_env,
            token=token,
            options=_pairs(args.option, "--option") if args.option else None,
            active=active,
        )
    echo(f"Carrier {args.name} changed.")
    return 0


def cmd_carriers_set_token(args: argparse.Namespace, settings: Settings) -> int:
    token = getpass.getpass(f"New API token of {args.name}: ") if args.keyring else None
    if args.keyring and not token:
        raise InvalidInput("No token was typed; nothing was changed.")
    with running(settings) as context:
        _service(context).update(
            context.command_line_actor(), args.name, token_env=args.token_env, token=token
        )
    echo(f"Carrier {args.name} has its new token. Held shipments go out once retried.")
    return 0


def cmd_carriers_rules(args: argparse.Namespace, settings: Settings) -> int:
    with running(settings) as context:
        service = _service(context)
        rules = service.rules()
        prices = service.prices()
        configured = {row.name: row.active for row in service.list()}
    problems = [
        f"Carrier {name} is in the rules but "
        + ("not in use." if name in configured else "not configured.")
        for name in sorted(rules.carriers)
        if not configured.get(name, False)
    ]
    if args.json:
        print_json(
            {
                "rules": [
                    {"rule": r.text, "carrier": r.carrier, "service": r.service}
                    for r in rules.rules
                ],
                "default_carrier": rules.default_carrier,
                "default_service": rules.default_service,
                "prices": [asdict(p) | {"amount": str(p.amount)} for p in prices.prices],
                "problems": problems,
            }
        )
        return 1 if problems else 0
    for number, rule in enumerate(rules.rules, start=1):
        echo(f"{number:>3}. {rule.text}")
    if rules.default_carrier:
        service_part = f":{rules.default_service}" if rules.default_service else ""
        echo(f"  otherwise {rules.default_carrier}{service_part}")
    elif not rules.rules:
        print("No shipping rules and no default carrier: packages ship without a carrier.")
    for p in prices.prices:
        upto = f"{p.to_g:g}" if p.to_g is not None else ""
        echo(f"  price {p.carrier}:{p.service}:{p.from_g:g}-{upto}: {p.amount} {p.currency}")
    for problem in problems:
        echo(problem)
    return 1 if problems else 0
