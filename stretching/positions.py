"""Getting into position: how long a get-ready lasts and the words that say where to go.

A change of side is quick (stretching/timeline.py's SWITCH_SECONDS); a change of position is
not, least of all getting down to the floor or up from it with a sore leg. The relief sequence
goes standing -> lying with the calves on a chair -> sitting on the bed -> lying -> standing.
"""

from __future__ import annotations

from collections.abc import Callable

from .catalogue import Exercise, Position

Words = Callable[[str], str]
"""English phrase (as this module and stretching/timeline.py write it) -> the same in a language."""

READY_SECONDS = 10
"""Getting ready for an exercise done in the same position as the one before: only a prop or a
limb changes (a towel round the foot, the soles together)."""
NEW_POSITION_SECONDS = 20
"""Getting into a new position at the same level: standing up from a chair or sitting down,
rolling from the back onto the front or onto hands and knees. The whole body moves, not one
limb: twice the same-position time."""
FLOOR_SECONDS = 30
"""Getting down to the floor or up from it. With a sore leg this goes in stages (onto one side,
push up with the arms, kneel, stand) and the next exercise often needs a prop fetched: the chair
and the pillow of the pillow squeeze, the bed of the knee twist."""
START_POSITION: Position = "standing"
"""Where a person is taken to be when they press Start: upright, phone in hand. The first
get-ready gives them the time to get from there into the first exercise's position."""

FLOOR: frozenset[str] = frozenset({"seated-floor", "supine", "prone", "quadruped"})
"""Positions on the floor (or a mat); the others are standing, or sitting on a chair or bed."""

GO: dict[str, str] = {
    "standing": "Stand tall",
    "seated": "Sit",
    "seated-floor": "Sit on the floor",
    "supine": "Lie on your back",
    "prone": "Lie face down",
    "quadruped": "Come onto your hands and knees",
}
STAY: dict[str, str] = {
    "standing": "Stay standing",
    "seated": "Stay sitting",
    "seated-floor": "Stay sitting on the floor",
    "supine": "Stay on your back",
    "prone": "Stay face down",
    "quadruped": "Stay on your hands and knees",
}
DOWN = "Get down to the floor slowly"
UP = "Roll onto your side and come up slowly"
JOINS_WITHOUT_COMMA = ("on ", "at ", "in ", "beside ", "between ", "facing ", "with ")
"""A start cue beginning with one of these continues the position's words ("Sit on the side of
the bed"); any other is added after a comma ("Lie on your back, calves on the chair")."""


def _english(text: str) -> str:
    return text


def phrases_for(lang: str) -> Words:
    """The phrases of `lang` (stretching/data/<lang>/phrases.toml), called with the English;
    English itself is the text as written."""
    if lang == "en":
        return _english
    from . import i18n  # i18n imports the catalogue: looked up on first use, not at import

    return i18n.phrases(lang)


def _joins(lang: str) -> tuple[str, ...]:
    if lang == "en":
        return JOINS_WITHOUT_COMMA
    from . import i18n

    return i18n.phrases(lang).joins_without_comma


def ready_seconds(before: str | None, after: str) -> int:
    """How long to get from one position into the next (None: the session is just starting)."""
    before = before or START_POSITION
    if (before in FLOOR) != (after in FLOOR):
        return FLOOR_SECONDS
    return READY_SECONDS if before == after else NEW_POSITION_SECONDS


def where_to_go(before: str | None, exercise: Exercise, lang: str = "en") -> tuple[str, ...]:
    """The phrases that take a person from one position into the exercise's start: the way
    down or up, then the position with the exercise's start cue ("Lie on your back, calves on
    the chair"), in `lang` (the exercise's cue is taken to be in it already)."""
    t = phrases_for(lang)
    after = exercise.position
    moving = before is None or before != after
    way = ""
    if before is not None and (before in FLOOR) != (after in FLOOR):
        way = t(DOWN if after in FLOOR else UP)
    words = t(GO[after] if moving else STAY[after])
    cue = exercise.cues.start.strip().rstrip(".")
    cue = cue[:1].lower() + cue[1:]
    joiner = " " if cue.startswith(_joins(lang)) else ", "
    place = f"{words}{joiner}{cue}" if cue else words
    return (way, place) if way else (place,)


READY_TIMES = (
    "{ready} seconds to get ready in the same position, {new} for a new one and {floor} to get "
    "down to the floor or up from it"
)


def ready_times(lang: str = "en") -> str:
    """The get-ready times in words, for the player's start panel."""
    return phrases_for(lang)(READY_TIMES).format(
        ready=READY_SECONDS, new=NEW_POSITION_SECONDS, floor=FLOOR_SECONDS
    )
