"""Database URLs: normalising the ones flux accepts, and never showing a password."""

from __future__ import annotations

import re
from urllib.parse import unquote

from flux_cli.errors import InputError

MASK = "***"
_USERINFO_PASSWORD = re.compile(r"^(?P<head>[A-Za-z][\w+.-]*://[^:/@?#]*:)(?P<password>[^/]*)@")
_KEYWORD_PASSWORD = re.compile(r"(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)")
_URL_HINT = "use sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE"


def mask_url(url: str) -> str:
    """The URL with its password (userinfo or `password=` parameter) replaced by `***`."""
    masked = _USERINFO_PASSWORD.sub(lambda m: f"{m['head']}{MASK}@", url, count=1)
    return _KEYWORD_PASSWORD.sub(lambda m: f"{m[1]}{MASK}", masked)


def url_password(url: str) -> str | None:
    """The password in a URL as written (still percent-encoded), or None."""
    match = _USERINFO_PASSWORD.match(url)
    if match and match["password"]:
        return match["password"]
    keyword = _KEYWORD_PASSWORD.search(url)
    if keyword is None:
        return None
    return keyword[2].strip("'") or None


def scrub(text: str, url: str) -> str:
    """`text` on one line with every form of the URL's password masked out."""
    password = url_password(url)
    if password:
        for form in {password, unquote(password)}:
            if form:
                text = text.replace(form, MASK)
    text = _KEYWORD_PASSWORD.sub(lambda m: f"{m[1]}{MASK}", text)
    text = re.sub(r"[A-Za-z][\w+.-]*://\S+", lambda m: mask_url(m[0]), text)
    return " ".join(text.split())


def normalise_url(url: str) -> str:
    """The SQLAlchemy URL for what the user gave: psycopg for PostgreSQL, sqlite as is."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        raise InputError(f"not a database URL: {mask_url(url)!r}", hint=_URL_HINT)
    scheme = scheme.lower()
    if scheme in ("postgres", "postgresql", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return f"sqlite://{rest}"
    raise InputError(
        f"unsupported database URL scheme {scheme!r} in {mask_url(url)}", hint=_URL_HINT
    )
