"""Figures for the standing and seated exercises (side view)."""

from __future__ import annotations

import math

from .bases import (
    ankle_for_toe,
    arc_between,
    flat_foot_ankle,
    foot_flat,
    grip,
    hand_to,
    nudge,
    on,
    sitting,
    standing,
)
from .body import ANKLE, HEAD_LIFT, HEAD_R, PELVIS, PELVIS_R, SHIN, THIGH, Pose
from .model import Arrow, Figure, Keyframe, Target
from .posing import aim, direction, height_above, joint, lowest, point, reach, rest_on, settle
from .props import (
    BED,
    COUNTER,
    SEAT,
    STEP_RISE,
    STEP_TREAD,
    bed,
    chair,
    chair_behind,
    counter,
    stair,
)

LEG = THIGH + SHIN


def _keep_legs(pose: Pose, like: Pose, *sides: str) -> Pose:
    """Give the thighs the same direction in the world as in `like` (for hinging at the hip)."""
    for side in sides:
        pose = aim(pose, f"thigh_{side}", direction(like, f"thigh_{side}"))
    return pose


def _hinge(
    pose: Pose, lean: float, *, lumbar: float = 0.0, thoracic: float = 0.0, neck: float = 0.0
) -> Pose:
    """Tip the pelvis forward by `lean` degrees, legs staying where they are."""
    tipped = pose.set(
        pelvis=pose.angle("pelvis") - lean, lumbar=lumbar, thoracic=thoracic, neck=neck
    )
    return _keep_legs(tipped, pose, "n", "f")


def _hinge_arrow(start: Pose, end: Pose) -> Arrow:
    """An arc in front of the face showing the trunk tipping forward from the hip."""
    face = ("head", (HEAD_LIFT, -(HEAD_R + 7.0)))
    return arc_between(start, end, start.root, face, pad=0.0, trim=2.0)


def hip_flexor_chair_lunge() -> Figure:
    """Front foot flat on a chair seat, a hand on the top rail of a chair standing beside; the
    hips move forward into a lunge, the back heel rising with its toes pointing forward."""
    seat_front = 34.0
    front_ankle = (seat_front + 10.0, SEAT + ANKLE)
    back_toe = -24.0
    rail = chair_behind(-5.0)
    hold = (-2.0, 90.0 + 2.9)

    def lunge(hip_x: float, lean: float, heel_up: float, drop: float) -> Pose:
        back_ankle = ankle_for_toe(back_toe, 0.0, -heel_up)
        dx = hip_x - back_ankle[0]
        hip_y = back_ankle[1] + math.sqrt((LEG * 0.995) ** 2 - dx**2) - drop
        pose = Pose("side", (hip_x, hip_y), standing(pelvis=90.0 + lean, lumbar=-lean).angles)
        pose = aim(reach(pose, "thigh_n", back_ankle), "foot_n", -heel_up)
        pose = foot_flat(pose, "f", front_ankle)
        pose = hand_to(pose, "f", hold, hand_angle=0.0)
        return pose.set(shoulder_n=-6.0, elbow_n=15.0)

    start, end = lunge(-20.0, 0.0, 0.0, 0.0), lunge(8.0, -5.0, 36.0, 1.5)
    hip = start.root
    return Figure(
        id="hip-flexor-chair-lunge",
        position="standing",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(rail, chair(seat_front, facing=-1)),
        contacts=(on("foot_n", "floor"), on("foot_f", "seat"), on("hand_f", "chair back")),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.12, 6.0, 11.0, 8.0), Target("shin_n", 0.3, -4.0, 8.0, 6.0)),
        arrows=(Arrow.line((hip[0] - 4.0, hip[1] - 8.0), (end.root[0] + 2.0, end.root[1] - 8.0)),),
    )


def bedside_seated_hamstring() -> Figure:
    edge = 0.0
    hip = (edge - 2.0, BED + PELVIS_R)

    def seated(lean: float, along: float) -> Pose:
        pose = Pose("side", hip, sitting(knee_n=0.0, ankle_n=15.0).angles)
        pose = settle(pose, "hip_n", 20.0, 90.0, height_above(0.0, "foot_n"))
        pose = foot_flat(pose, "f", flat_foot_ankle(hip[0] + 40.0, 0.0))
        if lean:
            pose = _hinge(pose, lean, thoracic=6.0, neck=-8.0)
        pose = grip(pose, "n", "thigh_n", (THIGH * along, 10.5))
        return grip(pose, "f", "thigh_n", (THIGH * along + 4.0, 11.5))

    start, end = seated(0.0, 0.5), seated(24.0, 0.95)
    return Figure(
        id="bedside-seated-hamstring",
        position="seated",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(bed(edge - 190.0, edge, head_at="left"),),
        contacts=(on("pelvis", "mattress"), on("foot_n", "floor"), on("foot_f", "floor")),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.55, -4.0, 14.0, 7.0),),
        arrows=(_hinge_arrow(start, end),),
    )


