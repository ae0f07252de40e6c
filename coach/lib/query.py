"""Numbers from the query string, read with ASCII digits only.

`str.isdigit()` says yes to "²", which `int()` then refuses (a 500), and `int()` itself reads
other scripts' digits, spaces and underscores ("٣", " 3", "3_0"). Here anything but 1 to 18
ASCII digits is None, and a number that passes always fits a 64-bit column.
"""

import re

from django.http import HttpRequest

ASCII_NUMBER = re.compile(r"[0-9]{1,18}")


def ascii_int(value: str | None) -> int | None:
    """The whole number written in `value`, or None if it is not 1-18 ASCII digits."""
    if value is None or not ASCII_NUMBER.fullmatch(value):
        return None
    return int(value)


def query_int(request: HttpRequest, name: str) -> int | None:
    """The query parameter `name` as a whole number; None when it is missing or not a number."""
    return ascii_int(request.GET.get(name))
