"""Figures for the exercises done lying on the back, on the front, or on hands and knees."""

from __future__ import annotations

import math

from .bases import (
    GRIP,
    MAT,
    SOLE,
    arc_between,
    arm_down,
    flat_foot_ankle,
    foot_flat,
    grip,
    hand_to,
    hold_strap,
    leg_long,
    lying,
    nudge,
    on,
    settle_trunk,
)
from .body import FOREARM, PELVIS_R, SHIN, THIGH, THORAX, UPPER_ARM, Pose
from .model import Arrow, Figure, Keyframe, Strap, Target
from .posing import aim, height_above, joint, lowest, point, settle, solve, tip
from .props import SEAT, chair, mat, pillow

FLOOR_MAT = mat(-112.0, 102.0)
WRIST_UP = 2.9  # a flat hand's wrist sits this high above what it rests on


def on_back(**angles: float) -> Pose:
    """Lying on the back, trunk and head down on the mat, both legs long."""
    pose = lying(**angles)
    pose = settle(pose, "pelvis", 165.0, 185.0, height_above(MAT, "thorax"))
    pose = settle_trunk(pose)
    pose = arm_down(arm_down(pose, "n"), "f")
    return leg_long(leg_long(pose, "n"), "f")


def hook(pose: Pose, side: str, reach_x: float = 46.0) -> Pose:
    """Knee bent, foot flat on the mat."""
    return foot_flat(pose, side, flat_foot_ankle(pose.root[0] + reach_x, MAT))


def _strap_length(start: Pose, end: Pose, foot: str, side: str = "n") -> float:
    """A strap length the hands can hold in both poses with the elbows a little bent."""
    spans = []
    for pose in (start, end):
        sole = point(pose, foot, SOLE)
        shoulder = joint(pose, f"upperarm_{side}")
        spans.append(math.hypot(sole[0] - shoulder[0], sole[1] - shoulder[1]))
    return max(spans) - (UPPER_ARM + FOREARM) * 0.92 - GRIP[0]


def supine_hamstring_straight_leg() -> Figure:
    base = on_back()
    start = base.set(hip_n=118.0, knee_n=125.0, ankle_n=0.0)
    start = grip(
        grip(start, "n", "thigh_n", (THIGH * 0.7, -4.0)), "f", "thigh_n", (THIGH * 0.78, -6.0)
    )
    end = base.set(hip_n=82.0, knee_n=4.0, ankle_n=0.0)
    end = grip(grip(end, "n", "thigh_n", (THIGH * 0.72, -4.0)), "f", "thigh_n", (THIGH * 0.8, -6.0))
    knee = tip(start, "thigh_n")
    return Figure(
        id="supine-hamstring-straight-leg",
        position="supine",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(FLOOR_MAT,),
        contacts=(on("pelvis", "mat"), on("thorax", "mat"), on("foot_f", "mat")),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.55, -4.0, 14.0, 7.0),),
        arrows=(arc_between(start, end, knee, ("shin_n", (SHIN, 0.0)), pad=12.0),),
    )


def _strapped(kind: str, start_hip: float, end_hip: float, far_hook: bool) -> Figure:
    base = on_back()
    if far_hook:
        base = hook(base, "f")
    start = base.set(hip_n=start_hip, knee_n=0.0, ankle_n=8.0)
    end = base.set(hip_n=end_hip, knee_n=0.0, ankle_n=10.0)
    length = _strap_length(start, end, "foot_n")
    start = hold_strap(start, ("n", "f"), "foot_n", length)
    end = hold_strap(end, ("n", "f"), "foot_n", length)
    strap = Strap("towel" if kind == "towel" else "band", ("hand_n", GRIP), ("foot_n", SOLE))
    hip = start.root
    return Figure(
        id=f"{kind}-hamstring",
        position="supine",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(FLOOR_MAT,),
        contacts=(on("pelvis", "mat"), on("thorax", "mat"), on("foot_f", "mat")),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.55, -4.0, 14.0, 7.0),),
        arrows=(arc_between(start, end, hip, ("shin_n", (SHIN * 0.6, 0.0)), pad=14.0),),
        straps=(strap,),
    )


def towel_hamstring() -> Figure:
    return _strapped("towel", 40.0, 72.0, far_hook=False)


def band_hamstring() -> Figure:
    return _strapped("band", 22.0, 68.0, far_hook=False)


