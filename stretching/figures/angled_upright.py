"""Figures posed in space and seen at an angle, seated and standing: the ankle resting on the
other knee on a chair, the knee up on the bed with the trunk turning toward it, the toes turned
out. Upright figures face +x; z runs toward the viewer's side ('n' limbs), y up."""

from __future__ import annotations

import math

from .angled import NEAR, UP, frames
from .bases import on
from .body import ANKLE, SHIN, THIGH
from .model import Arrow, Figure, Target
from .props import BED, SEAT
from .scenery import bed, chair, floor
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
    sub,
    unit,
)

LEG_STANDING = THIGH + SHIN + ANKLE - 0.6  # hip centre above the floor, standing tall


SEATED = Camera(yaw=58.0, pitch=20.0)  # from in front and the near side, a little above


def sitting(lean: float, hip: Vec, twist: float = 0.0, face_down: float = 0.0) -> Trunk:
    """Sitting tall facing +x, hips at `hip`; `lean` tips the back forward from the hips (in
    degrees, back kept long); `twist` turns the chest toward the near side (+z)."""
    t = math.radians(lean)
    back = (math.sin(t), math.cos(t), 0.0)
    w = math.radians(twist)
    shoulders = (-math.sin(w), 0.0, math.cos(w))
    f = math.radians(face_down + lean)
    return Trunk(
        hip=hip,
        pelvis=back,
        abdomen=back,
        thorax=back,
        neck=add(back, (0.15, 0.0, 0.0)),
        hips_side=NEAR,
        shoulders_side=shoulders,
        face=(math.cos(f) * math.cos(w), -math.sin(f), math.cos(f) * math.sin(w)),
    )


def seated_figure_four() -> Figure:
    """Sitting near the front of a chair, the near ankle resting on the far knee; then a
    lean forward from the hips with the back long. Seen from in front."""
    cam = SEATED
    hip = (0.0, SEAT + 12.0, 0.0)
    bottom = Limb((44.0, ANKLE, -13.0), (1.0, 0.4, 0.0), (1.0, 0.0, -0.1))

    def crossed(lean: float) -> Body:
        trunk = sitting(lean, hip)
        knee, _ = bend(hip_joint(trunk, "f"), bottom.to, THIGH, SHIN, bottom.pole)
        rest = add(knee, (-4.0, 13.0, 0.0))
        legs = {
            "f": bottom,
            "n": Limb(rest, (0.25, 0.15, 1.0), unit((0.15, 0.2, -1.0)), sole=(0.3, -1.0, 0.0)),
        }
        shin_mid = add(rest, (0.0, 5.0, 16.0))
        arms = {
            "n": Limb(add(shin_mid, (-3.0, 7.0, 0.0)), (-0.4, 0.0, 1.0), (0.5, -0.3, -0.5)),
            "f": Limb(add(rest, (-2.0, 8.0, -8.0)), (-0.4, 0.0, -1.0), (0.6, -0.3, 0.0)),
        }
        return pose_body(trunk, legs, arms)

    start, end = crossed(0.0), crossed(24.0)
    face0, face1 = (cam.project(add(b.end("head"), (6.0, 0.0, -22.0))) for b in (start, end))
    fig = Figure(
        id="seated-figure-four",
        position="seated",
        view="oblique",
        keyframes=(),
        props=(floor(cam, -35.0, 70.0, -35.0, 45.0), chair(cam, (-11.0, 0.0), "+x")),
        contacts=(on("pelvis", "seat"), on("foot_f", "floor")),
        working=("leg_n",),
        targets=(Target("pelvis", 0.1, 0.0, 11.0, 10.0),),
        arrows=(Arrow.line(face0, face1),),
        layers=("arm_f", "leg_f", "b", "leg_n", "arm_n"),
        camera=cam,
    )
    return frames(fig, [start, end], (0.8, 1.6), (1.0, 1.0))


BEDSIDE = Camera(yaw=55.0, pitch=26.0)  # from in front, on the raised knee's side, above


