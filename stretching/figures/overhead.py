"""Figures seen from above or from the front, for stretches that open the legs sideways."""

from __future__ import annotations

from .bases import arc_between
from .body import Pose
from .model import Arrow, Figure, Keyframe, Target
from .posing import aim, reach, tip
from .props import floor_mat_front, floor_mat_top

BELLY = -24.0  # where the wrists rest, along the body from the hips


def _butterfly(knees_open: float, feet_x: float) -> Pose:
    """Lying on the back seen from above, head to the left, soles together, the hands resting
    on the belly (never on the knees: the page says to let them fall, not press them)."""
    pose = Pose("top", (0.0, 0.0), {"pelvis": 180.0})
    for side, y in (("l", -3.6), ("r", 3.6)):
        pose = pose.set(**{f"hip_{side}": knees_open})
        pose = reach(pose, f"thigh_{side}", (feet_x, y))
        pose = aim(pose, f"foot_{side}", 0.0)
        pose = reach(pose, f"upperarm_{side}", (BELLY, y * 3.4))
        pose = aim(pose, f"hand_{side}", -75.0 if y > 0 else 75.0)
    return pose


def supine_butterfly() -> Figure:
    start, end = _butterfly(20.0, 66.0), _butterfly(55.0, 48.0)
    arrows = []
    for side in ("l", "r"):
        kx, ky = tip(end, f"thigh_{side}")
        out = 1.0 if ky > 0 else -1.0
        arrows.append(Arrow.line((kx, ky + out * 12.0), (kx, ky + out * 27.0)))
    return Figure(
        id="supine-butterfly",
        position="supine",
        view="top",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 2.0)),
        props=(floor_mat_top(-118.0, -36.0, 92.0, 36.0),),
        working=("leg_l", "leg_r"),
        targets=(Target("thigh_l", 0.35, 5.0, 12.0, 7.0), Target("thigh_r", 0.35, -5.0, 12.0, 7.0)),
        arrows=tuple(arrows),
    )


def _straddle(spread: float, hands_low: bool) -> Pose:
    """Sitting on the floor facing the viewer, seen a little from above, legs in a V."""
    pose = Pose(
        "front",
        (0.0, 0.0),
        {"pelvis": 90.0, "hip_l": spread, "hip_r": spread, "ankle_l": -90.0, "ankle_r": -90.0},
    )
    for side, sign in (("l", -1.0), ("r", 1.0)):
        if hands_low:
            pose = reach(pose, f"upperarm_{side}", (sign * 15.0, -9.0))
            pose = aim(pose, f"hand_{side}", -90.0 + sign * 10.0)
        else:
            pose = reach(pose, f"upperarm_{side}", (sign * 24.0, -14.0))
            pose = aim(pose, f"hand_{side}", -90.0 + sign * 30.0)
    return pose


def straddle_groin() -> Figure:
    start, end = _straddle(30.0, False), _straddle(50.0, True)
    arrows = tuple(
        arc_between(start, end, start.root, (f"shin_{s}", (20.0, 0.0)), pad=10.0)
        for s in ("l", "r")
    )
    return Figure(
        id="straddle-groin",
        position="seated-floor",
        view="front",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(floor_mat_front(((-62.0, 12.0), (62.0, 12.0), (105.0, -88.0), (-105.0, -88.0))),),
        working=("leg_l", "leg_r"),
        targets=(Target("thigh_l", 0.3, -5.0, 12.0, 7.0), Target("thigh_r", 0.3, 5.0, 12.0, 7.0)),
        arrows=arrows,
    )


__all__ = ["supine_butterfly", "straddle_groin"]
