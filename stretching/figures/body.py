"""The body model: segments sized from body height, posed by joint angles.

Units are centimetres with y pointing up and the floor at y = 0. Angles are degrees,
counter-clockwise positive. A pose holds the root (the hip centre) and one anatomical angle per
joint (flexion positive); each segment knows how its joint's angle turns into a rotation from
its parent, so forward kinematics is one loop over the segments in order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

View = Literal["side", "top", "front"]
Point = tuple[float, float]

H = 170.0
"""Body height of every figure, in cm."""

# Segment lengths as fractions of body height H: Drillis & Contini (1966), as tabulated in
# D. A. Winter, "Biomechanics and Motor Control of Human Movement", 4th ed. (2009), fig. 4.1.
THIGH = 0.245 * H  # hip (greater trochanter) to knee
SHIN = 0.246 * H  # knee to ankle
FOOT = 0.152 * H  # heel to toe
ANKLE = 0.039 * H  # ankle height above the sole
UPPER_ARM = 0.186 * H  # shoulder to elbow
FOREARM = 0.146 * H  # elbow to wrist
HAND = 0.108 * H  # wrist to fingertip
TRUNK = (0.818 - 0.530) * H  # hip to shoulder; split below into pelvis, abdomen and thorax
SHOULDER_WIDTH = 0.259 * H
HIP_WIDTH = 0.191 * H
HEAD = 0.130 * H  # chin to crown
# The trunk split and the neck length are ours: they put the waist and the lower ribs where
# they show in profile, and make the crown land at H when standing.
PELVIS = 0.070 * H
ABDOMEN = 0.080 * H
THORAX = TRUNK - PELVIS - ABDOMEN
NECK = 0.070 * H
HEAD_R = HEAD / 2
PELVIS_R = 10.0  # half the buttock depth: the hip centre sits this high above a seat
HEAD_LIFT = 0.65 * HEAD_R  # head centre above the top of the neck

# Anatomical ranges of motion (degrees, flexion positive), generous ends of the usual tables
# (AAOS / Norkin & White). Front and top views measure angles in the picture plane.
RANGES: Mapping[str, tuple[float, float]] = {
    "lumbar": (-35.0, 55.0),
    "thoracic": (-25.0, 45.0),
    "neck": (-55.0, 65.0),
    "head": (-25.0, 25.0),
    "shoulder": (-60.0, 180.0),
    "elbow": (0.0, 150.0),
    "wrist": (-80.0, 90.0),
    "hip": (-30.0, 140.0),
    "knee": (0.0, 155.0),
    "ankle": (-50.0, 30.0),
}
FRONT_RANGES: Mapping[str, tuple[float, float]] = {
    "lumbar": (-30.0, 30.0),
    "thoracic": (-30.0, 30.0),
    "neck": (-45.0, 45.0),
    "head": (-25.0, 25.0),
    "shoulder": (-10.0, 180.0),  # abduction
    "elbow": (0.0, 150.0),
    "wrist": (-80.0, 80.0),
    "hip": (-15.0, 85.0),  # abduction
    "knee": (0.0, 155.0),
    "ankle": (-100.0, 100.0),  # the foot's direction as drawn, not an ankle angle
}


@dataclass(frozen=True)
class Segment:
    """One rigid part: where it hangs from its parent and the capsule drawn for it."""

    name: str  # "thigh_n": kind of part and side
    kind: str  # short drawing class: th, sh, ft, ...
    side: str  # n near, f far, b body (side view); l, r picture left/right (front, top)
    parent: str | None
    joint: str  # the Pose angle that turns it, e.g. "hip_n"
    at: Point  # its joint, in the parent's frame
    rest: float  # rotation from the parent's axis at angle 0
    sign: float  # +1 or -1: which way the anatomical angle turns
    length: float  # joint-to-joint length (children hang at (length, 0))
    a: Point  # capsule ends in the segment's own frame
    b: Point
    radius: float

    @property
    def limb(self) -> str:
        """The limb this part belongs to: 'leg_n', 'arm_l', or 'trunk'."""
        if self.kind in ("th", "sh", "ft"):
            return f"leg_{self.side}"
        if self.kind in ("ua", "fa", "ha"):
            return f"arm_{self.side}"
        return "trunk"


@dataclass(frozen=True)
class Skeleton:
    view: View
    segments: tuple[Segment, ...]  # parents before children
    ranges: Mapping[str, tuple[float, float]]

    def __getitem__(self, name: str) -> Segment:
        for seg in self.segments:
            if seg.name == name:
                return seg
        raise KeyError(name)

    def children(self, name: str) -> list[Segment]:
        return [s for s in self.segments if s.parent == name]

    def range_of(self, joint: str) -> tuple[float, float] | None:
        return self.ranges.get(joint.split("_")[0])


def _seg(name: str, kind: str, side: str, parent: str | None, joint: str, at: Point,
         rest: float, sign: float, length: float, radius: float,
         a: Point = (0.0, 0.0), b: Point | None = None) -> Segment:
    return Segment(name, kind, side, parent, joint, at, rest, sign, length, a,
                   b if b is not None else (length, 0.0), radius)


def _side_limbs(side: str) -> list[Segment]:
    s = side
    sole = -(ANKLE - 3.0)
    return [
        _seg(f"thigh_{s}", "th", s, "pelvis", f"hip_{s}", (0, 0), 180, 1, THIGH, 8.0),
        _seg(f"shin_{s}", "sh", s, f"thigh_{s}", f"knee_{s}", (THIGH, 0), 0, -1, SHIN, 5.5),
        # The foot's axis points forward from the ankle; the sole runs heel to toe below it.
        _seg(f"foot_{s}", "ft", s, f"shin_{s}", f"ankle_{s}", (SHIN, 0), 90, 1, FOOT * 0.75,
             3.0, a=(-FOOT * 0.25 + 3.0, sole), b=(FOOT * 0.75 - 3.0, sole)),
        _seg(f"upperarm_{s}", "ua", s, "thorax", f"shoulder_{s}", (THORAX, 0), 180, 1,
             UPPER_ARM, 4.6),
        _seg(f"forearm_{s}", "fa", s, f"upperarm_{s}", f"elbow_{s}", (UPPER_ARM, 0), 0, 1,
             FOREARM, 3.8),
        _seg(f"hand_{s}", "ha", s, f"forearm_{s}", f"wrist_{s}", (FOREARM, 0), 0, 1,
             HAND, 2.9, b=(HAND * 0.75, 0.0)),
    ]


@cache
def side_skeleton() -> Skeleton:
    """A figure seen from its left side, facing +x when upright; 'n' limbs nearest the viewer."""
    trunk = [
        _seg("pelvis", "pe", "b", None, "pelvis", (0, 0), 0, 1, PELVIS, PELVIS_R),
        _seg("abdomen", "ab", "b", "pelvis", "lumbar", (PELVIS, 0), 0, -1, ABDOMEN, 10.0),
        _seg("thorax", "tx", "b", "abdomen", "thoracic", (ABDOMEN, 0), 0, -1, THORAX, 11.0),
        _seg("neck", "nk", "b", "thorax", "neck", (THORAX, 0), 0, -1, NECK, 5.0),
        _seg("head", "hd", "b", "neck", "head", (NECK, 0), 0, -1, HEAD_LIFT, HEAD_R,
             a=(HEAD_LIFT, -1.5), b=(HEAD_LIFT, -1.5)),
    ]
    return Skeleton("side", tuple(trunk + _side_limbs("f") + _side_limbs("n")), RANGES)


def _front_limbs(side: str) -> list[Segment]:
    # Picture-left limbs ('l') hang from +y of the trunk's axis and open by turning clockwise.
    m = -1.0 if side == "l" else 1.0
    hip = (0.0, -m * (HIP_WIDTH / 2 - 8.0))
    shoulder = (THORAX - 3.0, -m * (SHOULDER_WIDTH / 2 - 4.6))
    s = side
    return [
        _seg(f"thigh_{s}", "th", s, "pelvis", f"hip_{s}", hip, 180, m, THIGH, 8.0),
        _seg(f"shin_{s}", "sh", s, f"thigh_{s}", f"knee_{s}", (THIGH, 0), 0, -m, SHIN, 5.5),
        _seg(f"foot_{s}", "ft", s, f"shin_{s}", f"ankle_{s}", (SHIN, 0), 0, -m, FOOT * 0.6,
             3.5, a=(2.0, 0.0)),
        _seg(f"upperarm_{s}", "ua", s, "thorax", f"shoulder_{s}", shoulder, 180, m,
             UPPER_ARM, 4.6),
        _seg(f"forearm_{s}", "fa", s, f"upperarm_{s}", f"elbow_{s}", (UPPER_ARM, 0), 0, -m,
             FOREARM, 3.8),
        _seg(f"hand_{s}", "ha", s, f"forearm_{s}", f"wrist_{s}", (FOREARM, 0), 0, -m,
             HAND, 3.2, b=(HAND * 0.7, 0.0)),
    ]


@cache
def front_skeleton(view: View = "front") -> Skeleton:
    """A figure seen from the front (or from above when lying): left and right limbs."""
    trunk = [
        _seg("pelvis", "pe", "b", None, "pelvis", (0, 0), 0, 1, PELVIS, 14.0),
        _seg("abdomen", "ab", "b", "pelvis", "lumbar", (PELVIS, 0), 0, 1, ABDOMEN, 12.5),
        _seg("thorax", "tx", "b", "abdomen", "thoracic", (ABDOMEN, 0), 0, 1, THORAX, 14.5,
             b=(THORAX - 6.0, 0.0)),
        _seg("neck", "nk", "b", "thorax", "neck", (THORAX, 0), 0, 1, NECK * 0.8, 5.5),
        _seg("head", "hd", "b", "neck", "head", (NECK * 0.8, 0), 0, 1, 9.0, 9.5,
             a=(9.0, 0.0), b=(9.0, 0.0)),
    ]
    return Skeleton(view, tuple(trunk + _front_limbs("l") + _front_limbs("r")), FRONT_RANGES)


def skeleton(view: View) -> Skeleton:
    return side_skeleton() if view == "side" else front_skeleton(view)


@dataclass(frozen=True)
class Pose:
    """Where the hip centre is and every joint's anatomical angle (missing joints are 0)."""

    view: View
    root: Point
    angles: Mapping[str, float] = field(default_factory=dict)

    def angle(self, joint: str) -> float:
        return self.angles.get(joint, 0.0)

    def set(self, **angles: float) -> Pose:
        return Pose(self.view, self.root, {**self.angles, **angles})

    def moved(self, dx: float, dy: float) -> Pose:
        return Pose(self.view, (self.root[0] + dx, self.root[1] + dy), self.angles)

    @property
    def skeleton(self) -> Skeleton:
        return skeleton(self.view)


