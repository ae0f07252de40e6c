"""Starting poses and small posing steps shared by the exercise figures."""

from __future__ import annotations

import math

from .body import ANKLE, FOOT, HAND, Point, Pose
from .model import Arrow, Contact
from .posing import aim, height_above, joint, point, reach, rest_on, settle, tip
from .props import MAT_TOP
from .skeletons import side_skeleton

MAT = MAT_TOP
SOLE: Point = (FOOT * 0.5, -ANKLE)  # ball of the foot, on the sole
GRIP: Point = (HAND * 0.45, 0.0)  # where a hand holds a strap


def standing(**angles: float) -> Pose:
    """Upright, facing +x, arms hanging, feet flat on the floor under the hips."""
    base = {"pelvis": 90.0, "shoulder_n": 4.0, "shoulder_f": -4.0, "elbow_n": 12.0, "elbow_f": 12.0}
    pose = Pose("side", (0.0, 0.0), {**base, **angles})
    pose = aim(aim(pose, "foot_n", 0.0), "foot_f", 0.0)
    return rest_on(pose, "foot_n", "foot_f")


def sitting(**angles: float) -> Pose:
    """Sitting tall facing +x, thighs level, hip centre at the origin."""
    base = {
        "pelvis": 90.0,
        "hip_n": 90.0,
        "hip_f": 90.0,
        "knee_n": 90.0,
        "knee_f": 90.0,
        "shoulder_n": 10.0,
        "shoulder_f": 6.0,
        "elbow_n": 40.0,
        "elbow_f": 40.0,
    }
    return Pose("side", (0.0, 0.0), {**base, **angles})


def lying(**angles: float) -> Pose:
    """On the back on a mat, head toward -x, legs long: pelvis and thorax on the mat."""
    base = {
        "pelvis": 180.0,
        "ankle_n": -20.0,
        "ankle_f": -20.0,
        "shoulder_n": 8.0,
        "shoulder_f": 4.0,
        "elbow_n": 8.0,
        "elbow_f": 8.0,
    }
    pose = Pose("side", (0.0, 0.0), {**base, **angles})
    return rest_on(pose, "pelvis", y=MAT)


def settle_trunk(pose: Pose, surface: float = MAT) -> Pose:
    """Lying on the back: bend the chest and head down onto the surface."""
    pose = settle(pose, "thoracic", -40.0, 40.0, height_above(surface, "thorax"))
    pose = settle(pose, "neck", -50.0, 50.0, height_above(surface, "head"))
    return pose


def leg_long(pose: Pose, side: str, surface: float = MAT) -> Pose:
    """A straight leg lying along the surface: lower it until its heel or calf touches."""
    pose = pose.set(**{f"knee_{side}": 0.0})
    return settle(
        pose, f"hip_{side}", -25.0, 30.0, height_above(surface, f"shin_{side}", f"foot_{side}")
    )


def arm_down(pose: Pose, side: str, surface: float = MAT) -> Pose:
    """A relaxed arm resting on the surface beside the body."""
    return settle(
        pose,
        f"shoulder_{side}",
        -40.0,
        30.0,
        height_above(surface, f"forearm_{side}", f"hand_{side}"),
    )


def foot_flat(pose: Pose, side: str, target: Point) -> Pose:
    """Put a foot flat with its ankle at `target`, the knee bending as it must."""
    pose = reach(pose, f"thigh_{side}", target)
    return aim(pose, f"foot_{side}", 0.0)


def flat_foot_ankle(x: float, surface: float) -> Point:
    """Where the ankle is when the foot stands flat on a surface."""
    return (x, surface + ANKLE)


def ankle_for_toe(x: float, surface: float, foot_angle: float, side: str = "n") -> Point:
    """Where the ankle goes so a foot held at `foot_angle` (0 flat, negative heel up) has the
    underside of its toe end at (x, surface)."""
    seg = side_skeleton()[f"foot_{side}"]
    c, s = math.cos(math.radians(foot_angle)), math.sin(math.radians(foot_angle))
    bx, by = seg.b
    return (x - (c * bx - s * by), surface - (s * bx + c * by) + seg.radius)


