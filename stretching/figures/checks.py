"""Geometry checks for a figure: what rests where, and what passes through what.

Used by the tests and handy when posing a new figure: `problems(figure)` lists every broken
rule in words.
"""

from __future__ import annotations

import math

from .body import Capsule, Point, Pose, capsules, out_of_range
from .model import Contact, Figure
from .props import FLOOR_SURFACE, Box, Box3, Surface, Top
from .space import Body, Vec, body_problems

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
    return min((gap(pose, contact.part, s) for s in surfaces_named(fig, contact.surface)), key=abs)


def _samples(a: Vec, b: Vec, n: int = 24) -> list[Vec]:
    d = (b[0] - a[0], b[1] - a[1], b[2] - a[2])
    return [
        (a[0] + d[0] * t, a[1] + d[1] * t, a[2] + d[2] * t) for t in (i / n for i in range(n + 1))
    ]


def tops_named(fig: Figure, name: str) -> list[Top]:
    if name == "floor":
        return [Top(-1e4, 1e4, -1e4, 1e4, 0.0)]
    found = [p.tops[name] for p in fig.props if name in p.tops]
    if not found:
        raise KeyError(f"{fig.id}: no surface called {name!r}")
    return found


def gap3(body: Body, parts: str, top: Top) -> float:
    """In space: height of the lowest of the parts ('a+b') above a top, looking only at what
    lies over it; inf when nothing does."""
    caps = body.capsules()
    low = math.inf
    for name in parts.split("+"):
        a, b, r = caps[name]
        for x, y, z in _samples(a, b):
            if top.under(x, z, slack=r * 0.5):
                low = min(low, y - r)
    return low - top.y


def contact_gap(fig: Figure, index: int, contact: Contact) -> float:
    """How far a contact's part is off its surface (the nearest one of that name)."""
    key = fig.keyframes[index]
    if key.body is not None:
        gaps = [gap3(key.body, contact.part, t) for t in tops_named(fig, contact.surface)]
        return min(gaps, key=abs)
    return best_gap(fig, key.pose, contact)


def contact_problems(fig: Figure, index: int) -> list[str]:
    out = []
    for contact in fig.contacts:
        if contact.applies(index):
            g = contact_gap(fig, index, contact)
            if abs(g) > TOLERANCE:
                out.append(f"frame {index}: {contact.part} is {g:.1f} cm off the {contact.surface}")
    return out


def required_problems(fig: Figure, index: int) -> list[str]:
    """The position's own rule: e.g. standing means a foot on the floor in every keyframe."""
    if fig.view not in ("side", "oblique"):
        return []
    out = []
    for parts, surfaces in REQUIRED[fig.position]:
        ok = False
        for part in parts:
            for c in fig.contacts:
                if c.part.split("+")[0] == part and c.surface in surfaces and c.applies(index):
                    g = contact_gap(fig, index, c)
                    ok = ok or abs(g) <= TOLERANCE
        if not ok:
            out.append(
                f"frame {index}: a {fig.position} figure needs one of {parts} "
                f"resting on one of {surfaces}"
            )
    return out


def _box3_distance(p: Vec, box: Box3) -> float:
    """Signed distance from a point to a box in space: negative inside."""
    x0, y0, z0, x1, y1, z1 = box
    out = [
        max(lo - v, 0.0, v - hi) for v, lo, hi in zip(p, (x0, y0, z0), (x1, y1, z1), strict=True)
    ]
    if any(out):
        return math.sqrt(sum(d * d for d in out))
    return -min(
        min(v - lo, hi - v) for v, lo, hi in zip(p, (x0, y0, z0), (x1, y1, z1), strict=True)
    )


def collision_problems3(fig: Figure, body: Body, tolerance: float, label: str) -> list[str]:
    """In space: parts below the floor or inside a prop."""
    out = [f"{label}{p}" for p in body_problems(body)]
    for name, (a, b, r) in body.capsules().items():
        low = min(a[1], b[1]) - r
        if low < -tolerance:
            out.append(f"{label}{name} is {-low:.1f} cm below the floor")
        for prop in fig.props:
            if prop.beside:
                continue
            for box in prop.solids3:
                depth = max(r - _box3_distance(p, box) for p in _samples(a, b, 48))
                if depth > tolerance:
                    out.append(f"{label}{name} is {depth:.1f} cm inside the {prop.name}")
    return out


def collision_problems(
    fig: Figure,
    pose: Pose,
    tolerance: float = TOLERANCE,
    label: str = "",
    body: Body | None = None,
) -> list[str]:
    """Parts below the floor or inside a prop (except where a limb passes in front of it).
    A figure posed in space is checked in space, from its `body`."""
    if body is not None:
        return collision_problems3(fig, body, tolerance, label)
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
    if fig.view not in ("front", "top"):
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
        out += collision_problems(fig, key.pose, label=f"frame {i}: ", body=key.body)
    return out