def chair_edge_hamstring() -> Figure:
    hip = (-2.0, SEAT + PELVIS_R)

    def perched(lean: float, along: float) -> Pose:
        pose = Pose("side", hip, sitting(knee_n=0.0, ankle_n=18.0).angles)
        pose = foot_flat(pose, "f", flat_foot_ankle(hip[0] + 46.0, 0.0))
        pose = settle(pose, "hip_n", 30.0, 80.0, height_above(0.0, "foot_n"))
        if lean:
            pose = _hinge(pose, lean, thoracic=5.0, neck=-6.0)
        pose = grip(pose, "n", "thigh_n", (THIGH * along, 10.5))
        return grip(pose, "f", "thigh_n", (THIGH * along + 4.0, 11.5))

    start, end = perched(0.0, 0.5), perched(26.0, 0.95)
    return Figure(
        id="chair-edge-hamstring",
        position="seated",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(chair(0.0),),
        contacts=(on("pelvis", "seat"), on("foot_n", "floor"), on("foot_f", "floor")),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.55, -4.0, 14.0, 7.0),),
        arrows=(_hinge_arrow(start, end),),
    )


def standing_hamstring() -> Figure:
    def hinged(lean: float, along: float, first: Pose | None) -> Pose:
        pose = standing(knee_n=0.0, ankle_n=8.0, knee_f=5.0)
        pose = rest_on(aim(pose, "foot_f", 0.0), "foot_f")
        pose = settle(pose, "hip_n", 0.0, 90.0, height_above(STEP_RISE, "foot_n"))
        if lean:
            pose = _hinge(pose, lean, thoracic=4.0, neck=-8.0)
        pose = grip(pose, "n", "thigh_n", (THIGH * along, 10.5))
        return grip(pose, "f", "thigh_n", (THIGH * along + 5.0, 11.5))

    start = hinged(0.0, 0.45, None)
    end = hinged(28.0, 0.9, start)
    heel = lowest(start, "foot_n")
    steps = stair(heel[0] - 9.0)
    return Figure(
        id="standing-hamstring",
        position="standing",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(steps,),
        contacts=(on("foot_f", "floor"), on("foot_n", "step1")),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.55, -4.0, 14.0, 7.0),),
        arrows=(_hinge_arrow(start, end),),
    )


def standing_quad_support() -> Figure:
    bench = chair(-26.0)
    top = counter(26.0, 90.0)

    def balanced(push: float, tilt: float, ankle: tuple[float, float] | None) -> Pose:
        hip = (push, ANKLE + math.sqrt((LEG * 0.995) ** 2 - push**2))
        upright = standing(pelvis=90.0 + tilt, lumbar=tilt, hip_n=-4.0, knee_n=95.0)
        pose = Pose("side", hip, upright.set(ankle_n=-50.0).angles)
        pose = foot_flat(pose, "f", flat_foot_ankle(0.0, 0.0))
        if ankle is None:
            pose = settle(pose, "knee_n", 60.0, 130.0, height_above(SEAT, "foot_n"))
        else:
            pose = reach(pose, "thigh_n", ankle)
        pose = hand_to(pose, "n", (28.0, COUNTER + 2.9), hand_angle=0.0)
        return pose.set(shoulder_f=-8.0, elbow_f=15.0)

    start = balanced(0.0, 0.0, None)
    end = balanced(4.0, 6.0, joint(start, "foot_n"))
    belly = point(end, "pelvis", (PELVIS * 0.9, -14.0))
    return Figure(
        id="standing-quad-support",
        position="standing",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(bench, top),
        contacts=(on("foot_f", "floor"), on("foot_n", "seat")),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.45, 5.0, 14.0, 7.0),),
        arrows=(Arrow.line(nudge(belly, -2.0, 0.0), nudge(belly, 12.0, 0.0)),),
    )


def standing_glute_squeeze() -> Figure:
    relaxed = standing()
    squeeze = standing(pelvis=94.0, lumbar=4.0, hip_n=-4.0, hip_f=-4.0)
    squeeze = aim(aim(squeeze, "foot_n", 0.0), "foot_f", 0.0)
    seat_of = point(relaxed, "pelvis", (PELVIS * 0.15, 9.5 + 5.0))
    return Figure(
        id="standing-glute-squeeze",
        position="standing",
        view="side",
        keyframes=(Keyframe(relaxed, 0.8, 0.25), Keyframe(squeeze, 1.2, 1.0)),
        contacts=(on("foot_n", "floor"), on("foot_f", "floor")),
        targets=(Target("pelvis", 0.15, 8.0, 10.0, 11.0),),
        arrows=(Arrow.squeeze(seat_of, (0.0, 17.0)),),
    )


__all__ = [
    "hip_flexor_chair_lunge",
    "bedside_seated_hamstring",
    "chair_edge_hamstring",
    "standing_hamstring",
    "standing_quad_support",
    "standing_glute_squeeze",
    "STEP_TREAD",
]
