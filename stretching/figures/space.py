"""A body posed in space and seen at an angle (the "oblique" view).

Some positions cannot be followed in a flat side view: an ankle resting across the other knee,
a knee up on the bed with the trunk turning toward it, knees squeezing a pillow, arms out to
the sides. For those a figure is posed in space (centimetres, y up, the floor at y = 0; x and
z horizontal, z toward the viewer's side) with the body's real segment lengths, and projected
by a `Camera` into a `Pose` of the oblique skeleton: each segment's direction in the picture,
how long it looks (`depth`) and where its joint sits (`offsets`). The rest of the drawing
(animation, targets, arrows) works on that pose as on any other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .body import (
    ABDOMEN,
    ANKLE,
    FOOT,
    FOREARM,
    HAND,
    HEAD_LIFT,
    NECK,
    PELVIS,
    SHIN,
    THIGH,
    THORAX,
    UPPER_ARM,
    Point,
    Pose,
)
from .posing import wrap
from .skeletons import oblique_skeleton

Vec = tuple[float, float, float]

HIP_HALF = 8.5  # hip joint to the body's midline
SHOULDER_HALF = 17.0  # shoulder joint to the midline
SOLE = ANKLE - 3.0  # the foot's drawn axis runs this far below the ankle joint
HEAD_UP = HEAD_LIFT  # head centre beyond the top of the neck


def add(*vs: Vec) -> Vec:
    return (sum(v[0] for v in vs), sum(v[1] for v in vs), sum(v[2] for v in vs))


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def mul(v: Vec, s: float) -> Vec:
    return (v[0] * s, v[1] * s, v[2] * s)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(v: Vec) -> float:
    return math.sqrt(dot(v, v))


def unit(v: Vec) -> Vec:
    n = norm(v)
    return mul(v, 1.0 / n) if n else v


def towards(a: Vec, b: Vec, length: float) -> Vec:
    """The point `length` from a in the direction of b."""
    return add(a, mul(unit(sub(b, a)), length))


def angle_between(a: Vec, b: Vec) -> float:
    c = dot(unit(a), unit(b))
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


@dataclass(frozen=True)
class Camera:
    """An orthographic view. yaw 0 looks from +z (x to the right, as the side view); yaw 90
    looks from +x. pitch raises the camera above the horizontal, looking down."""

    yaw: float
    pitch: float

    def project(self, p: Vec) -> Point:
        t, f = math.radians(self.yaw), math.radians(self.pitch)
        x, y, z = p
        u = x * math.cos(t) - z * math.sin(t)
        v = y * math.cos(f) - (x * math.sin(t) + z * math.cos(t)) * math.sin(f)
        return (u, v)

    def toward(self) -> Vec:
        """The direction from the scene to the camera."""
        t, f = math.radians(self.yaw), math.radians(self.pitch)
        return (math.sin(t) * math.cos(f), math.sin(f), math.cos(t) * math.cos(f))


LENGTHS: Mapping[str, float] = {
    "pelvis": PELVIS,
    "abdomen": ABDOMEN,
    "thorax": THORAX,
    "neck": NECK,
    "head": HEAD_UP,
    "shoulders": 2 * SHOULDER_HALF,
    **{f"{part}_{s}": n for s in "nf" for part, n in (("thigh", THIGH), ("shin", SHIN))},
    **{f"foot_{s}": FOOT * 0.75 for s in "nf"},
    **{f"upperarm_{s}": UPPER_ARM for s in "nf"},
    **{f"forearm_{s}": FOREARM for s in "nf"},
    **{f"hand_{s}": HAND for s in "nf"},
}


@dataclass(frozen=True)
class Body:
    """A body in space: every segment's joint and the end of its axis (at its full length),
    and the direction the face looks."""

    joints: Mapping[str, tuple[Vec, Vec]]
    face: Vec

    def joint(self, segment: str) -> Vec:
        return self.joints[segment][0]

    def end(self, segment: str) -> Vec:
        return self.joints[segment][1]

    def capsules(self) -> dict[str, tuple[Vec, Vec, float]]:
        """Each segment's drawn solid in space: two ends and a radius."""
        skel = oblique_skeleton()
        out = {}
        for seg in skel.segments:
            a, b = self.joints[seg.name]
            d = unit(sub(b, a))
            if seg.kind == "hd":
                out[seg.name] = (b, b, seg.radius)
            else:
                out[seg.name] = (add(a, mul(d, seg.a[0])), add(a, mul(d, seg.b[0])), seg.radius)
        return out