def sub2(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return (b[0] - a[0], b[1] - a[1])


def _turned_trunk(hip: Vec, turn: float, twist: float, lean: float) -> Trunk:
    """Sitting with the pelvis turned `turn` degrees toward the near side (+z), the chest
    turned `twist` degrees more and leaning `lean` degrees the way the chest faces."""
    p, c = math.radians(turn), math.radians(turn + twist)
    chest = (math.cos(c), 0.0, math.sin(c))
    t = math.radians(lean)
    back = add(mul(UP, math.cos(t)), mul(chest, math.sin(t)))
    return Trunk(
        hip=hip,
        pelvis=add(UP, mul(chest, 0.2 * math.sin(t))),
        abdomen=back,
        thorax=back,
        neck=add(back, mul(chest, 0.2)),
        hips_side=(-math.sin(p), 0.0, math.cos(p)),
        shoulders_side=(-math.sin(c), 0.0, math.cos(c)),
        face=add(chest, mul(UP, -0.4)),
    )


def bedside_knee_twist() -> Figure:
    """Sitting on the side of the bed, the near knee up on the mattress with the leg folded;
    the trunk turns toward that knee and leans so the chest comes over it."""
    cam = BEDSIDE
    hip = (-12.0, BED + 12.0, 0.0)
    knee_y = BED + 7.5  # the knee rests on the mattress

    def seated(twist: float, lean: float) -> Body:
        trunk = _turned_trunk(hip, 20.0, twist, lean)
        near_hip = hip_joint(trunk, "n")
        out = math.sqrt(THIGH**2 - (near_hip[1] - knee_y) ** 2 - 16.0)
        knee = (near_hip[0] + 4.0, knee_y, near_hip[2] + out)
        tuck = add(knee, (-27.0, -0.5, -31.5))
        legs = {
            "n": Limb(tuck, sub(knee, near_hip), (0.6, -0.2, -0.8), sole=(0.3, 0.2, 1.0)),
            "f": Limb((30.0, ANKLE, -16.0), (1.0, 0.3, 0.0), (1.0, 0.0, -0.1)),
        }
        if twist:  # both hands on the raised knee
            arms = {
                "n": Limb(add(knee, (6.0, 5.0, 4.0)), (0.0, -0.3, 1.0), (0.3, -0.6, 0.6)),
                "f": Limb(add(knee, (3.0, 8.0, -7.0)), (0.2, -0.3, -1.0), (0.4, -0.6, 0.6)),
            }
        else:  # hands resting on the thighs
            thigh_f = add(hip_joint(trunk, "f"), (24.0, 4.0, -3.0))
            arms = {
                "n": Limb(add(near_hip, (10.0, 9.0, 16.0)), (-1.0, -0.6, 0.2), (0.4, -0.3, 1.0)),
                "f": Limb(add(thigh_f, (0.0, 10.0, 0.0)), (-0.3, -0.2, -1.0), (1.0, -0.4, 0.0)),
            }
        return pose_body(trunk, legs, arms)

    start, end = seated(0.0, 0.0), seated(45.0, 24.0)
    chest = cam.project(mul(add(*end.joints["thorax"]), 0.5))
    tilt = math.degrees(math.atan2(*reversed(sub2(*map(cam.project, end.joints["shoulders"])))))
    fig = Figure(
        id="bedside-knee-twist",
        position="seated",
        view="oblique",
        keyframes=(),
        props=(floor(cam, -10.0, 55.0, -40.0, 30.0), bed(cam, -60.0, 0.0, -35.0, 72.0)),
        contacts=(on("pelvis", "mattress"), on("thigh_n", "mattress"), on("foot_f", "floor")),
        working=("leg_n",),
        targets=(Target("abdomen", 0.5, 0.0, 12.0, 9.0),),
        arrows=(Arrow.turn(chest, (22.0, 8.0), tilt),),
        layers=("arm_f", "leg_n", "b", "leg_f", "arm_n"),
        camera=cam,
    )
    return frames(fig, [start, end], (0.8, 1.6), (1.0, 1.0))


STANDING = Camera(yaw=75.0, pitch=28.0)  # from in front, a little to the side and above


def standing_glute_squeeze_toes_out() -> Figure:
    """The glute squeeze's second set: standing tall, heels hip-width apart, toes turned out;
    squeeze the buttocks and let go."""
    cam = STANDING
    turn = math.radians(35.0)  # each foot's toes turned out from straight ahead
    hip = (0.0, LEG_STANDING, 0.0)

    def standing_tall(squeeze: float) -> Body:
        trunk = Trunk(
            hip=hip,
            pelvis=(-0.04 * squeeze, 1.0, 0.0),
            abdomen=UP,
            thorax=UP,
            neck=(0.12, 1.0, 0.0),
            hips_side=NEAR,
            shoulders_side=NEAR,
            face=(1.0, 0.0, 0.0),
        )
        legs, arms = {}, {}
        for side, sign in (("n", 1.0), ("f", -1.0)):
            ankle = (-3.0, ANKLE, sign * (HIP_HALF + 1.5))
            toes = (math.cos(turn), 0.0, sign * math.sin(turn))
            legs[side] = Limb(ankle, (1.0, 0.0, sign * 0.5), toes)
            wrist = add(hip_joint(trunk, side), (-1.0, -9.5, sign * 12.0))
            arms[side] = Limb(wrist, (-1.0, 0.0, sign * 0.3), (0.0, -1.0, 0.0))
        return pose_body(trunk, legs, arms)

    relaxed, squeezed = standing_tall(0.0), standing_tall(1.0)
    seat = mul(add(*squeezed.joints["pelvis"]), 0.5)
    arrows = tuple(
        Arrow.line(
            cam.project(add(seat, (-14.0, 0.0, s * 26.0))),
            cam.project(add(seat, (-14.0, 0.0, s * 12.0))),
        )
        for s in (1.0, -1.0)
    )
    toe_marks = tuple(
        Arrow.line(cam.project(add(f, mul(d, 8.0))), cam.project(add(f, mul(d, 20.0))))
        for f, d in (
            (squeezed.end("foot_n"), (math.cos(turn), 0.0, math.sin(turn))),
            (squeezed.end("foot_f"), (math.cos(turn), 0.0, -math.sin(turn))),
        )
    )
    fig = Figure(
        id="standing-glute-squeeze--toes-out",
        position="standing",
        view="oblique",
        keyframes=(),
        props=(floor(cam, -35.0, 55.0, -45.0, 45.0),),
        contacts=(on("foot_n", "floor"), on("foot_f", "floor")),
        targets=(Target("pelvis", 0.15, 0.0, 12.0, 11.0),),
        arrows=arrows + toe_marks,
        layers=("arm_f", "leg_f", "b", "leg_n", "arm_n"),
        camera=cam,
    )
    return frames(fig, [relaxed, squeezed], (0.8, 1.2), (0.25, 1.0))


__all__ = ["seated_figure_four", "bedside_knee_twist", "standing_glute_squeeze_toes_out"]
