"""Geometry checks for a figure: what rests where, and what passes through what.

Used by the tests and handy when posing a new figure: `problems(figure)` lists every broken
rule in words.
"""

from __future__ import annotations

import math

from .body import Capsule, Point, Pose, capsules, out_of_range
from .model import Contact, Figure
from .props import FLOOR_SURFACE, Box, Surface

TOLERANCE = 1.5  # cm: how far a resting part may float or sink

# Which parts must rest on what, by the exercise's position (front and top views excepted).
FLOOR_LIKE = ("floor", "mat")
SEAT_LIKE = ("seat", "mattress", "couch arm")
REQUIRED: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "supine": ((("pelvis",), FLOOR_LIKE), (("thorax",), FLOOR_LIKE)),
    "prone": ((("pelvis",), FLOOR_LIKE),),
    "seated": ((("pelvis",), SEAT_LIKE),),
    "seated-floor": ((("pelvis",), FLOOR_LIKE),),
    "standing": ((("foot_n", "foot_f"), FLOOR_LIKE),),
    "quadruped": ((("hand_n", "hand_f"), FLOOR_LIKE), (("shin_n", "shin_f"), FLOOR_LIKE)),
}


def _box_distance(p: Point, box: Box) -> float:
    """Signed distance from a point to a box: negative inside."""
    x0, y0, x1, y1 = box
    dx = max(x0 - p[0], 0.0, p[0] - x1)
    dy = max(y0 - p[1], 0.0, p[1] - y1)
    if dx or dy:
        return math.hypot(dx, dy)
    return -min(p[0] - x0, x1 - p[0], p[1] - y0, y1 - p[1])


def penetration(cap: Capsule, box: Box, samples: int = 48) -> float:
    """How deep a capsule reaches into a box (0 or less: it stays clear)."""
    worst = -math.inf
    for i in range(samples + 1):
        t = i / samples
        p = (cap.a[0] + (cap.b[0] - cap.a[0]) * t, cap.a[1] + (cap.b[1] - cap.a[1]) * t)
        worst = max(worst, cap.radius - _box_distance(p, box))
    return worst


def surfaces_named(fig: Figure, name: str) -> list[Surface]:
    if name == "floor":
        return [FLOOR_SURFACE]
    found = [p.surfaces[name] for p in fig.props if name in p.surfaces]
    if not found:
        raise KeyError(f"{fig.id}: no surface called {name!r}")
    return found


def gap(pose: Pose, parts: str, surface: Surface, samples: int = 24) -> float:
    """Height of the lowest of the parts ('a+b') above the surface, looking only at what lies
    over it; inf when nothing does."""
    caps = capsules(pose)
    low = math.inf
    for name in parts.split("+"):
        cap = caps[name]
        for i in range(samples + 1):
            t = i / samples
            x = cap.a[0] + (cap.b[0] - cap.a[0]) * t
            y = cap.a[1] + (cap.b[1] - cap.a[1]) * t - cap.radius
            if surface.under(x, slack=cap.radius * 0.5):
                low = min(low, y)
    return low - surface.y


def best_gap(fig: Figure, pose: Pose, contact: Contact) -> float:
    """The contact's gap to the nearest surface of that name (there may be two chairs)."""
    return min((gap(pose, contact.part, s) for s in surfaces_named(fig, contact.surface)),
               key=abs)


def contact_problems(fig: Figure, index: int) -> list[str]:
    pose = fig.keyframes[index].pose
    out = []
    for contact in fig.contacts:
        if contact.applies(index):
            g = best_gap(fig, pose, contact)
            if abs(g) > TOLERANCE:
                out.append(f"frame {index}: {contact.part} is {g:.1f} cm off the "
                           f"{contact.surface}")
    return out


def required_problems(fig: Figure, index: int) -> list[str]:
    """The position's own rule: e.g. standing means a foot on the floor in every keyframe."""
    if fig.view != "side":
        return []
    pose = fig.keyframes[index].pose
    out = []
    for parts, surfaces in REQUIRED[fig.position]:
        ok = False
        for part in parts:
            for c in fig.contacts:
                if c.part.split("+")[0] == part and c.surface in surfaces and c.applies(index):
                    g = best_gap(fig, pose, c)
                    ok = ok or abs(g) <= TOLERANCE
        if not ok:
            out.append(f"frame {index}: a {fig.position} figure needs one of {parts} "
                       f"resting on one of {surfaces}")
    return out


def collision_problems(fig: Figure, pose: Pose, tolerance: float = TOLERANCE,
                       label: str = "") -> list[str]:
    """Parts below the floor or inside a prop (except where a limb passes in front of it)."""
    if fig.view != "side":
        return []
    out = []
    skel = pose.skeleton
    for name, cap in capsules(pose).items():
        low = cap.lowest[1]
        if low < -tolerance:
            out.append(f"{label}{name} is {-low:.1f} cm below the floor")
        limb = skel[name].limb
        for prop in fig.props:
            if prop.beside or (limb, prop.name) in fig.in_front:
                continue
            for box in prop.solids:
                depth = penetration(cap, box)
                if depth > tolerance:
                    out.append(f"{label}{name} is {depth:.1f} cm inside the {prop.name}")
    return out


def inside(p: Point, polygon: list[Point]) -> bool:
    """Point in polygon (even-odd rule)."""
    result = False
    n = len(polygon)
    for i in range(n):
        (x0, y0), (x1, y1) = polygon[i], polygon[(i + 1) % n]
        if (y0 > p[1]) != (y1 > p[1]):
            x = x0 + (p[1] - y0) * (x1 - x0) / (y1 - y0)
            if p[0] < x:
                result = not result
    return result


def on_mat_problems(fig: Figure, index: int) -> list[str]:
    """Front and top views: the seat and the feet lie on the mat drawn under them."""
    if fig.view == "side":
        return []
    pose = fig.keyframes[index].pose
    mat = fig.prop("mat").shapes[0]
    if mat.kind == "rect":
        (x0, y0), (x1, y1) = mat.points
        polygon = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    else:
        polygon = list(mat.points)
    caps = capsules(pose)
    out = []
    for name in ("pelvis", "foot_l", "foot_r", "head" if fig.view == "top" else "pelvis"):
        for p in (caps[name].a, caps[name].b):
            if not inside(p, polygon):
                out.append(f"frame {index}: {name} is off the mat")
    return out


def problems(fig: Figure) -> list[str]:
    """Every broken rule of a figure, in words (empty when the figure is sound)."""
    out: list[str] = []
    for i, key in enumerate(fig.keyframes):
        out += [f"frame {i}: {p}" for p in out_of_range(key.pose)]
        out += contact_problems(fig, i) + required_problems(fig, i) + on_mat_problems(fig, i)
        out += collision_problems(fig, key.pose, label=f"frame {i}: ")
    return out

