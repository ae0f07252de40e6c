"""Rendering for the terminal: tables, JSON, wrapped sentences, progress bars."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime
from typing import Any, TextIO

from .. import catalogue as cat


def table(rows: list[list[str]], headers: list[str], out: TextIO) -> None:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out.write(line.rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write(
            "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def dump_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")


def exercise_dict(e: cat.Exercise) -> dict[str, Any]:
    d = e.dose
    return {
        "id": e.id,
        "name": e.name,
        "short_name": e.short_name,
        "position": e.position,
        "equipment": list(e.equipment),
        "targets": list(e.targets),
        "summary": e.summary,
        "instructions": list(e.instructions),
        "cautions": list(e.cautions),
        "dose": {
            "kind": d.kind,
            "sides": d.sides,
            "hold_seconds": d.hold_seconds,
            "hold_seconds_max": d.hold_seconds_max,
            "repetitions": d.repetitions,
            "sets": d.sets,
            "rest_seconds": d.rest_seconds,
            "tempo_on": d.tempo_on,
            "tempo_off": d.tempo_off,
            "variants": list(d.variants),
            "origin": dict(d.origin),
            "summary": d.describe(),
        },
        "open_ended": None
        if e.open_ended is None
        else {
            "check_every_seconds": e.open_ended.check_every_seconds,
            "max_seconds": e.open_ended.max_seconds,
            "prompt": e.open_ended.prompt,
        },
        "sources": list(e.sources),
    }


def say(text: str, out: TextIO, indent: str = "  ") -> None:
    rest = " " * len(indent)
    out.write(textwrap.fill(text, 88, initial_indent=indent, subsequent_indent=rest) + "\n")


def when(now: datetime) -> str:
    return f"{now:%A} {now.day} {now:%B %Y}, {now:%H:%M}"


def bar(fraction: float, width: int) -> str:
    filled = int(round(max(0.0, min(1.0, fraction)) * width))
    return "#" * filled + "-" * (width - filled)
