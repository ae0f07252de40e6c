"""The quick safety check in the terminal, asked before a session the way the web asks it:
one key for "none of these", else each question in turn."""

from __future__ import annotations

import os
from typing import TextIO

from .. import i18n, screening
from ..gate import quick_check_question
from .render import say

NONE_KEYS = ("\r", "\n")
STOP_KEYS = ("q", "\x03", "\x04", "")
CHOICES = "[Enter] none of these   [y] yes, one or more: go through them   [q] do not start"
YES_NO = "[y] yes   [n] no"


def read_key(keys: TextIO) -> str:
    """One key, waiting for it; "" at the end of the input."""
    try:
        fd = keys.fileno()
    except (OSError, ValueError):
        return keys.read(1)
    return os.read(fd, 1).decode(errors="ignore")


def _key(keys: TextIO, allowed: tuple[str, ...]) -> str:
    while True:
        key = read_key(keys)
        key = key.lower() if key.isalpha() else key
        if key in allowed or key in STOP_KEYS:
            return key


def ask_quick_check(keys: TextIO, out: TextIO, lang: str = "en") -> list[str] | None:
    """The ids of the signs the person says they have today ([] for none of these), or None
    when they stop without answering; asked in `lang`."""
    _ = i18n.words(lang)
    tier_a = screening.words(lang).tier("A")
    out.write(f"\n{quick_check_question(lang)}\n")
    for n, q in enumerate(tier_a, 1):
        say(q.text, out, f"  {n}. ")
    out.write(f"{_(CHOICES)}\n")
    out.flush()
    try:
        first = _key(keys, (*NONE_KEYS, "y"))
        if first in NONE_KEYS:
            return []
        if first != "y":
            return None
        ticked = []
        for n, q in enumerate(tier_a, 1):
            out.write("\n")
            say(q.text, out, _("{n} of {total}. ").format(n=n, total=len(tier_a)))
            if q.help:
                say(q.help, out, "    ")
            out.write(f"    {_(YES_NO)}\n")
            out.flush()
            key = _key(keys, ("y", "n"))
            if key in STOP_KEYS:
                return None
            out.write(f"    {_('yes') if key == 'y' else _('no')}\n")
            if key == "y":
                ticked.append(q.id)
        return ticked
    except KeyboardInterrupt:
        return None
