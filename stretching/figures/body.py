"""The body model: segments sized from body height, posed by joint angles.

Units are centimetres with y pointing up and the floor at y = 0. Angles are degrees,
counter-clockwise positive. A pose holds the root (the hip centre) and one anatomical angle per
joint (flexion positive); each segment knows how its joint's angle turns into a rotation from
its parent, so forward kinematics is one loop over the segments in order.

A figure seen at an angle (the "oblique" view) is posed in space by `space` and projected: its
pose also says how much shorter each segment looks (`depth`, 1 when it lies across the view)
and where each joint sits on its parent (`offsets`). The skeletons are in `skeletons`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

View = Literal["side", "top", "front", "oblique"]
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


def skeleton(view: View) -> Skeleton:
    from .skeletons import front_skeleton, oblique_skeleton, side_skeleton

    if view == "side":
        return side_skeleton()
    return oblique_skeleton() if view == "oblique" else front_skeleton(view)


@dataclass(frozen=True)
class Pose:
    """Where the hip centre is and every joint's anatomical angle (missing joints are 0).

    A projected pose also holds each segment's `depth` (how long it looks, as a fraction of its
    length) and `offsets` (where its joint sits in its parent's frame, when not at the parent's
    end): both absent for a figure drawn flat in the picture plane.
    """

    view: View
    root: Point
    angles: Mapping[str, float] = field(default_factory=dict)
    depth: Mapping[str, float] = field(default_factory=dict)
    offsets: Mapping[str, Point] = field(default_factory=dict)

    def angle(self, joint: str) -> float:
        return self.angles.get(joint, 0.0)

    def k(self, segment: str) -> float:
        """How long a segment looks, as a fraction of its length."""
        return self.depth.get(segment, 1.0)

    def offset(self, seg: Segment) -> Point:
        """Where a segment's joint sits in its parent's frame."""
        if seg.name in self.offsets:
            return self.offsets[seg.name]
        k = self.k(seg.parent) if seg.parent else 1.0
        return (seg.at[0] * k, seg.at[1])

    def set(self, **angles: float) -> Pose:
        return replace(self, angles={**self.angles, **angles})

    def moved(self, dx: float, dy: float) -> Pose:
        return replace(self, root=(self.root[0] + dx, self.root[1] + dy))

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
            placed[seg.name] = Placed(
                parent.to_world(pose.offset(seg)), parent.angle + local_rotation(seg, pose)
            )
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
        p, k = placed[seg.name], pose.k(seg.name)
        a, b = p.to_world((seg.a[0] * k, seg.a[1])), p.to_world((seg.b[0] * k, seg.b[1]))
        out[seg.name] = Capsule(seg.name, a, b, seg.radius)
    return out


def interpolate(a: Pose, b: Pose, t: float) -> Pose:
    """The pose a fraction t of the way from a to b: joint angles, root, depths and offsets move
    linearly (as the drawing's animation moves them)."""
    keys = set(a.angles) | set(b.angles)
    angles = {k: a.angle(k) + (b.angle(k) - a.angle(k)) * t for k in keys}
    root = _lerp(a.root, b.root, t)
    depth = {k: a.k(k) + (b.k(k) - a.k(k)) * t for k in set(a.depth) | set(b.depth)}
    skel = a.skeleton
    offsets = {
        k: _lerp(a.offset(skel[k]), b.offset(skel[k]), t) for k in set(a.offsets) | set(b.offsets)
    }
    return Pose(a.view, root, angles, depth, offsets)


def _lerp(p: Point, q: Point, t: float) -> Point:
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


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
