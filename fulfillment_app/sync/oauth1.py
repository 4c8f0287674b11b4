"""OAuth 1.0a request signing (RFC 5849, HMAC-SHA256; the body is not signed): one-legged as
the WooCommerce REST API takes it over plain HTTP (keyed with ``consumer_secret&``, the
parameters in the query), and with an access token as a Magento Integration signs (keyed with
``consumer_secret&token_secret``, the parameters in the ``Authorization: OAuth`` header; the
query, ``searchCriteria`` included, is still part of the signature base string).

Both sides live here: the adapter signs, the WooCommerce emulator verifies with the same
rules, so a change to one cannot silently drift from the other.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from urllib.parse import quote, unquote, urlsplit, urlunsplit

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
    method: str,
    url: str,
    params: list[tuple[str, str]],
    secret: str,
    algorithm: str,
    token_secret: str = "",
) -> str:
    """The base64 signature of a request; ``params`` are the query and oauth parameters
    without ``oauth_signature``."""
    pairs = sorted((_pct(k), _pct(v)) for k, v in params)
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    base = "&".join((method.upper(), _pct(base_url(url)), _pct(normalized)))
    digest = SIGNATURE_METHODS[algorithm]
    key = f"{_pct(secret)}&{_pct(token_secret)}"
    mac = hmac.new(key.encode(), base.encode(), digest).digest()
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
    token: str = "",
    token_secret: str = "",
) -> list[tuple[str, str]]:
    """``query`` plus the oauth parameters and the signature, ready to send."""
    oauth = [
        ("oauth_consumer_key", key),
        ("oauth_nonce", secrets.token_hex(16)),
        ("oauth_signature_method", algorithm),
        ("oauth_timestamp", str(int(time.time() if now is None else now))),
    ]
    if token:
        oauth += [("oauth_token", token), ("oauth_version", "1.0")]
    params = [*query, *oauth]
    mac = signature(method, url, params, secret, algorithm, token_secret)
    return [*params, ("oauth_signature", mac)]


def sign_header(
    method: str,
    url: str,
    query: list[tuple[str, str]],
    key: str,
    secret: str,
    token: str,
    token_secret: str,
    *,
    algorithm: str = "HMAC-SHA256",
) -> str:
    """The ``Authorization`` header value for a request with an access token; ``query`` (sent
    as it is) is signed with it."""
    signed = sign(
        method, url, query, key, secret, algorithm=algorithm, token=token, token_secret=token_secret
    )
    oauth = signed[len(query) :]
    return "OAuth " + ", ".join(f'{_pct(k)}="{_pct(v)}"' for k, v in oauth)


def header_params(value: str) -> list[tuple[str, str]]:
    """The oauth parameters of an ``Authorization: OAuth …`` header ([] if it is not one)."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme.lower() != "oauth":
        return []
    params = []
    for part in rest.split(","):
        name, sep, quoted = part.strip().partition("=")
        if sep and name.startswith("oauth_"):
            params.append((unquote(name), unquote(quoted.strip().strip('"'))))
    return params


def verify(
    method: str,
    url: str,
    params: list[tuple[str, str]],
    secret: str,
    *,
    max_skew_s: int = 15 * 60,
    now: float | None = None,
    token_secret: str = "",
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
    expected = signature(method, url, unsigned, secret, algorithm, token_secret)
    if not hmac.compare_digest(expected, given.get("oauth_signature", "")):
        return "Invalid signature - provided signature does not match."
    return None
