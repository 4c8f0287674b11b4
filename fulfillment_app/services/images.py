"""Product images on this machine: the catalogue's ``image_url`` is a local file path or an
http(s) URL; a URL's image is downloaded once, at import (never on the scan path), into
``<data_dir>/images/<sha256 of the URL>.<ext>``, and the pack screen shows the local copy."""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

#: An image bigger than this is not a product photo for a screen: it is refused.
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_S = 10.0
_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "image/svg+xml": ".svg",
}
_KNOWN = tuple(dict.fromkeys(_EXTENSIONS.values()))


def is_url(ref: str) -> bool:
    return urlsplit(ref.strip()).scheme.lower() in ("http", "https")


def _stem(url: str) -> str:
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()


def cached_path(url: str, cache_dir: Path) -> Path | None:
    """The cached copy of ``url``, if it was downloaded."""
    stem = _stem(url)
    for ext in _KNOWN:
        path = cache_dir / f"{stem}{ext}"
        if path.is_file():
            return path
    return None


def local_image(ref: str, cache_dir: Path | None) -> Path | None:
    """The image as a local file: a path as it is (if the file exists), a URL's cached copy
    (if downloaded), else None. Reads no network."""
    ref = (ref or "").strip()
    if not ref:
        return None
    if is_url(ref):
        return cached_path(ref, cache_dir) if cache_dir is not None else None
    if ref.lower().startswith("file://"):
        ref = urlsplit(ref).path
    path = Path(ref).expanduser()
    return path if path.is_file() else None


@dataclass
class CacheReport:
    cached: int = 0  # downloaded now
    present: int = 0  # already here
    failed: list[str] = field(default_factory=list)  # one sentence each

    def summary(self) -> str:
        text = f"Images: {self.cached} downloaded, {self.present} already here"
        if self.failed:
            text += f", {len(self.failed)} failed"
        return text + "."


def cache_images(
    urls: Iterable[str], cache_dir: Path, *, client: object | None = None
) -> CacheReport:
    """Download the images of ``urls`` not cached yet (TLS verified, ``MAX_BYTES`` at most,
    only ``image/*``, a time-out each). Never raises for one image: each failure is a
    sentence in the report."""
    import httpx

    report = CacheReport()
    wanted = list(dict.fromkeys(u.strip() for u in urls if u and is_url(u)))
    if not wanted:
        return report
    cache_dir.mkdir(parents=True, exist_ok=True)
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT_S, verify=True, follow_redirects=True)
    assert isinstance(http, httpx.Client)
    try:
        for url in wanted:
            if cached_path(url, cache_dir) is not None:
                report.present += 1
                continue
            try:
                _download(http, url, cache_dir)
                report.cached += 1
            except _Refused as exc:
                report.failed.append(f"Image {url} not cached: {exc}.")
            except httpx.HTTPError as exc:
                report.failed.append(f"Image {url} not cached: {type(exc).__name__}: {exc}.")
            except OSError as exc:
                report.failed.append(f"Image {url} not cached: cannot write it ({exc}).")
    finally:
        if own:
            http.close()
    for sentence in report.failed:
        log.info("%s", sentence)
    return report


class _Refused(Exception):
    """The server's answer is not an image we keep (its sentence is the message)."""


def _download(http: object, url: str, cache_dir: Path) -> Path:
    import httpx

    assert isinstance(http, httpx.Client)
    with http.stream("GET", url) as response:
        if response.status_code != 200:
            raise _Refused(f"the server answered {response.status_code}")
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if not kind.startswith("image/"):
            raise _Refused(f"it is {kind or 'of no stated type'}, not an image")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_BYTES:
            raise _Refused(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = bytearray()
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) > MAX_BYTES:
                raise _Refused(f"it is larger than {MAX_BYTES // (1024 * 1024)} MB")
    ext = _EXTENSIONS.get(kind) or mimetypes.guess_extension(kind) or ".img"
    if ext not in _KNOWN:
        raise _Refused(f"{kind} is not an image type the screen shows")
    path = cache_dir / f"{_stem(url)}{ext}"
    partial = path.with_suffix(ext + ".part")
    partial.write_bytes(bytes(data))
    partial.replace(path)
    return path
