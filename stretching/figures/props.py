"""Props at real-world scale, in cm with the floor at y = 0.

Each prop is drawn from its shapes; its solids are what the body must not pass through and its
surfaces are what the body may rest on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

SEAT = 45.0  # chair seat height
BED = 55.0  # top of the mattress
STEP_RISE, STEP_TREAD = 18.0, 28.0
COUNTER = 91.0
MAT_TOP = 1.5


def r1(v: float) -> str:
    """A coordinate rounded to one decimal, without a trailing '.0'."""
    text = f"{v:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    if text == "-0":
        text = "0"
    return text


@dataclass(frozen=True)
class Shape:
    """One drawn primitive: 'rect' (box, corner radius), 'poly' (closed points) or 'line'."""

    kind: Literal["rect", "poly", "line", "ellipse"]
    points: tuple[tuple[float, float], ...]
    cls: str = "p"
    radius: float = 0.0

    def svg(self) -> str:
        pts = self.points
        if self.kind == "rect":
            (x0, y0), (x1, y1) = pts
            rx = f' rx="{r1(self.radius)}"' if self.radius else ""
            return (
                f'<rect x="{r1(x0)}" y="{r1(y0)}" width="{r1(x1 - x0)}" '
                f'height="{r1(y1 - y0)}"{rx} class="{self.cls}"/>'
            )
        if self.kind == "ellipse":
            (x0, y0), (x1, y1) = pts
            return (
                f'<ellipse cx="{r1((x0 + x1) / 2)}" cy="{r1((y0 + y1) / 2)}" '
                f'rx="{r1((x1 - x0) / 2)}" ry="{r1((y1 - y0) / 2)}" class="{self.cls}"/>'
            )
        d = " ".join(f"{r1(x)} {r1(y)}" for x, y in pts)
        if self.kind == "line":
            return f'<path d="M{d}" class="{self.cls}"/>'
        return f'<path d="M{d}Z" class="{self.cls}"/>'

    @property
    def bbox(self) -> Box:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class Surface:
    """A horizontal top face something can rest on."""

    x0: float
    x1: float
    y: float

    def under(self, x: float, slack: float = 0.0) -> bool:
        return self.x0 - slack <= x <= self.x1 + slack


Box3 = tuple[float, float, float, float, float, float]  # x0, y0, z0, x1, y1, z1 in space


@dataclass(frozen=True)
class Top:
    """A horizontal face in space (for figures posed in space) something can rest on."""

    x0: float
    x1: float
    z0: float
    z1: float
    y: float

    def under(self, x: float, z: float, slack: float = 0.0) -> bool:
        return self.x0 - slack <= x <= self.x1 + slack and self.z0 - slack <= z <= self.z1 + slack


@dataclass(frozen=True)
class Prop:
    """A drawn object; `solids` are what the body must not pass through.

    `beside` props stand next to the figure (a chair for balance): they are drawn behind it and
    only their surfaces count. A prop in a figure posed in space has its solids and resting
    faces in space (`solids3`, `tops`); its shapes are already projected.
    """

    name: str
    shapes: tuple[Shape, ...]
    solids: tuple[Box, ...] = ()
    surfaces: dict[str, Surface] = field(default_factory=dict)
    layer: Literal["back", "mid", "front"] = "back"
    beside: bool = False
    crop: float | None = None  # a long prop shows only this far beyond the body (a bed)
    solids3: tuple[Box3, ...] = ()
    tops: dict[str, Top] = field(default_factory=dict)

    @property
    def bbox(self) -> Box:
        boxes = [s.bbox for s in self.shapes]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def _rect(x0: float, y0: float, x1: float, y1: float, cls: str = "p", radius: float = 0.0) -> Shape:
    return Shape("rect", ((min(x0, x1), min(y0, y1)), (max(x0, x1), max(y0, y1))), cls, radius)


def _box(x0: float, y0: float, x1: float, y1: float) -> Box:
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


FLOOR_SURFACE = Surface(-1e4, 1e4, 0.0)


def mat(x0: float, x1: float, name: str = "mat") -> Prop:
    """An exercise mat 1.5 cm thick lying on the floor."""
    return Prop(
        name,
        (_rect(x0, 0, x1, MAT_TOP, "m", 0.7),),
        (_box(x0, 0, x1, 0.5),),
        {"mat": Surface(x0, x1, MAT_TOP)},
    )


def chair(front: float, facing: int = 1, name: str = "chair", beside: bool = False) -> Prop:
    """A kitchen chair in profile: seat top 45 cm, its front edge at x = front.

    facing=+1: someone sitting on it faces +x and the back is at smaller x.
    """
    f = facing
    depth, back_h, leg = 42.0, 90.0, 3.5
    back = front - f * depth
    shapes = (
        _rect(back, 0, back + f * leg, back_h - 2, radius=1),  # back leg rising into the post
        _rect(back - f * 1, back_h - 18, back + f * (leg + 1), back_h, radius=1.5),  # top rail
        _rect(back, 62, back + f * (leg + 0.5), 66),  # lower rail
        _rect(front, 0, front - f * leg, SEAT - 3, radius=1),  # front leg
        _rect(back - f * 0.5, 20, front, 22.5),  # stretcher
        _rect(back - f * 1, SEAT - 4, front + f * 1, SEAT, radius=1.5),  # seat
    )
    solids = (
        _box(back - f, SEAT - 4, front + f, SEAT),
        _box(back, 0, back + f * leg, back_h),
        _box(front, 0, front - f * leg, SEAT),
    )
    surfaces = {
        "seat": Surface(min(back, front), max(back, front), SEAT),
        "chair back": Surface(
            min(back - f, back + f * (leg + 1)), max(back - f, back + f * (leg + 1)), back_h
        ),
    }
    return Prop(name, shapes, solids, surfaces, beside=beside)


def chair_behind(centre: float, name: str = "side chair") -> Prop:
    """A chair standing beside the figure on its far side, its back toward the figure: seen
    from the back, drawn behind the figure, its top rail (90 cm) to hold for balance."""
    half, post, back_h = 21.0, 3.5, 90.0
    x0, x1 = centre - half, centre + half
    shapes = (
        _rect(x0, 0, x0 + post, back_h - 2, radius=1),
        _rect(x1 - post, 0, x1, back_h - 2, radius=1),
        _rect(x0 - 1, back_h - 18, x1 + 1, back_h, radius=1.5),  # top rail
        _rect(x0, SEAT - 4, x1, SEAT, radius=1.5),  # seat edge
        _rect(x0, 20, x1, 22.5),  # stretcher
    )
    surfaces = {"chair back": Surface(x0 - 1, x1 + 1, back_h), "seat": Surface(x0, x1, SEAT)}
    return Prop(name, shapes, (), surfaces, beside=True)


def bed(x0: float, x1: float, head_at: Literal["left", "right", "none"] = "left") -> Prop:
    """A bed in profile: mattress top at 55 cm between x0 and x1, optional headboard."""
    shapes = [
        _rect(x0 + 2, 0, x0 + 7, 24, radius=1),
        _rect(x1 - 7, 0, x1 - 2, 24, radius=1),
        _rect(x0, 22, x1, 35, "p", 1),
        _rect(x0, 34, x1, BED, "q", 5),
    ]
    # the mattress's top corners are rounded (and give under a seated person)
    solids = [
        _box(x0, 22, x1, BED - 4),
        _box(x0 + 4, BED - 4, x1 - 4, BED),
        _box(x0 + 2, 0, x0 + 7, 24),
        _box(x1 - 7, 0, x1 - 2, 24),
    ]
    if head_at != "none":
        hx = x0 if head_at == "left" else x1
        d = -1 if head_at == "left" else 1
        shapes.append(_rect(hx, 0, hx + d * 5, 100, radius=2))
        solids.append(_box(hx, 0, hx + d * 5, 100))
    return Prop("bed", tuple(shapes), tuple(solids), {"mattress": Surface(x0, x1, BED)}, crop=60.0)


def stair(x0: float, steps: int = 3, name: str = "stair") -> Prop:
    """A flight of steps rising toward +x from its first riser at x = x0."""
    pts: list[tuple[float, float]] = [(x0, 0.0)]
    surfaces = {}
    for i in range(1, steps + 1):
        y = STEP_RISE * i
        x = x0 + STEP_TREAD * (i - 1)
        pts += [(x, y), (x + STEP_TREAD, y)]
        surfaces[f"step{i}"] = Surface(x, x + STEP_TREAD if i < steps else x + 60, y)
    end = x0 + STEP_TREAD * steps + 20
    pts[-1] = (end, STEP_RISE * steps)
    pts.append((end, 0.0))
    solids = tuple(
        _box(x0 + STEP_TREAD * (i - 1), 0, end, STEP_RISE * i) for i in range(1, steps + 1)
    )
    return Prop(name, (Shape("poly", tuple(pts)),), solids, surfaces)


def couch_arm(x: float, facing: int = -1) -> Prop:
    """A sofa in profile, its padded arm (top 62 cm) at x and the seat toward -facing."""
    f = facing
    shapes = (
        _rect(x, 8, x - f * 70, 40, radius=3),  # base
        _rect(x - f * 18, 38, x - f * 70, SEAT, "q", 4),  # seat cushion
        _rect(x, 8, x - f * 20, 62, "q", 8),  # arm
    )
    solids = (_box(x, 8, x - f * 20, 62), _box(x, 8, x - f * 70, SEAT))
    return Prop(
        "couch", shapes, solids, {"couch arm": Surface(min(x, x - f * 20), max(x, x - f * 20), 62)}
    )


def counter(x0: float, x1: float) -> Prop:
    """A kitchen counter: cabinet with a worktop 91 cm high."""
    shapes = (
        _rect(x0 + 3, 8, x1, COUNTER - 4, radius=1),
        _rect(x0 - 1, COUNTER - 4, x1, COUNTER, "q", 1),
        _rect(x0 + 6, 0, x1, 8, "s"),
    )
    return Prop(
        "counter", shapes, (_box(x0, 0, x1, COUNTER),), {"counter": Surface(x0 - 1, x1, COUNTER)}
    )


def block(x0: float, x1: float, height: float = 15.0, y0: float = 0.0) -> Prop:
    """A firm foam block."""
    return Prop(
        "block",
        (_rect(x0, y0, x1, y0 + height, "q", 1.5),),
        (_box(x0, y0, x1, y0 + height),),
        {"block": Surface(x0, x1, y0 + height)},
    )


def pillow(
    x0: float,
    x1: float,
    y0: float,
    height: float = 12.0,
    name: str = "pillow",
    layer: Literal["back", "mid", "front"] = "back",
    held: bool = False,
) -> Prop:
    """A cushion; a `held` one (between the knees) is squeezed by the body, not a wall to it."""
    shape = _rect(x0, y0, x1, y0 + height, "pl", min(height, x1 - x0) / 2)
    solids = () if held else (_box(x0 + 2, y0, x1 - 2, y0 + height - 2),)
    return Prop(name, (shape,), solids, {name: Surface(x0, x1, y0 + height)}, layer=layer)


def floor_mat_top(x0: float, y0: float, x1: float, y1: float) -> Prop:
    """A mat seen from above (top and front views): everything on it lies on the floor."""
    return Prop("mat", (_rect(x0, y0, x1, y1, "m", 3),), (), {})


def floor_mat_front(points: tuple[tuple[float, float], ...]) -> Prop:
    """A mat seen from the front and a little above, as a trapezoid."""
    return Prop("mat", (Shape("poly", points, "m"),), (), {})
