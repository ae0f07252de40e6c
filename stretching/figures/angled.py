"""Figures posed in space and seen at an angle, for positions a side view cannot show: here
the lying ones (an ankle across the other knee, knees squeezing a pillow with the arms out to
the sides); the seated and standing ones are in `angled_upright`.

Lying figures: x runs along the body toward the feet (hip centre at x = 0), z toward the
viewer's side ('n' limbs), y up. Upright figures face +x.
"""

from __future__ import annotations

import math

from .bases import on
from .body import ANKLE, SHIN, THIGH
from .model import Arrow, Figure, Keyframe, Target
from .props import MAT_TOP, SEAT
from .scenery import chair, mat, pillow
from .space import (
    HIP_HALF,
    Body,
    Camera,
    Limb,
    Trunk,
    Vec,
    add,
    bend,
    hip_joint,
    mul,
    pose_body,
    project_all,
    shoulder_joint,
    sub,
    unit,
)

LYING = Camera(yaw=-48.0, pitch=34.0)  # from the head's side and above: the sides show
CROSSED = Camera(yaw=-10.0, pitch=52.0)  # from the crossed side and above: the crossing shows
HIP_UP = MAT_TOP + 12.5  # hip centre above the floor, lying on the back
FLAT = (-1.0, 0.0, 0.0)  # along the body toward the head, lying
UP: Vec = (0.0, 1.0, 0.0)
NEAR: Vec = (0.0, 0.0, 1.0)


def on_back(hip_x: float = 0.0, thorax_lift: float = 0.0) -> Trunk:
    """Lying on the back, face up."""
    return Trunk(
        hip=(hip_x, HIP_UP, 0.0),
        pelvis=FLAT,
        abdomen=FLAT,
        thorax=(-1.0, thorax_lift, 0.0),
        neck=(-1.0, 0.12, 0.0),
        hips_side=NEAR,
        shoulders_side=NEAR,
        face=UP,
    )


def arms_out(trunk: Trunk, spread: float = 56.0) -> dict[str, Limb]:
    """Both arms lying on the floor out to the sides, a little below shoulder height."""
    out = {}
    for side, sign in (("n", 1.0), ("f", -1.0)):
        shoulder = shoulder_joint(trunk, side)
        along = unit((0.6, 0.0, sign * 0.8))
        wrist = add(shoulder, mul(along, spread))
        out[side] = Limb((wrist[0], 3.3, wrist[2]), UP, along)
    return out


def frames(
    fig: Figure, bodies: list[Body], holds: tuple[float, ...], efforts: tuple[float, ...]
) -> Figure:
    """The figure with one keyframe per body, projected through the figure's camera."""
    assert fig.camera is not None
    poses = project_all(bodies, fig.camera)
    keys = tuple(
        Keyframe(p, h, e, b) for p, h, e, b in zip(poses, holds, efforts, bodies, strict=True)
    )
    return Figure(**{**fig.__dict__, "keyframes": keys})


def supine_pillow_squeeze() -> Figure:
    cam = LYING
    seat_x = 52.0
    trunk = on_back()

    def squeezing(knee_z: float) -> Body:
        rise, out = SEAT + 5.5 - HIP_UP, knee_z - HIP_HALF
        knee_x = math.sqrt(THIGH**2 - rise**2 - out**2)
        legs = {}
        for side, sign in (("n", 1.0), ("f", -1.0)):
            knee = (knee_x, SEAT + 5.5, sign * knee_z)
            pole = sub(knee, hip_joint(trunk, side))
            legs[side] = Limb(add(knee, (SHIN, 0.0, 0.0)), pole, UP, sole=(1.0, 0.0, 0.0))
        return pose_body(trunk, legs, arms_out(trunk))

    relaxed, squeezed = squeezing(14.0), squeezing(13.0)
    knee_n, knee_f = relaxed.end("thigh_n"), relaxed.end("thigh_f")
    middle = mul(add(knee_n, knee_f), 0.5)
    cushion = pillow(
        cam,
        (middle[0] - 16.0, middle[1] - 12.0, -6.0, middle[0] + 12.0, middle[1] + 12.0, 6.0),
        "knee pillow",
        "mid",
        held=True,
    )
    arrows = tuple(
        Arrow.line(
            cam.project(add(k, mul(NEAR, s * 30.0))), cam.project(add(k, mul(NEAR, s * 13.0)))
        )
        for k, s in ((knee_n, 1.0), (knee_f, -1.0))
    )
    fig = Figure(
        id="supine-pillow-squeeze",
        position="supine",
        view="oblique",
        keyframes=(),
        props=(
            mat(cam, -92.0, 22.0, -72.0, 72.0),
            chair(cam, (seat_x, 0.0), "+z"),
            cushion,
        ),
        contacts=(
            on("pelvis", "mat"),
            on("thorax", "mat"),
            on("shin_n", "seat"),
            on("shin_f", "seat"),
            on("hand_n", "floor"),
            on("hand_f", "floor"),
        ),
        working=("leg_n", "leg_f"),
        targets=(Target("thigh_n", 0.75, 0.0, 12.0, 8.0),),
        arrows=arrows,
        layers=("arm_f", "b", "leg_f", "n"),
        camera=cam,
    )
    return frames(fig, [relaxed, squeezed], (0.9, 0.9), (0.3, 1.0))


