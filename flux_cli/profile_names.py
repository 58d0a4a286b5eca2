"""Profile names: what `--profile` / `FLUX_PROFILE` may be, checked the same on every back end.

A name is trimmed of surrounding white space and put in Unicode NFC form (so `"default "`
and `"default"`, or a composed and a decomposed `é`, are one profile), must then be non-empty,
at most `MAX_LENGTH` characters (the `profiles.name` column), and printable: no control,
format (bidirectional overrides, zero-width) or line-separator characters.
"""

from __future__ import annotations

import unicodedata

from flux_cli.errors import InputError

MAX_LENGTH = 100  # storage.models.Profile.name is VARCHAR(100)
_HINT = f"use a short printable name of 1 to {MAX_LENGTH} characters, e.g. --profile ana"


def profile_name(raw: str) -> str:
    """The profile name `raw` stands for, or an InputError saying what is wrong with it."""
    name = unicodedata.normalize("NFC", raw.strip())
    if not name:
        raise InputError("the profile name is empty", hint=_HINT)
    if len(name) > MAX_LENGTH:
        raise InputError(
            f"the profile name is {len(name)} characters long, at most {MAX_LENGTH} are allowed",
            hint=_HINT,
        )
    bad = next((ch for ch in name if not ch.isprintable()), None)
    if bad is not None:
        raise InputError(
            f"the profile name {name!a} contains the unprintable character U+{ord(bad):04X}",
            hint=_HINT,
        )
    return name
