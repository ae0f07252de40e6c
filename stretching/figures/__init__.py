"""Drawn figures for every exercise: a posable 2-D body, props, and SVG output.

    render_svg(exercise_id, *, title, desc, animate=True) -> str   standalone SVG, animated
        from the start pose to the stretch and back; still (the stretch) under reduced motion
    render_keyframe_svg(exercise_id, index, *, title, desc) -> str  one still keyframe
    render_exercise_svg(exercise, *, animate=True) -> str   title and desc from the Exercise
    alt_text(exercise) -> (title, desc)
    keyframe_count(exercise_id) -> int
    FIGURE_IDS, has_figure(exercise_id), figure(exercise_id) -> Figure

The body model is in `body`, props in `props`, the poses in `upright`, `lying` and `overhead`,
and `checks.problems(figure)` says in words what rests wrongly or passes through what.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from . import lying, overhead, upright
from .model import Figure
from .svg import render

if TYPE_CHECKING:
    from stretching.catalogue import Exercise

_BUILDERS: dict[str, Callable[[], Figure]] = {
    "hip-flexor-chair-lunge": upright.hip_flexor_chair_lunge,
    "bedside-seated-hamstring": upright.bedside_seated_hamstring,
    "chair-edge-hamstring": upright.chair_edge_hamstring,
    "seated-figure-four": upright.seated_figure_four,
    "bedside-knee-twist": upright.bedside_knee_twist,
    "standing-hamstring": upright.standing_hamstring,
    "standing-quad-support": upright.standing_quad_support,
    "standing-glute-squeeze": upright.standing_glute_squeeze,
    "supine-hamstring-straight-leg": lying.supine_hamstring_straight_leg,
    "towel-hamstring": lying.towel_hamstring,
    "band-hamstring": lying.band_hamstring,
    "supine-piriformis": lying.supine_piriformis,
    "knees-to-chest": lying.knees_to_chest,
    "ankle-pumps": lying.ankle_pumps,
    "supine-pillow-squeeze": lying.supine_pillow_squeeze,
    "supine-leg-on-chair-rest": lying.supine_leg_on_chair_rest,
    "back-extension": lying.back_extension,
    "cat-pose": lying.cat_pose,
    "quadruped-hip-extension": lying.quadruped_hip_extension,
    "supine-butterfly": overhead.supine_butterfly,
    "straddle-groin": overhead.straddle_groin,
}

FIGURE_IDS: frozenset[str] = frozenset(_BUILDERS)


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


def alt_text(exercise: Exercise) -> tuple[str, str]:
    """The picture's title and description, from the exercise's own data."""
    targets = ", ".join(exercise.targets)
    return exercise.name, f"{exercise.summary} Where you feel it: {targets}."


def render_exercise_svg(exercise: Exercise, *, animate: bool = True) -> str:
    """`render_svg` for an Exercise, with its name and summary as the text alternative."""
    title, desc = alt_text(exercise)
    return render_svg(exercise.id, title=title, desc=desc, animate=animate)