def _lie_with_hands_down(trunk: Trunk) -> dict[str, Limb]:
    """Arms resting on the floor by the sides, hands beside the hips."""
    out = {}
    for side, sign in (("n", 1.0), ("f", -1.0)):
        shoulder = shoulder_joint(trunk, side)
        along = unit((1.0, 0.0, sign * 0.6))
        wrist = add(shoulder, mul(along, 54.0))
        out[side] = Limb((wrist[0], 3.3, wrist[2]), UP, along)
    return out


def supine_piriformis() -> Figure:
    """On the back, the near ankle across the far thigh just above its knee; the far leg is
    then drawn toward the chest with both hands behind its thigh. Seen from beyond the head,
    as the person sees their own legs, so the crossing lies across the picture."""
    cam = CROSSED
    trunk = on_back()
    hip = hip_joint(trunk, "f")

    def crossed(ankle: Vec, knee_dir: Vec, hold: bool) -> Body:
        knee, _ = bend(hip, ankle, THIGH, SHIN, knee_dir)
        along = unit(sub(knee, hip))
        front = (-along[1], along[0], 0.0)  # the front of that thigh (toward the head)
        rest = add(hip, mul(along, THIGH * 0.84), mul(front, 13.0), (0.0, 0.0, -3.0))
        legs = {
            "f": Limb(ankle, knee_dir, (0.3, 1.0, 0.0) if hold else (1.0, 0.0, 0.0)),
            "n": Limb(rest, (0.2, 0.5, 1.0), unit((0.2, 0.6, -1.0)), sole=(-0.8, -0.6, 0.0)),
        }
        if not hold:
            return pose_body(trunk, legs, _lie_with_hands_down(trunk))
        arms = {}
        for side, dz in (("n", 8.0), ("f", -8.0)):
            behind = add(hip, mul(along, THIGH * 0.62), mul(front, -11.0), (0.0, 0.0, dz))
            arms[side] = Limb(behind, (0.0, -0.4, dz), (0.0, 0.2, -dz))
        return pose_body(trunk, legs, arms)

    hook = (44.0, MAT_TOP + ANKLE, -10.0)
    start = crossed(hook, (0.5, 1.0, 0.0), hold=False)
    drawn_in = math.radians(8.0)  # the far thigh tipped this far past upright, toward the head
    knee = add(hip, (-THIGH * math.sin(drawn_in), THIGH * math.cos(drawn_in), 0.0))
    lifted = add(knee, mul((math.cos(drawn_in), math.sin(drawn_in), 0.0), SHIN))
    end = crossed(lifted, (-0.3, 1.0, 0.0), hold=True)
    fig = Figure(
        id="supine-piriformis",
        position="supine",
        view="oblique",
        keyframes=(),
        props=(mat(cam, -92.0, 70.0, -34.0, 34.0),),
        contacts=(on("pelvis", "mat"), on("thorax", "mat"), on("foot_f", "mat", (0,))),
        working=("leg_n",),
        targets=(Target("pelvis", 0.2, -6.0, 11.0, 9.0),),
        arrows=(
            Arrow.line(
                cam.project(add(knee, (40.0, 8.0, -24.0))),
                cam.project(add(knee, (8.0, 8.0, -24.0))),
            ),
        ),
        layers=("b", "arm_f", "arm_n", "leg_f", "leg_n"),
        camera=cam,
    )
    return frames(fig, [start, end], (0.8, 1.6), (1.0, 1.0))


__all__ = ["supine_pillow_squeeze", "supine_piriformis", "on_back", "frames", "UP", "NEAR"]
