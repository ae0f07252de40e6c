"""Drawn figures for every exercise: a posable 2-D body, props, and SVG output.

    render_svg(exercise_id, *, title, desc, animate=True) -> str   standalone SVG, animated
        from the start pose to the stretch and back; still (the stretch) under reduced motion
    render_keyframe_svg(exercise_id, index, *, title, desc) -> str  one still keyframe
    render_exercise_svg(exercise, *, animate=True) -> str   title and desc from the Exercise
    alt_text(exercise, figure_id=None) -> (title, desc)
    keyframe_count(exercise_id) -> int
    FIGURE_IDS, has_figure(exercise_id), figure(exercise_id) -> Figure
    figure_for(exercise_id, set_number) -> figure id   the drawing for one set of an exercise
        whose sets are done differently (the dose's `variants`): "<exercise>--<variant>"
    exercise_of(figure_id) -> exercise id

The body model is in `body` and `skeletons`, props in `props`, the poses in `upright`, `lying`
and `overhead`; figures posed in space and seen at an angle (for a crossing, a twist or a
squeeze between the knees) in `space`, `scenery`, `angled` and `angled_upright`.
`checks.problems(figure)` says in words what rests wrongly or passes through what, and
`intent.problems(figure)` what the drawing fails to show that its page asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from . import angled, angled_upright, lying, overhead, upright
from .model import Figure
from .svg import render

if TYPE_CHECKING:
    from stretching.catalogue import Exercise

_BUILDERS: dict[str, Callable[[], Figure]] = {
    "hip-flexor-chair-lunge": upright.hip_flexor_chair_lunge,
    "bedside-seated-hamstring": upright.bedside_seated_hamstring,
    "chair-edge-hamstring": upright.chair_edge_hamstring,
    "seated-figure-four": angled_upright.seated_figure_four,
    "bedside-knee-twist": angled_upright.bedside_knee_twist,
    "standing-hamstring": upright.standing_hamstring,
    "standing-quad-support": upright.standing_quad_support,
    "standing-glute-squeeze": upright.standing_glute_squeeze,
    "supine-hamstring-straight-leg": lying.supine_hamstring_straight_leg,
    "towel-hamstring": lying.towel_hamstring,
    "band-hamstring": lying.band_hamstring,
    "supine-piriformis": angled.supine_piriformis,
    "knees-to-chest": lying.knees_to_chest,
    "ankle-pumps": lying.ankle_pumps,
    "supine-pillow-squeeze": angled.supine_pillow_squeeze,
    "supine-leg-on-chair-rest": lying.supine_leg_on_chair_rest,
    "back-extension": lying.back_extension,
    "cat-pose": lying.cat_pose,
    "quadruped-hip-extension": lying.quadruped_hip_extension,
    "supine-butterfly": overhead.supine_butterfly,
    "standing-glute-squeeze--toes-out": angled_upright.standing_glute_squeeze_toes_out,
    "straddle-groin": overhead.straddle_groin,
}

FIGURE_IDS: frozenset[str] = frozenset(_BUILDERS)

SET_FIGURES: dict[str, dict[int, str]] = {
    "standing-glute-squeeze": {2: "standing-glute-squeeze--toes-out"},
}
"""Drawings of a set done differently (a dose's `variants`), by exercise and set number."""


def figure_for(exercise_id: str, set_number: int | None = None) -> str:
    """The figure id that shows one set of an exercise (the exercise's own for most)."""
    return SET_FIGURES.get(exercise_id, {}).get(set_number or 1, exercise_id)


def exercise_of(figure_id: str) -> str:
    """The exercise a figure id draws: 'standing-glute-squeeze--toes-out' draws the squeeze."""
    return figure_id.split("--")[0]


def set_of(figure_id: str) -> int | None:
    """The set number a set figure shows (None for an exercise's own figure)."""
    for set_number, fid in SET_FIGURES.get(exercise_of(figure_id), {}).items():
        if fid == figure_id:
            return set_number
    return None


def has_figure(exercise_id: str) -> bool:
    return exercise_id in _BUILDERS


@cache
def figure(exercise_id: str) -> Figure:
    """The figure for an exercise id (KeyError if there is none)."""
    return _BUILDERS[exercise_id]()


def keyframe_count(exercise_id: str) -> int:
    return len(figure(exercise_id).keyframes)


def render_svg(exercise_id: str, *, title: str, desc: str, animate: bool = True) -> str:
    """A standalone SVG document: the stretch pose, animated from the start pose unless
    `animate` is false (and never for readers who ask for reduced motion)."""
    return render(figure(exercise_id), title=title, desc=desc, animate=animate)


def render_keyframe_svg(exercise_id: str, index: int, *, title: str, desc: str) -> str:
    """One keyframe as a still SVG (for a contact sheet)."""
    fig = figure(exercise_id)
    if not 0 <= index < len(fig.keyframes):
        raise IndexError(f"{exercise_id} has {len(fig.keyframes)} keyframes, not {index + 1}")
    return render(fig, title=title, desc=desc, animate=False, frame=index)


def alt_text(exercise: Exercise, figure_id: str | None = None) -> tuple[str, str]:
    """The picture's title and description, from the exercise's own data (and, for a set
    figure, the way that set is done)."""
    targets = ", ".join(exercise.targets)
    title, desc = exercise.name, f"{exercise.summary} Where you feel it: {targets}."
    set_number = set_of(figure_id) if figure_id else None
    if set_number and len(exercise.dose.variants) >= set_number:
        variant = exercise.dose.variants[set_number - 1]
        title, desc = f"{title}: {variant}", f"Set {set_number}, {variant}. {desc}"
    return title, desc


def render_exercise_svg(exercise: Exercise, *, animate: bool = True) -> str:
    """`render_svg` for an Exercise, with its name and summary as the text alternative."""
    title, desc = alt_text(exercise)
    return render_svg(exercise.id, title=title, desc=desc, animate=animate)
