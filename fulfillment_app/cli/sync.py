"""``fulfillment stores``, ``sync``, ``orders``, ``outbox``, ``quarantine``, ``changes`` and
``emulator``: connecting stores and moving orders and fulfillments between them and us."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import signal
import sys
import threading
from dataclasses import asdict
from typing import Any

from ..config import Settings
from ..errors import InvalidInput
from ..logs import mask_secrets
from .app import running
from .output import echo, print_json

EXIT_SYNC_PROBLEM = 1
#: A Magento Integration's four values: (option stem, what it is), in SECRETS' order.
MAGENTO_SECRETS = (
    ("consumer-key", "consumer key"),
    ("consumer-secret", "consumer secret"),
    ("token", "access token"),
    ("token-secret", "access token secret"),
)


def register(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    stores = sub.add_parser("stores", help="connected stores").add_subparsers(
        dest="stores_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    add = stores.add_parser("add", help="connect a store").add_subparsers(
        dest="platform", metavar="PLATFORM", required=True, parser_class=parser_class
    )
    shop = add.add_parser("shopify", help="a Shopify store (GraphQL Admin API)")
    shop.add_argument("--name", required=True)
    shop.add_argument(
        "--shop-url", required=True, metavar="URL", help="https://YOUR-SHOP.myshopify.com"
    )
    group = shop.add_mutually_exclusive_group(required=True)
    group.add_argument(
        "--token-env", metavar="VAR", help="environment variable holding the Admin API access token"
    )
    group.add_argument(
        "--token-keyring",
        action="store_true",
        help="ask for the token and keep it in this station's keyring",
    )
    woo = add.add_parser("woocommerce", help="a WooCommerce store (REST API v3)")
    woo.add_argument("--name", required=True)
    woo.add_argument("--url", required=True, help="the shop's address, https://…")
    woo.add_argument("--key-env", metavar="VAR", help="variable holding the consumer key")
    woo.add_argument("--secret-env", metavar="VAR", help="variable holding the consumer secret")
    woo.add_argument(
        "--keyring",
        action="store_true",
        help="ask for key and secret and keep them in this station's keyring",
    )
    mage = add.add_parser(
        "magento",
        help="a Magento 2 / Adobe Commerce store (REST API, an Integration's OAuth 1.0a keys)",
    )
    mage.add_argument("--name", required=True)
    mage.add_argument("--url", required=True, help="the shop's address, https://…")
    for flag, what in MAGENTO_SECRETS:
        mage.add_argument(f"--{flag}-env", metavar="VAR", help=f"variable holding the {what}")
    mage.add_argument(
        "--keyring",
        action="store_true",
        help="ask for the Integration's four values and keep them in this station's keyring",
    )
    mage.add_argument(
        "--store-code", metavar="CODE", help="the store view's code in the API path (default)"
    )
    mage.add_argument(
        "--source-code", metavar="CODE", help="the inventory source stock is set on (default)"
    )
    mage.add_argument(
        "--batch-limit",
        type=int,
        metavar="N",
        help="stock items a request may carry (the store's input limit; 20 unless it says)",
    )
    big = add.add_parser("bigcommerce", help="a BigCommerce store (REST API v2/v3)")
    big.add_argument("--name", required=True)
    big.add_argument(
        "--store-hash", required=True, metavar="HASH", help="the {hash} in /stores/{hash}/v3"
    )
    big.add_argument(
        "--url",
        default="https://api.bigcommerce.com",
        help="the API's address (default https://api.bigcommerce.com)",
    )
    big.add_argument(
        "--location-id", type=int, default=1, metavar="N", help="inventory location (default 1)"
    )
    big_token = big.add_mutually_exclusive_group(required=True)
    big_token.add_argument(
        "--token-env", metavar="VAR", help="environment variable holding the API account token"
    )
    big_token.add_argument(
        "--token-keyring",
        action="store_true",
        help="ask for the token and keep it in this station's keyring",
    )
    for p in (shop, woo, mage, big):
        p.set_defaults(func=cmd_stores_add)
    lst = stores.add_parser("list", help="stores, their last sync and what waits")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_stores_list)
    test = stores.add_parser("test", help="check that a store answers with our credentials")
    test.add_argument("name")
    test.set_defaults(func=cmd_stores_test)

    sync = sub.add_parser(
        "sync",
        help="import changed orders and deliver fulfillments",
        description="Reads the orders changed since the last sync from each store (or one) "
        "and delivers the packed fulfillments waiting in the outbox.",
    )
    sync.add_argument("--store", metavar="NAME")
    when = sync.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="one round, then exit (default)")
    when.add_argument("--every", type=float, metavar="SECONDS", help="repeat until stopped")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(func=cmd_sync)

    orders = sub.add_parser("orders", help="orders").add_subparsers(
        dest="orders_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    ol = orders.add_parser("list", help="list orders")
    ol.add_argument("--status", metavar="S", help="open, picking, packing, packed, shipped, …")
    ol.add_argument("--json", action="store_true")
    ol.set_defaults(func=cmd_orders_list)

    outbox = sub.add_parser("outbox", help="updates waiting for the stores").add_subparsers(
        dest="outbox_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    ox = outbox.add_parser("list", help="outbox entries")
    ox.add_argument("--status", choices=("pending", "delivered", "parked"))
    ox.add_argument("--json", action="store_true")
    ox.set_defaults(func=cmd_outbox_list)
    retry = outbox.add_parser("retry", help="send a parked entry again at the next sync")
    retry.add_argument("id", type=int)
    retry.add_argument("--note", default="", help="why (kept in the audit log)")
    retry.set_defaults(func=cmd_outbox_retry)

    quarantine = sub.add_parser("quarantine", help="store orders we could not import")
    quarantine.add_argument("--json", action="store_true")
    quarantine.set_defaults(func=cmd_quarantine)

    changes = sub.add_parser("changes", help="store changes to orders in work").add_subparsers(
        dest="changes_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    changes.add_parser("list", help="changes waiting for a supervisor").set_defaults(
        func=cmd_changes_list
    )
    resolve = changes.add_parser("resolve", help="apply the store's change or dismiss it")
    resolve.add_argument("id", type=int)
    resolve.add_argument("--action", required=True, choices=("apply", "dismiss"))
    resolve.add_argument("--note", default="")
    resolve.set_defaults(func=cmd_changes_resolve)

    emu = sub.add_parser(
        "emulator",
        help="serve a store emulator on this machine (to try things out)",
        description="Serves an emulated Shopify, WooCommerce, Magento or BigCommerce API on "
        "127.0.0.1 with generated orders, until interrupted. Prints how to connect to it.",
    )
    emu.add_argument("platform", choices=("shopify", "woocommerce", "magento", "bigcommerce"))
    emu.add_argument("--port", type=int, default=0)
    emu.add_argument("--orders", type=int, default=200)
    emu.add_argument(
        "--faults",
        type=float,
        default=0.0,
        metavar="RATE",
        help="share of requests that fail in some way (0 to 1)",
    )
    emu.set_defaults(func=cmd_emulator)


def _context(settings: Settings) -> Any:
    return running(settings)


_print_json = print_json


def cmd_stores_add(args: argparse.Namespace, settings: Settings) -> int:
    secrets: dict[str, dict[str, str]] = {}
    options: dict[str, Any] = {}
    # Kept in the keyring by the service once the store is known to be new.
    keyring_values: dict[str, str] = {}
    if args.platform == "shopify":
        url = args.shop_url
        if args.token_keyring:
            keyring_values["token"] = getpass.getpass("Admin API access token: ")
        else:
            secrets["token"] = {"env": args.token_env}
    elif args.platform == "magento":
        from ..sync.magento import check_options

        url = args.url
        options = check_options(args.store_code, args.source_code, args.batch_limit)
        kinds = [flag.replace("-", "_") for flag, _ in MAGENTO_SECRETS]
        named = {kind: getattr(args, f"{kind}_env") for kind in kinds}
        if args.keyring:
            if any(named.values()):
                raise InvalidInput("Give the four --…-env variables or --keyring, not both.")
            for kind, (_, what) in zip(kinds, MAGENTO_SECRETS, strict=True):
                keyring_values[kind] = getpass.getpass(f"Integration {what}: ")
        elif all(named.values()):
            secrets = {kind: {"env": var} for kind, var in named.items()}
        else:
            raise InvalidInput(
                "Give --consumer-key-env, --consumer-secret-env, --token-env and "
                "--token-secret-env (the Integration's four values), or --keyring."
            )
    elif args.platform == "bigcommerce":
        url = args.url
        options = {"store_hash": args.store_hash, "location_id": args.location_id}
        if args.token_keyring:
            keyring_values["token"] = getpass.getpass("API account access token: ")
        else:
            secrets["token"] = {"env": args.token_env}
    else:
        url = args.url
        if args.keyring:
            keyring_values["key"] = getpass.getpass("Consumer key: ")
            keyring_values["secret"] = getpass.getpass("Consumer secret: ")
        elif args.key_env and args.secret_env:
            secrets = {"key": {"env": args.key_env}, "secret": {"env": args.secret_env}}
        else:
            raise InvalidInput("Give --key-env and --secret-env, or --keyring.")
    with _context(settings) as context:
        context.stores.add(
            context.command_line_actor(),
            args.platform,
            args.name,
            url,
            secrets,
            keyring_values=keyring_values,
            options=options,
        )
    echo(f"Store {args.name} added. Check it with: fulfillment stores test {args.name!r}")
    return 0


def cmd_stores_list(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        rows = context.stores.list()
    if args.json:
        _print_json([asdict(r) for r in rows])
        return 0
    if not rows:
        print("No stores yet: add one with 'fulfillment stores add'.")
    for r in rows:
        when = (
            r.last_synced_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if r.last_synced_at
            else "never"
        )
        echo(f"{r.name} ({r.platform}) {mask_secrets(r.url)}")
        echo(f"  secrets: {r.secrets}")
        echo(
            f"  last sync: {when}; outbox: {r.waiting} waiting, {r.parked} parked; "
            f"{r.quarantined} quarantined; stock: {r.stock_waiting} SKUs to send, "
            f"{r.stock_refused} refused"
        )
        if r.last_error:
            echo(f"  problem: {r.last_error}")
    return 0


def cmd_stores_test(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        echo(context.stores.test(args.name))
    return 0


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from ..sync.progress import ProgressPrinter

    # On stderr: waits and retries always (a sync is never silent), counts unless --json.
    show = ProgressPrinter(sys.stderr, counts=not args.json)

    with _context(settings) as context:
        # SIGTERM and Ctrl-C stop the command wherever it waits (see cli.main); closing the
        # context then sets the engine's stop event for anything still running.
        stop = context.sync.stop_event
        while True:
            context.shipping.track_every_s = 0.0  # a command's run always asks
            reports = context.sync.sync(args.store, show)
            if args.json:
                _print_json([asdict(r) | {"orders": r.orders} for r in reports])
            else:
                for report in reports:
                    echo(report.summary())
                if context.shipping.last_round:
                    echo(context.shipping.last_round)
            if not args.every or stop.wait(args.every):
                break
    return EXIT_SYNC_PROBLEM if any(r.error for r in reports) else 0


def cmd_orders_list(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        orders = context.review.orders(args.status)
    if args.json:
        _print_json(orders)
        return 0
    for o in orders:
        lines = ", ".join(f"{line['sku']} ×{line['quantity']}" for line in o["lines"])
        echo(f"{o['number']:>10}  {o['status']:<10} {o['store'] or '-':<16} {lines}")
    print(f"{len(orders)} orders")
    return 0


def cmd_outbox_list(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        rows = context.review.outbox(context.command_line_actor(), args.status)
    if args.json:
        _print_json([asdict(r) for r in rows])
        return 0
    for r in rows:
        echo(
            f"{r.id:>6}  {r.status:<9} {r.store:<16} order {r.order:<10} tries {r.attempts}"
            + (f"  {r.last_error}" if r.last_error and r.status != "delivered" else "")
        )
    return 0


def cmd_outbox_retry(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        context.review.retry(context.command_line_actor(), args.id, args.note)
    print(f"Outbox entry {args.id} will be sent at the next sync.")
    return 0


def cmd_quarantine(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        rows = context.review.quarantined(context.command_line_actor())
    if args.json:
        _print_json([asdict(r) for r in rows])
        return 0
    for r in rows:
        echo(f"{r.store}: order {r.external_id} {r.reason}")
    print(f"{len(rows)} quarantined orders")
    return 0


def cmd_changes_list(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        rows = context.review.changes(context.command_line_actor())
    for r in rows:
        where = f" (at {r.station})" if r.station else ""
        echo(f"{r.id:>5}  {r.kind:<9} {r.detail}{where}")
    print(f"{len(rows)} changes waiting")
    return 0


def cmd_changes_resolve(args: argparse.Namespace, settings: Settings) -> int:
    with _context(settings) as context:
        echo(
            context.review.resolve_change(
                context.command_line_actor(), args.id, args.action, args.note
            )
        )
    return 0


def cmd_emulator(args: argparse.Namespace, settings: Settings) -> int:
    from ..sync.emulators import (
        BigCommerceEmulator,
        Emulator,
        Faults,
        MagentoEmulator,
        Shop,
        ShopifyEmulator,
        WooCommerceEmulator,
        sample_products,
    )

    shop = Shop(sample_products(), orders=args.orders, malformed_rate=0.01)
    faults = Faults(rate=args.faults)
    kinds: dict[str, type[Emulator]] = {
        "shopify": ShopifyEmulator,
        "woocommerce": WooCommerceEmulator,
        "magento": MagentoEmulator,
        "bigcommerce": BigCommerceEmulator,
    }
    emulator = kinds[args.platform](shop, faults=faults, port=args.port)
    with emulator:
        if isinstance(emulator, MagentoEmulator):
            hint = (
                f"export MG_CONSUMER_KEY={emulator.consumer_key} "
                f"MG_CONSUMER_SECRET={emulator.consumer_secret} MG_TOKEN={emulator.token} "
                f"MG_TOKEN_SECRET={emulator.token_secret}\nfulfillment stores add magento "
                f"--name emulated --url {emulator.url} --consumer-key-env MG_CONSUMER_KEY "
                "--consumer-secret-env MG_CONSUMER_SECRET --token-env MG_TOKEN "
                "--token-secret-env MG_TOKEN_SECRET"
            )
        elif isinstance(emulator, BigCommerceEmulator):
            hint = (
                f"export BC_TOKEN={emulator.token}\nfulfillment stores add bigcommerce --name "
                f"emulated --url {emulator.url} --store-hash {emulator.store_hash} "
                "--token-env BC_TOKEN"
            )
        elif args.platform == "shopify":
            hint = (
                f"export SHOP_TOKEN=shpat_demo\nfulfillment stores add shopify --name "
                f"emulated --shop-url {emulator.url} --token-env SHOP_TOKEN"
            )
        else:
            hint = (
                f"export WC_KEY=ck_demo WC_SECRET=cs_demo\nfulfillment stores add "
                f"woocommerce --name emulated --url {emulator.url} --key-env WC_KEY "
                f"--secret-env WC_SECRET"
            )
        print(
            f"{args.platform} emulator with {args.orders} orders on {emulator.url}\n"
            f"Connect to it with:\n{hint}\nStop it with Ctrl+C.",
            flush=True,
        )
        stop = threading.Event()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how it ends
            stop.wait()
    return 0