@dataclass(frozen=True)
class Placed:
    """A segment's joint position and axis direction in the world."""

    origin: Point
    angle: float

    def to_world(self, p: Point) -> Point:
        c, s = math.cos(math.radians(self.angle)), math.sin(math.radians(self.angle))
        return (self.origin[0] + c * p[0] - s * p[1], self.origin[1] + s * p[0] + c * p[1])


def local_rotation(seg: Segment, pose: Pose) -> float:
    """The rotation a segment's group gets relative to its parent (world angle for the root)."""
    if seg.parent is None:
        return pose.angle(seg.joint)
    return seg.rest + seg.sign * pose.angle(seg.joint)


def forward(pose: Pose) -> dict[str, Placed]:
    """Forward kinematics: every segment's joint position and direction."""
    placed: dict[str, Placed] = {}
    for seg in pose.skeleton.segments:
        if seg.parent is None:
            placed[seg.name] = Placed(pose.root, local_rotation(seg, pose))
        else:
            parent = placed[seg.parent]
            placed[seg.name] = Placed(parent.to_world(seg.at),
                                      parent.angle + local_rotation(seg, pose))
    return placed


@dataclass(frozen=True)
class Capsule:
    """The drawn shape of a segment: a thick line with round ends, in world coordinates."""

    name: str
    a: Point
    b: Point
    radius: float

    @property
    def lowest(self) -> Point:
        p = self.a if self.a[1] <= self.b[1] else self.b
        return (p[0], p[1] - self.radius)


