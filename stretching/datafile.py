"""Reading the project's data files: typed fields from parsed TOML, every problem recorded as
`file: field: message` instead of raised, so a reviewer sees them all at once; and close
matches for an unknown name. Used by the catalogue and the tips."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class UnknownId(LookupError):
    """An id that is not in the catalogue, with the close matches to suggest."""

    def __init__(self, kind: str, wanted: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.wanted = wanted
        self.suggestions = suggest(wanted, known)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No {kind} called '{wanted}'.{hint}")


def suggest(wanted: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for an unknown name, also matching on any word of a hyphenated id."""
    known = list(known)
    close = difflib.get_close_matches(wanted, known, n=n, cutoff=0.6)
    if len(close) < n:
        for name in known:
            if name not in close and wanted and wanted in name:
                close.append(name)
    return close[:n]


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class CatalogueError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"The catalogue has {len(problems)} problem(s):\n{lines}")


class Reader:
    """Reads typed fields from one parsed data file, recording problems instead of raising."""

    def __init__(self, file: str, data: Mapping[str, Any], problems: list[Problem]) -> None:
        self.file = file
        self.data = data
        self.problems = problems

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.file, name, message))

    def _get(self, name: str, required: bool) -> Any:
        node: Any = self.data
        for part in name.split("."):
            if not isinstance(node, Mapping) or part not in node:
                if required:
                    self.problem(name, "is missing")
                return None
            node = node[part]
        return node

    def text(self, name: str, required: bool = True) -> str:
        value = self._get(name, required)
        if value is None:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(name, "must be a non-empty text")
            return ""
        return value.strip()

    def texts(self, name: str, required: bool = True) -> tuple[str, ...]:
        value = self._get(name, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(name, "must be a list of non-empty texts")
            return ()
        if required and not value:
            self.problem(name, "must not be empty")
        return tuple(v.strip() for v in value)

    def seconds(self, name: str, required: bool = False, minimum: int = 0) -> int | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"must be a whole number, not {value!r}")
            return None
        if value < minimum:
            self.problem(name, f"must be at least {minimum}, not {value}")
            return None
        return value

    def choice(self, name: str, options: tuple[str, ...], default: str | None = None) -> str:
        value = self._get(name, default is None)
        if value is None:
            return default or options[0]
        if value not in options:
            self.problem(name, f"must be one of {', '.join(options)}, not {value!r}")
            return default or options[0]
        return str(value)

    def unknown_keys(self, section: str, allowed: set[str]) -> None:
        node = self.data if not section else self._get(section, False)
        if not isinstance(node, Mapping):
            return
        for key in node:
            if key not in allowed:
                where = f"{section}.{key}" if section else key
                hint = suggest(key, allowed)
                extra = f" (did you mean {hint[0]}?)" if hint else ""
                self.problem(where, f"is not a known field{extra}")


def parse_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.append(
            Problem(f"{path.parent.name}/{path.name}", "(file)", f"is not valid TOML: {exc}")
        )
        return None