def bend(root: Vec, target: Vec, l1: float, l2: float, pole: Vec) -> tuple[Vec, Vec]:
    """Two segments from `root` reaching `target` (or as near as they can), the middle joint
    bending toward `pole` (a direction). Returns the middle joint and the end."""
    axis = sub(target, root)
    d = min(max(norm(axis), abs(l1 - l2) + 1e-6), l1 + l2 - 1e-6)
    e = unit(axis)
    p = unit(sub(pole, mul(e, dot(pole, e))))
    a = (l1 * l1 - l2 * l2 + d * d) / (2 * d)
    h = math.sqrt(max(l1 * l1 - a * a, 0.0))
    mid = add(root, mul(e, a), mul(p, h))
    return mid, towards(mid, add(root, mul(e, d)), l2)


@dataclass(frozen=True)
class Trunk:
    """The trunk: hip centre, each trunk segment's direction, and which way is 'near' (the
    'n' side) at the hips and at the shoulders."""

    hip: Vec
    pelvis: Vec
    abdomen: Vec
    thorax: Vec
    neck: Vec
    hips_side: Vec
    shoulders_side: Vec
    face: Vec


@dataclass(frozen=True)
class Limb:
    """Where a limb reaches: its end joint (ankle or wrist), which way the middle joint
    points, and the direction of the foot (heel to toe) or hand (wrist to fingers)."""

    to: Vec
    pole: Vec
    tip: Vec
    sole: Vec = (0.0, -1.0, 0.0)  # feet: the way the sole faces


def spine(trunk: Trunk) -> dict[str, tuple[Vec, Vec]]:
    """The trunk's segments in space, hip centre to the top of the neck, and the head."""
    joints: dict[str, tuple[Vec, Vec]] = {}
    at = trunk.hip
    for name, d in (
        ("pelvis", trunk.pelvis),
        ("abdomen", trunk.abdomen),
        ("thorax", trunk.thorax),
        ("neck", trunk.neck),
    ):
        end = add(at, mul(unit(d), LENGTHS[name]))
        joints[name] = (at, end)
        at = end
    up = unit(sub(unit(trunk.neck), mul(unit(trunk.face), 0.3)))
    joints["head"] = (at, add(at, mul(up, HEAD_UP)))
    return joints


def hip_joint(trunk: Trunk, side: str) -> Vec:
    sign = 1.0 if side == "n" else -1.0
    return add(trunk.hip, mul(unit(trunk.hips_side), sign * HIP_HALF))


def shoulder_joint(trunk: Trunk, side: str) -> Vec:
    sign = 1.0 if side == "n" else -1.0
    top = spine(trunk)["thorax"][1]
    across = mul(unit(trunk.shoulders_side), sign * SHOULDER_HALF)
    return add(top, mul(unit(trunk.thorax), -3.0), across)


def pose_body(trunk: Trunk, legs: Mapping[str, Limb], arms: Mapping[str, Limb]) -> Body:
    """A body in space from its trunk and where each limb reaches."""
    joints = spine(trunk)
    joints["shoulders"] = (shoulder_joint(trunk, "f"), shoulder_joint(trunk, "n"))
    for side in "nf":
        leg = legs[side]
        hip = hip_joint(trunk, side)
        knee, ankle = bend(hip, leg.to, THIGH, SHIN, leg.pole)
        joints[f"thigh_{side}"] = (hip, knee)
        joints[f"shin_{side}"] = (knee, ankle)
        heel = add(ankle, mul(unit(leg.sole), SOLE))
        joints[f"foot_{side}"] = (heel, add(heel, mul(unit(leg.tip), LENGTHS["foot_n"])))
        arm = arms[side]
        shoulder = shoulder_joint(trunk, side)
        elbow, wrist = bend(shoulder, arm.to, UPPER_ARM, FOREARM, arm.pole)
        joints[f"upperarm_{side}"] = (shoulder, elbow)
        joints[f"forearm_{side}"] = (elbow, wrist)
        joints[f"hand_{side}"] = (wrist, add(wrist, mul(unit(arm.tip), HAND)))
    return Body(joints, unit(trunk.face))