def hand_to(pose: Pose, side: str, target: Point, hand_angle: float | None = None) -> Pose:
    """Reach the wrist to `target`, then lay the hand along `hand_angle` if given."""
    pose = reach(pose, f"upperarm_{side}", target)
    if hand_angle is not None:
        pose = aim(pose, f"hand_{side}", hand_angle)
    return pose


def grip(pose: Pose, side: str, segment: str, local: Point) -> Pose:
    """Hold a segment: the middle of the hand on the given point of it."""
    target = point(pose, segment, local)
    shoulder = joint(pose, f"upperarm_{side}")
    d = math.hypot(target[0] - shoulder[0], target[1] - shoulder[1])
    # the wrist stops a little short so the palm, not the wrist, lies on the point
    k = max(0.0, (d - GRIP[0]) / d) if d else 0.0
    near = (
        shoulder[0] + (target[0] - shoulder[0]) * k,
        shoulder[1] + (target[1] - shoulder[1]) * k,
    )
    pose = reach(pose, f"upperarm_{side}", near)
    a = math.degrees(math.atan2(target[1] - near[1], target[0] - near[0]))
    pose = aim(pose, f"hand_{side}", a)
    wrist = f"wrist_{side}"
    return pose.set(**{wrist: min(max(pose.angle(wrist), -70.0), 80.0)})


def hold_strap(
    pose: Pose, sides: tuple[str, ...], foot: str, length: float, spread: float = 3.0
) -> Pose:
    """Hold a strap of the given length looped round a foot, both hands on it."""
    sole = point(pose, foot, SOLE)
    for i, side in enumerate(sides):
        shoulder = joint(pose, f"upperarm_{side}")
        dx, dy = shoulder[0] - sole[0], shoulder[1] - sole[1]
        d = math.hypot(dx, dy)
        reach_to = length + GRIP[0] + i * spread
        target = (sole[0] + dx / d * reach_to, sole[1] + dy / d * reach_to)
        pose = reach(pose, f"upperarm_{side}", target)
        pose = aim(pose, f"hand_{side}", math.degrees(math.atan2(-dy, -dx)))
    return pose


def arc_between(
    start: Pose,
    end: Pose,
    centre: Point,
    moving: tuple[str, Point],
    pad: float = 8.0,
    trim: float = 6.0,
) -> Arrow:
    """An arc arrow around `centre` following a point from its start to its end position."""
    seg, local = moving
    p0, p1 = point(start, seg, local), point(end, seg, local)
    a0 = math.degrees(math.atan2(p0[1] - centre[1], p0[0] - centre[0]))
    a1 = math.degrees(math.atan2(p1[1] - centre[1], p1[0] - centre[0]))
    if a1 - a0 > 180:
        a1 -= 360
    elif a0 - a1 > 180:
        a1 += 360
    r = (
        math.hypot(p0[0] - centre[0], p0[1] - centre[1])
        + math.hypot(p1[0] - centre[0], p1[1] - centre[1])
    ) / 2 + pad
    step = math.degrees(trim / r) * (1 if a1 > a0 else -1)
    return Arrow.arc(centre, r, a0 + step, a1 - step)


def nudge(p: Point, dx: float, dy: float) -> Point:
    return (p[0] + dx, p[1] + dy)


def on(part: str, surface: str, frames: tuple[int, ...] | None = None) -> Contact:
    return Contact(part, surface, frames)


__all__ = [
    "MAT",
    "SOLE",
    "GRIP",
    "standing",
    "sitting",
    "lying",
    "settle_trunk",
    "leg_long",
    "arm_down",
    "foot_flat",
    "flat_foot_ankle",
    "hand_to",
    "grip",
    "hold_strap",
    "arc_between",
    "nudge",
    "on",
    "tip",
    "ankle_for_toe",
]