def knees_to_chest() -> Figure:
    start = hook(hook(on_back(), "n", 46.0), "f", 50.0)
    end = on_back().set(
        hip_n=122.0, knee_n=128.0, hip_f=116.0, knee_f=124.0, ankle_n=-20.0, ankle_f=-20.0
    )
    end = grip(grip(end, "n", "shin_n", (9.0, 8.0)), "f", "shin_f", (11.0, 8.0))
    hip = start.root
    return Figure(
        id="knees-to-chest",
        position="supine",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(FLOOR_MAT,),
        contacts=(on("pelvis", "mat"), on("thorax", "mat"), on("foot_n", "mat", (0,))),
        working=("leg_n", "leg_f"),
        targets=(Target("pelvis", 0.5, 7.0, 16.0, 10.0),),
        arrows=(arc_between(start, end, hip, ("thigh_n", (THIGH, 0.0)), pad=14.0),),
    )


def ankle_pumps() -> Figure:
    def pumped(ankle: float) -> Pose:
        pose = on_back(ankle_n=ankle, ankle_f=ankle)
        return leg_long(leg_long(pose, "n"), "f")

    up, down = pumped(22.0), pumped(-38.0)
    ankle = joint(up, "foot_n")
    toe = ("foot_n", (THIGH * 0.45, 0.0))
    return Figure(
        id="ankle-pumps",
        position="supine",
        view="side",
        keyframes=(Keyframe(up, 0.35), Keyframe(down, 0.35)),
        props=(FLOOR_MAT,),
        contacts=(on("pelvis", "mat"), on("thorax", "mat"), on("shin_n+foot_n", "mat")),
        working=("leg_n", "leg_f"),
        targets=(Target("shin_n", 0.4, -3.0, 12.0, 6.0),),
        arrows=(_both(arc_between(up, down, ankle, toe, pad=12.0, trim=3.0)),),
        stretch=0,
    )


def _both(arrow: Arrow) -> Arrow:
    return Arrow.arc(arrow.p0, arrow.radius, arrow.a0, arrow.a1, both=True)


def _calves_on_seat(pose: Pose, side: str) -> Pose:
    """Hip and knee near 90 degrees with the calf lying level on a chair seat."""

    def calf_height(hip: float) -> float:
        bent = aim(pose.set(**{f"hip_{side}": hip}), f"shin_{side}", 0.0)
        return lowest(bent, f"shin_{side}")[1] - SEAT

    hip = solve(calf_height, 60.0, 95.0)
    bent = aim(pose.set(**{f"hip_{side}": hip}), f"shin_{side}", 0.0)
    return bent.set(**{f"ankle_{side}": 0.0})


def supine_leg_on_chair_rest() -> Figure:
    end = _calves_on_seat(on_back(), "f")
    lifting = end.set(hip_f=end.angle("hip_f") + 12.0, knee_f=end.angle("knee_f") - 25.0)
    heel = lowest(end, "foot_n")
    prop_up = pillow(heel[0] - 4.0, heel[0] + 16.0, MAT, 12.0, "foot pillow")
    hip = end.root
    return Figure(
        id="supine-leg-on-chair-rest",
        position="supine",
        view="side",
        keyframes=(Keyframe(lifting, 0.8, 0.4), Keyframe(end, 1.8, 1.0)),
        props=(FLOOR_MAT, chair(26.0, facing=-1), prop_up),
        contacts=(
            on("pelvis", "mat"),
            on("thorax", "mat"),
            on("shin_f", "seat", (1,)),
            on("shin_n+foot_n", "mat"),
        ),
        working=("leg_n",),
        targets=(Target("thigh_n", 0.18, 6.0, 12.0, 8.0),),
        arrows=(arc_between(lifting, end, hip, ("shin_f", (SHIN, 0.0)), pad=8.0),),
        in_front=(("leg_n", "chair"), ("leg_n", "foot pillow")),
    )


