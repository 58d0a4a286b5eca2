"""Database URLs: normalising the ones flux accepts, and never showing a password.

A URL is read exactly as SQLAlchemy reads it (`make_url`), so what is masked is what would
be sent to the server: the user-info password (as written, percent-encoded or not) and any
query parameter whose name contains `password`. A URL that SQLAlchemy cannot read, or one
whose host or database would hold part of a password (an unencoded `@`), is never echoed
past its scheme. A file path is never read as a URL: `sqlite_url` encodes it.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus, unquote

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from flux_cli.errors import InputError

MASK = "***"
_URL_HINT = "use sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE"
_ENCODE_HINT = "percent-encode the user name and password: @ as %40, / as %2F, : as %3A, % as %25"
_SCHEME = re.compile(r"^\s*([A-Za-z][\w+.-]*)://")
_URL_IN_TEXT = re.compile(r"[A-Za-z][\w+.-]*://\S+")
_KEYWORD_PASSWORD = re.compile(r"(?i)(\w*password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)")
_PG_SCHEMES = ("postgres", "postgresql", "postgresql+psycopg")
_SQLITE_SCHEMES = ("sqlite", "sqlite+pysqlite")


def sqlite_url(path: str) -> str:
    """The SQLite URL of a file path, every character of the path kept (`?`, `%`, `#`, …)."""
    return URL.create("sqlite", database=path).render_as_string(hide_password=False)


def _parse(url: str) -> URL | None:
    """`url` as SQLAlchemy reads it, or None when it cannot be read unambiguously."""
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError, TypeError):
        return None
    if parsed.drivername.split("+")[0] == "sqlite":
        return parsed
    if "@" in (parsed.host or "") or "@" in (parsed.database or ""):
        return None  # an unencoded `@` in the user info: part of a secret would show
    if url.count("@") > 1:
        return None  # another unencoded `@`, after a `?` of the password: the same
    return parsed


def _secret_key(key: str) -> bool:
    return "password" in key.lower()


def _redacted(url: str) -> str:
    scheme = _SCHEME.match(url)
    return f"{scheme[1]}://{MASK}" if scheme else MASK


def mask_url(url: str) -> str:
    """The URL with its password(s) replaced by `***`; unreadable URLs show only the scheme."""
    parsed = _parse(url)
    if parsed is None:
        return _redacted(url)
    text = parsed.set(query={}).render_as_string(hide_password=True)
    if parsed.query:
        pairs = []
        for key, values in parsed.query.items():
            for value in (values,) if isinstance(values, str) else values:
                shown = MASK if _secret_key(key) else quote_plus(value, safe="/:,")
                pairs.append(f"{quote_plus(key)}={shown}")
        text += "?" + "&".join(pairs)
    return text


def _secrets(url: str) -> set[str]:
    """Every spelling of the URL's secrets that could turn up in a driver's message."""
    found: set[str] = set()
    parsed = _parse(url)
    values: list[str] = []
    if parsed is not None:
        if parsed.password:
            values.append(str(parsed.password))
        for key, value in parsed.query.items():
            if _secret_key(key):
                values += [value] if isinstance(value, str) else list(value)
    _, sep, rest = url.partition("://")
    if sep and "@" in rest:
        if parsed is None:
            userinfo = rest.rpartition("@")[0]
            values.append(userinfo)  # unreadable: all of it may be secret
            values.append(userinfo.partition(":")[2])  # the password up to the last @
        values.append(rest.partition("@")[0].partition(":")[2])  # the password as written
    for value in values:
        for form in (
            value,
            unquote(value),
            quote(value, safe=""),
            quote_plus(value),
            value.replace("\\", "\\\\").replace("'", "\\'"),  # libpq conninfo quoting
        ):
            if form.strip():
                found.add(form)
    return found


def url_password(url: str) -> str | None:
    """The user-info password of a URL as SQLAlchemy reads it (decoded), or None."""
    parsed = _parse(url)
    return None if parsed is None or not parsed.password else str(parsed.password)


def scrub(text: str, url: str) -> str:
    """`text` on one line with every form of the URL's secrets masked out."""
    for secret in sorted(_secrets(url), key=len, reverse=True):
        text = text.replace(secret, MASK)
    text = _KEYWORD_PASSWORD.sub(lambda m: f"{m[1]}{MASK}", text)
    text = _URL_IN_TEXT.sub(lambda m: mask_url(m[0]), text)
    return " ".join(text.split())


def normalise_url(url: str) -> str:
    """The SQLAlchemy URL for what the user gave: psycopg for PostgreSQL, sqlite as is."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep:
        shown = MASK if "@" in url or ":" in url else repr(url)
        raise InputError(f"not a database URL: {shown}", hint=_URL_HINT)
    scheme = scheme.lower()
    if scheme in _PG_SCHEMES:
        normal = f"postgresql+psycopg://{rest}"
    elif scheme in _SQLITE_SCHEMES:
        normal = f"sqlite://{rest}"
    else:
        raise InputError(
            f"unsupported database URL scheme {scheme[:40]!r} in {mask_url(url)}", hint=_URL_HINT
        )
    if _parse(normal) is None:
        raise InputError(f"cannot read the database URL {mask_url(url)}", hint=_ENCODE_HINT)
    return normal