def body_problems(body: Body) -> list[str]:
    """Joints bent past what a body does, and limbs that did not reach where they were sent."""
    out = []
    for side in "nf":
        for upper, lower, most in (("thigh", "shin", 155.0), ("upperarm", "forearm", 150.0)):
            a, b = body.joints[f"{upper}_{side}"], body.joints[f"{lower}_{side}"]
            bent = angle_between(sub(a[1], a[0]), sub(b[1], b[0]))
            if bent > most:
                out.append(f"{upper}_{side}: the joint bends {bent:.0f} degrees")
    for name, (start, end) in body.joints.items():
        long = norm(sub(end, start))
        if abs(long - LENGTHS[name]) > 0.05:
            out.append(f"{name} is {long:.1f} cm long, not {LENGTHS[name]:.1f}")
    return out


def project(body: Body, camera: Camera) -> Pose:
    """The body as the camera sees it: a pose of the oblique skeleton."""
    skel = oblique_skeleton()
    world: dict[str, float] = {}
    origin: dict[str, Point] = {}
    angles: dict[str, float] = {}
    depth: dict[str, float] = {}
    offsets: dict[str, Point] = {}
    for seg in skel.segments:
        a3, b3 = body.joints[seg.name]
        a, b = camera.project(a3), camera.project(b3)
        du, dv = b[0] - a[0], b[1] - a[1]
        seen = math.hypot(du, dv)
        fallback = world[seg.parent] if seg.parent else 0.0
        angle = math.degrees(math.atan2(dv, du)) if seen > 1e-6 else fallback
        if seg.kind == "hd":
            fu, fv = camera.project(body.face)
            angle = math.degrees(math.atan2(fv, fu)) + 90.0 if math.hypot(fu, fv) > 0.2 else angle
        else:
            depth[seg.name] = max(seen / LENGTHS[seg.name], 0.02)
        world[seg.name], origin[seg.name] = angle, a
        if seg.parent is None:
            angles[seg.joint] = angle
            continue
        pa, (px, py) = world[seg.parent], origin[seg.parent]
        c, s = math.cos(math.radians(pa)), math.sin(math.radians(pa))
        dx, dy = a[0] - px, a[1] - py
        offsets[seg.name] = (c * dx + s * dy, -s * dx + c * dy)
        angles[seg.joint] = wrap(angle - pa - seg.rest) / seg.sign
    depth = {k: v for k, v in depth.items() if abs(v - 1.0) > 1e-4}
    return Pose("oblique", origin["pelvis"], angles, depth, offsets)


STILL_DEGREES, STILL_CM, STILL_DEPTH = 3.0, 1.0, 0.04
"""Smaller changes between keyframes than these are held still in the picture (each moving
part costs the drawing a rule; these are below what the eye follows at phone size)."""


def project_all(bodies: list[Body], camera: Camera, stretch: int = 1) -> list[Pose]:
    """Each body projected, joint angles unwrapped so the animation turns the short way; a
    part that barely moves between keyframes keeps its place in the `stretch` keyframe."""
    poses = [project(b, camera) for b in bodies]
    ref = poses[stretch]
    out = []
    for pose in poses:
        angles = {}
        for k, v in pose.angles.items():
            v = ref.angle(k) + wrap(v - ref.angle(k))
            angles[k] = ref.angle(k) if abs(v - ref.angle(k)) < STILL_DEGREES else v
        depth = {
            k: ref.k(k) if abs(v - ref.k(k)) < STILL_DEPTH else v for k, v in pose.depth.items()
        }
        for k, v in ref.depth.items():
            if k not in pose.depth and abs(v - 1.0) < STILL_DEPTH:
                depth[k] = v
        offsets = {
            k: ref.offsets[k] if math.dist(v, ref.offsets[k]) < STILL_CM else v
            for k, v in pose.offsets.items()
        }
        out.append(Pose(pose.view, pose.root, angles, depth, offsets))
    return out