def capsules(pose: Pose) -> dict[str, Capsule]:
    placed = forward(pose)
    out: dict[str, Capsule] = {}
    for seg in pose.skeleton.segments:
        p = placed[seg.name]
        out[seg.name] = Capsule(seg.name, p.to_world(seg.a), p.to_world(seg.b), seg.radius)
    return out


def interpolate(a: Pose, b: Pose, t: float) -> Pose:
    """The pose a fraction t of the way from a to b: joint angles and root move linearly."""
    keys = set(a.angles) | set(b.angles)
    angles = {k: a.angle(k) + (b.angle(k) - a.angle(k)) * t for k in keys}
    root = (a.root[0] + (b.root[0] - a.root[0]) * t, a.root[1] + (b.root[1] - a.root[1]) * t)
    return Pose(a.view, root, angles)


def out_of_range(pose: Pose) -> list[str]:
    """Joints whose angle lies outside the human range, described for a test message."""
    problems = []
    skel = pose.skeleton
    for seg in skel.segments:
        limits = skel.range_of(seg.joint) if seg.parent is not None else None
        if limits is None:
            continue
        value = pose.angle(seg.joint)
        if not limits[0] - 0.01 <= value <= limits[1] + 0.01:
            problems.append(f"{seg.joint} = {value:.1f} outside {limits}")
    return problems
