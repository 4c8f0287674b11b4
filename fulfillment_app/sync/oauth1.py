"""OAuth 1.0a one-legged request signing, as the WooCommerce REST API takes it over plain HTTP
(RFC 5849: HMAC-SHA256 keyed with ``consumer_secret&``; the body is not signed).

Both sides live here: the adapter signs, the WooCommerce emulator verifies with the same
rules, so a change to one cannot silently drift from the other.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from urllib.parse import quote, urlsplit, urlunsplit

SIGNATURE_METHODS = {"HMAC-SHA1": hashlib.sha1, "HMAC-SHA256": hashlib.sha256}


def _pct(text: str) -> str:
    return quote(text, safe="-._~")


def base_url(url: str) -> str:
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else (f"{host}:{port}")
    )
    return urlunsplit((scheme, netloc, parts.path or "/", "", ""))


def signature(
    method: str, url: str, params: list[tuple[str, str]], secret: str, algorithm: str
) -> str:
    """The base64 signature of a request; ``params`` are the query and oauth parameters
    without ``oauth_signature``."""
    pairs = sorted((_pct(k), _pct(v)) for k, v in params)
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    base = "&".join((method.upper(), _pct(base_url(url)), _pct(normalized)))
    digest = SIGNATURE_METHODS[algorithm]
    mac = hmac.new(f"{_pct(secret)}&".encode(), base.encode(), digest).digest()
    return base64.b64encode(mac).decode()


def sign(
    method: str,
    url: str,
    query: list[tuple[str, str]],
    key: str,
    secret: str,
    *,
    algorithm: str = "HMAC-SHA256",
    now: float | None = None,
) -> list[tuple[str, str]]:
    """``query`` plus the oauth parameters and the signature, ready to send."""
    oauth = [
        ("oauth_consumer_key", key),
        ("oauth_nonce", secrets.token_hex(16)),
        ("oauth_signature_method", algorithm),
        ("oauth_timestamp", str(int(time.time() if now is None else now))),
    ]
    params = [*query, *oauth]
    return [*params, ("oauth_signature", signature(method, url, params, secret, algorithm))]


def verify(
    method: str,
    url: str,
    params: list[tuple[str, str]],
    secret: str,
    *,
    max_skew_s: int = 15 * 60,
    now: float | None = None,
) -> str | None:
    """None when the request is properly signed, else why not (WooCommerce's wording)."""
    given = dict(params)
    algorithm = given.get("oauth_signature_method", "")
    if algorithm not in SIGNATURE_METHODS:
        return "Invalid signature method - supported methods: HMAC-SHA1, HMAC-SHA256."
    try:
        stamp = int(given.get("oauth_timestamp", ""))
    except ValueError:
        return "Invalid timestamp."
    if abs((time.time() if now is None else now) - stamp) > max_skew_s:
        return "Invalid timestamp."
    unsigned = [(k, v) for k, v in params if k != "oauth_signature"]
    expected = signature(method, url, unsigned, secret, algorithm)
    if not hmac.compare_digest(expected, given.get("oauth_signature", "")):
        return "Invalid signature - provided signature does not match."
    return None