def back_extension() -> Figure:
    base = Pose("side", (0.0, 0.0), {"pelvis": 0.0, "ankle_n": -50.0, "ankle_f": -50.0})
    base = base.moved(0.0, MAT + PELVIS_R)
    base = settle(base, "pelvis", -15.0, 5.0, height_above(MAT, "thorax"))
    base = leg_long(leg_long(base, "n"), "f")
    shoulder = tip(base, "thorax")
    hands = (shoulder[0] - 15.0, MAT + WRIST_UP)

    def pressed(lumbar: float, thoracic: float, neck: float) -> Pose:
        pose = base.set(lumbar=lumbar, thoracic=thoracic, neck=neck)
        if not lumbar:
            pose = settle(pose, "neck", -30.0, 40.0, height_above(MAT, "head"))
        pose = hand_to(pose, "n", hands, hand_angle=0.0)
        return hand_to(pose, "f", nudge(hands, -4.0, 0.0), hand_angle=0.0)

    start, end = pressed(0.0, 0.0, 0.0), pressed(-32.0, -18.0, -12.0)
    hip = start.root
    return Figure(
        id="back-extension",
        position="prone",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(end, 1.6)),
        props=(FLOOR_MAT,),
        contacts=(on("pelvis", "mat"), on("hand_n", "mat"), on("thorax", "mat", (0,))),
        targets=(Target("abdomen", 0.3, 8.0, 15.0, 8.0),),
        arrows=(arc_between(start, end, hip, ("thorax", (THORAX * 0.75, 14.0)), pad=6.0),),
    )


KNEE_X = 0.0


def _all_fours(
    lumbar: float = 0.0,
    thoracic: float = 0.0,
    neck: float = 0.0,
    hands: tuple[float, float] | None = None,
) -> Pose:
    """On hands and knees: thighs upright over the knees, arms straight under the shoulders."""
    hip = (KNEE_X, MAT + 5.5 + THIGH)
    pose = Pose(
        "side",
        hip,
        {"lumbar": lumbar, "thoracic": thoracic, "neck": neck, "ankle_n": -50.0, "ankle_f": -50.0},
    )
    reach_arm = (UPPER_ARM + FOREARM) * 0.997
    shoulder_y = MAT + WRIST_UP + reach_arm
    pose = settle(pose, "pelvis", -20.0, 60.0, lambda p: tip(p, "thorax")[1] - shoulder_y)
    for side, dx in (("n", 0.0), ("f", -3.0)):
        pose = aim(pose, f"thigh_{side}", -90.0 - dx)
        pose = settle(pose, f"knee_{side}", 60.0, 120.0, height_above(MAT, f"foot_{side}"))
    if hands is None:
        hands = (tip(pose, "thorax")[0], MAT + WRIST_UP)
    pose = hand_to(pose, "n", hands, hand_angle=0.0)
    return hand_to(pose, "f", nudge(hands, 3.0, 0.0), hand_angle=0.0)


def cat_pose() -> Figure:
    flat = _all_fours(neck=-5.0)
    hands = joint(flat, "hand_n")
    rounded = _all_fours(24.0, 26.0, 40.0, hands)
    dipped = _all_fours(-12.0, -6.0, -18.0, hands)
    mid = point(rounded, "abdomen", (8.0, 10.0 + 6.0))
    return Figure(
        id="cat-pose",
        position="quadruped",
        view="side",
        keyframes=(Keyframe(flat, 0.6), Keyframe(rounded, 1.2), Keyframe(dipped, 0.8)),
        props=(FLOOR_MAT,),
        contacts=(
            on("hand_n", "mat"),
            on("hand_f", "mat"),
            on("shin_n", "mat"),
            on("shin_f", "mat"),
        ),
        targets=(Target("thorax", 0.3, 9.0, 16.0, 8.0),),
        arrows=(Arrow.line(nudge(mid, 0.0, 2.0), nudge(mid, 0.0, 18.0)),),
    )


def quadruped_hip_extension() -> Figure:
    start = _all_fours()
    lifted = aim(start, "thigh_n", start.angle("pelvis") + 180.0 - 5.0)
    lifted = lifted.set(knee_n=0.0, ankle_n=-5.0)
    hip = start.root
    return Figure(
        id="quadruped-hip-extension",
        position="quadruped",
        view="side",
        keyframes=(Keyframe(start, 0.8), Keyframe(lifted, 1.6)),
        props=(FLOOR_MAT,),
        contacts=(
            on("hand_n", "mat"),
            on("hand_f", "mat"),
            on("shin_f", "mat"),
            on("shin_n", "mat", (0,)),
        ),
        working=("leg_n",),
        targets=(Target("pelvis", 0.2, 9.0, 12.0, 10.0),),
        arrows=(arc_between(start, lifted, hip, ("thigh_n", (THIGH, 0.0)), pad=12.0),),
    )


__all__ = [
    "supine_hamstring_straight_leg",
    "towel_hamstring",
    "band_hamstring",
    "knees_to_chest",
    "ankle_pumps",
    "supine_leg_on_chair_rest",
    "back_extension",
    "cat_pose",
    "quadruped_hip_extension",
]
