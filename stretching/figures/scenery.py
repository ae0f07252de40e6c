"""Props in space, at real scale, projected for a figure seen at an angle.

Each prop is built from boxes (drawn as their faces that turn toward the camera) and posts
(drawn as thick lines), painted from the farthest to the nearest; its boxes are what the body
must not pass through and its tops what the body may rest on.
"""

from __future__ import annotations

from typing import Literal

from .props import BED, SEAT, Box3, Prop, Shape, Top
from .space import Camera, Vec, dot

Part = tuple[float, Shape]  # how near the camera, and the shape


def _face(camera: Camera, corners: list[Vec], cls: str) -> Shape:
    return Shape("poly", tuple(camera.project(c) for c in corners), cls)


def box_faces(camera: Camera, box: Box3, cls: str) -> list[Part]:
    """The faces of a box that the camera sees."""
    x0, y0, z0, x1, y1, z1 = box
    tx, ty, tz = camera.toward()
    out: list[Part] = []
    centre = ((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2)
    near = dot(centre, camera.toward())
    if ty > 0.05:
        top = [(x0, y1, z0), (x1, y1, z0), (x1, y1, z1), (x0, y1, z1)]
        out.append((near - 0.2, _face(camera, top, cls)))
    if abs(tx) > 0.05:
        x = x1 if tx > 0 else x0
        out.append((near, _face(camera, [(x, y0, z0), (x, y1, z0), (x, y1, z1), (x, y0, z1)], cls)))
    if abs(tz) > 0.05:
        z = z1 if tz > 0 else z0
        out.append((near, _face(camera, [(x0, y0, z), (x1, y0, z), (x1, y1, z), (x0, y1, z)], cls)))
    return out


def post(camera: Camera, p0: Vec, p1: Vec) -> Part:
    """A chair leg or a bed leg: a thick line."""
    mid = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2, (p0[2] + p1[2]) / 2)
    near = dot(mid, camera.toward())
    return (near, Shape("line", (camera.project(p0), camera.project(p1)), "cl"))


def _prop(
    name: str,
    parts: list[Part],
    solids: tuple[Box3, ...] = (),
    tops: dict[str, Top] | None = None,
    layer: Literal["back", "mid", "front"] = "back",
    beside: bool = False,
) -> Prop:
    shapes = tuple(s for _, s in sorted(parts, key=lambda p: p[0]))
    return Prop(name, shapes, layer=layer, beside=beside, solids3=solids, tops=tops or {})


def floor(camera: Camera, x0: float, x1: float, z0: float, z1: float) -> Prop:
    """The floor around the figure, as a flat patch."""
    corners = [(x0, 0.0, z0), (x1, 0.0, z0), (x1, 0.0, z1), (x0, 0.0, z1)]
    return _prop("floor", [(0.0, _face(camera, corners, "gr"))])


def mat(camera: Camera, x0: float, x1: float, z0: float, z1: float) -> Prop:
    """An exercise mat 1.5 cm thick on the floor."""
    box = (x0, 0.0, z0, x1, 1.5, z1)
    return _prop("mat", box_faces(camera, box, "m"), tops={"mat": Top(x0, x1, z0, z1, 1.5)})


def _turned(centre: tuple[float, float], facing: str, a: float, b: float) -> tuple[float, float]:
    """A point `a` along the facing direction and `b` to its left, on the floor plan (x, z)."""
    cx, cz = centre
    fx, fz = {"+x": (1, 0), "-x": (-1, 0), "+z": (0, 1), "-z": (0, -1)}[facing]
    return (cx + fx * a - fz * b, cz + fz * a + fx * b)


def _span(
    centre: tuple[float, float], facing: str, a0: float, a1: float, b0: float, b1: float
) -> tuple[float, float, float, float]:
    p, q = _turned(centre, facing, a0, b0), _turned(centre, facing, a1, b1)
    return min(p[0], q[0]), max(p[0], q[0]), min(p[1], q[1]), max(p[1], q[1])


def chair(
    camera: Camera,
    centre: tuple[float, float],
    facing: str,
    name: str = "chair",
    beside: bool = False,
) -> Prop:
    """A kitchen chair, seat top 45 cm, its seat centred at `centre` (x, z); someone sitting
    on it faces `facing` ('+x', '-x', '+z' or '-z')."""
    half, leg_top = 21.0, SEAT - 4.0
    parts: list[Part] = []
    x0, x1, z0, z1 = _span(centre, facing, -half, half, -half, half)
    seat = (x0, leg_top, z0, x1, SEAT, z1)
    parts += box_faces(camera, seat, "p")
    for a in (-half + 2, half - 2):
        for b in (-half + 2, half - 2):
            x, z = _turned(centre, facing, a, b)
            parts.append(post(camera, (x, 0.0, z), (x, leg_top, z)))
    for b in (-half + 2, half - 2):
        x, z = _turned(centre, facing, -half + 2, b)
        parts.append(post(camera, (x, SEAT, z), (x, 74.0, z)))
    rx0, rx1, rz0, rz1 = _span(centre, facing, -half, -half + 3, -half, half)
    rail = (rx0, 74.0, rz0, rx1, 90.0, rz1)
    parts += box_faces(camera, rail, "p")
    tops = {"seat": Top(x0, x1, z0, z1, SEAT), "chair back": Top(rx0, rx1, rz0, rz1, 90.0)}
    return _prop(name, parts, (seat, rail), tops, beside=beside)


def bed(camera: Camera, x0: float, x1: float, z0: float, z1: float) -> Prop:
    """The part of a bed near the figure: mattress top at 55 cm on a base and legs."""
    parts: list[Part] = []
    parts += box_faces(camera, (x0, 22.0, z0, x1, 34.0, z1), "p")
    parts += box_faces(camera, (x0, 34.0, z0, x1, BED, z1), "q")
    for x in (x0 + 5, x1 - 5):
        for z in (z0 + 5, z1 - 5):
            parts.append(post(camera, (x, 0.0, z), (x, 22.0, z)))
    # the mattress gives under a seated body near its edge, as a bed's does
    solids = ((x0, 22.0, z0, x1, BED - 4, z1), (x0 + 4, BED - 4, z0 + 4, x1 - 4, BED, z1 - 4))
    return _prop("bed", parts, solids, {"mattress": Top(x0, x1, z0, z1, BED)})


def pillow(
    camera: Camera,
    box: Box3,
    name: str = "pillow",
    layer: Literal["back", "mid", "front"] = "back",
    held: bool = False,
) -> Prop:
    """A cushion; a `held` one (between the knees) is squeezed by the body, not a wall to it."""
    x0, y0, z0, x1, y1, z1 = box
    solids = () if held else (box,)
    return _prop(name, box_faces(camera, box, "pl"), solids, {name: Top(x0, x1, z0, z1, y1)}, layer)
