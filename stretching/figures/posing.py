"""Solving poses from what the body touches: place the root from a contact, reach a point with
a two-segment limb, turn a joint until something touches."""

from __future__ import annotations

import math
from collections.abc import Callable

from .body import Point, Pose, capsules, forward

FLOOR = 0.0


def wrap(angle: float) -> float:
    """An angle folded into (-180, 180]."""
    a = math.fmod(angle + 180.0, 360.0)
    if a <= 0:
        a += 360.0
    return a - 180.0


def point(pose: Pose, segment: str, local: Point = (0.0, 0.0)) -> Point:
    """A point given in a segment's frame, in the world."""
    return forward(pose)[segment].to_world(local)


def joint(pose: Pose, segment: str) -> Point:
    return forward(pose)[segment].origin


def tip(pose: Pose, segment: str) -> Point:
    return point(pose, segment, (pose.skeleton[segment].length, 0.0))


def lowest(pose: Pose, *parts: str) -> Point:
    """The lowest point of the drawn capsules of the named parts."""
    caps = capsules(pose)
    return min((caps[p].lowest for p in parts), key=lambda q: q[1])


def direction(pose: Pose, segment: str) -> float:
    return forward(pose)[segment].angle


def shift(pose: Pose, current: Point, target: Point) -> Pose:
    return pose.moved(target[0] - current[0], target[1] - current[1])


def rest_on(pose: Pose, *parts: str, y: float = FLOOR, x: float | None = None) -> Pose:
    """Move the whole body so the lowest of `parts` touches height y (and sits at x if given)."""
    low = lowest(pose, *parts)
    return pose.moved(0.0 if x is None else x - low[0], y - low[1])


def anchor(pose: Pose, segment: str, local: Point, target: Point) -> Pose:
    """Move the whole body so a point of a segment lands on `target`."""
    return shift(pose, point(pose, segment, local), target)


def aim(pose: Pose, segment: str, world_angle: float) -> Pose:
    """Turn a segment's joint so the segment points along `world_angle`."""
    seg = pose.skeleton[segment]
    if seg.parent is None:
        return pose.set(**{seg.joint: world_angle})
    parent_angle = forward(pose)[seg.parent].angle
    value = wrap(world_angle - parent_angle - seg.rest) / seg.sign
    return pose.set(**{seg.joint: value})


def reach(pose: Pose, upper: str, target: Point, end: Point | None = None) -> Pose:
    """Two-segment inverse kinematics: bend `upper` and its child so the child's end (or the
    point `end` in the child's frame) lands on `target`, choosing the bend the joint allows."""
    skel = pose.skeleton
    lower = skel.children(upper)[0]
    u = skel[upper]
    e = end if end is not None else (lower.length, 0.0)
    l1, l2 = u.length, math.hypot(*e)
    beta = math.degrees(math.atan2(e[1], e[0]))
    origin = joint(pose, upper)
    dx, dy = target[0] - origin[0], target[1] - origin[1]
    d = min(max(math.hypot(dx, dy), abs(l1 - l2) + 1e-6), l1 + l2 - 1e-6)
    phi = math.degrees(math.atan2(dy, dx))
    alpha = math.degrees(math.acos((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)))
    best: tuple[float, Pose] | None = None
    for sign in (1.0, -1.0):
        candidate = aim(pose, upper, phi + sign * alpha)
        knee = joint(candidate, lower.name)
        to_target = math.degrees(math.atan2(target[1] - knee[1], target[0] - knee[0]))
        candidate = aim(candidate, lower.name, to_target - beta)
        lo, hi = skel.range_of(lower.joint) or (-180.0, 180.0)
        value = candidate.angle(lower.joint)
        miss = max(lo - value, value - hi, 0.0)
        if best is None or miss < best[0]:
            best = (miss, candidate)
    assert best is not None
    return best[1]


def solve(f: Callable[[float], float], lo: float, hi: float) -> float:
    """A root of f between lo and hi by bisection (f must change sign)."""
    flo = f(lo)
    for _ in range(60):
        mid = (lo + hi) / 2
        fm = f(mid)
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def settle(
    pose: Pose, joint_name: str, lo: float, hi: float, measure: Callable[[Pose], float]
) -> Pose:
    """Turn one joint until `measure` of the pose is zero (e.g. a foot's height above a step)."""
    value = solve(lambda a: measure(pose.set(**{joint_name: a})), lo, hi)
    return pose.set(**{joint_name: value})


def height_above(y: float, *parts: str) -> Callable[[Pose], float]:
    """A measure for `settle`: how far the lowest of `parts` is above height y."""
    return lambda p: lowest(p, *parts)[1] - y
