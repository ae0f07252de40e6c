"""What a figure is: keyframe poses, props, the working limbs, the target and the arrows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from .body import Point, Pose, View, forward
from .props import Prop
from .space import Body, Camera

Position = Literal["standing", "seated", "seated-floor", "supine", "prone", "quadruped"]


@dataclass(frozen=True)
class Keyframe:
    """One pose in the loop. `hold` is its relative pause; `effort` (0 to 1) how hard the
    target works, shown by how strongly the target is shaded (squeezes, the thigh test).
    A figure seen at an angle keeps the `body` in space its pose was projected from."""

    pose: Pose
    hold: float = 1.0
    effort: float = 1.0
    body: Body | None = None


@dataclass(frozen=True)
class Contact:
    """A part that must rest on a surface (within the tolerance) in the listed keyframes."""

    part: str
    surface: str  # "floor", "mat", "seat", "mattress", "step1", ...
    frames: tuple[int, ...] | None = None  # None: every keyframe

    def applies(self, index: int) -> bool:
        return self.frames is None or index in self.frames


@dataclass(frozen=True)
class Target:
    """Where the stretch is felt: a soft blob over part of a segment."""

    segment: str
    at: float = 0.5  # fraction along the segment
    across: float = 0.0  # cm off the axis (positive to the segment's left)
    rx: float = 12.0
    ry: float = 9.0

    def centre(self, pose: Pose) -> Point:
        seg = pose.skeleton[self.segment]
        return forward(pose)[self.segment].to_world((seg.length * self.at, self.across))


@dataclass(frozen=True)
class Arrow:
    """A direction-of-movement hint, drawn in world coordinates.

    kind 'arc': around `centre` from angle a0 to a1 (degrees) at `radius`.
    kind 'line': from p0 to p1. kind 'squeeze': two short arrows pointing at p0 from +-p1.
    kind 'turn': half an ellipse (radii p1) round p0, its long axis at angle a0: a twist.
    """

    kind: Literal["arc", "line", "squeeze", "turn"]
    p0: Point
    p1: Point = (0.0, 0.0)
    radius: float = 0.0
    a0: float = 0.0
    a1: float = 0.0
    both: bool = False  # a head at each end (a back-and-forth movement)

    @staticmethod
    def arc(centre: Point, radius: float, a0: float, a1: float, both: bool = False) -> Arrow:
        return Arrow("arc", centre, radius=radius, a0=a0, a1=a1, both=both)

    @staticmethod
    def line(p0: Point, p1: Point) -> Arrow:
        return Arrow("line", p0, p1)

    @staticmethod
    def squeeze(at: Point, toward: Point) -> Arrow:
        """Two arrows pointing at `at`, arriving along the direction `toward` and its opposite."""
        return Arrow("squeeze", at, toward)

    @staticmethod
    def turn(centre: Point, radii: Point, tilt: float) -> Arrow:
        """A twist about an axis: half an ellipse whose long axis lies at `tilt` degrees."""
        return Arrow("turn", centre, radii, a0=tilt)

    def points(self) -> list[Point]:
        if self.kind == "turn":
            (x, y), (rx, ry) = self.p0, self.p1
            r = max(rx, ry)
            return [(x - r, y - r), (x + r, y + r)]
        if self.kind == "arc":
            out = []
            for i in range(9):
                a = math.radians(self.a0 + (self.a1 - self.a0) * i / 8)
                out.append(
                    (self.p0[0] + self.radius * math.cos(a), self.p0[1] + self.radius * math.sin(a))
                )
            return out
        if self.kind == "squeeze":
            (x, y), (dx, dy) = self.p0, self.p1
            return [(x + dx, y + dy), (x - dx, y - dy)]
        return [self.p0, self.p1]


@dataclass(frozen=True)
class Strap:
    """A towel or band held in a hand and looped round a foot: a straight line of fixed length
    from a point on one segment to a point on another."""

    kind: Literal["towel", "band"]
    hand: tuple[str, Point]
    foot: tuple[str, Point]

    def ends(self, pose: Pose) -> tuple[Point, Point]:
        placed = forward(pose)
        return (
            placed[self.hand[0]].to_world(self.hand[1]),
            placed[self.foot[0]].to_world(self.foot[1]),
        )


@dataclass(frozen=True)
class Figure:
    """Everything drawn for one exercise.

    `stretch` is the keyframe shown when animation is off. `in_front` lists (limb, prop)
    pairs where a limb passes in front of a prop in depth, so the prop does not block it.
    `layers` is the order the far limbs ('f'), the trunk ('b') and the near limbs ('n') are
    painted in (side and oblique views); `camera` is set for a figure posed in space.
    """

    id: str
    position: Position
    view: View
    keyframes: tuple[Keyframe, ...]
    props: tuple[Prop, ...] = ()
    contacts: tuple[Contact, ...] = ()
    working: tuple[str, ...] = ()  # limbs: "leg_n", "arm_f", ...
    targets: tuple[Target, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    straps: tuple[Strap, ...] = ()
    stretch: int = 1
    in_front: tuple[tuple[str, str], ...] = ()
    layers: tuple[str, ...] = ("f", "b", "n")
    camera: Camera | None = None

    def prop(self, name: str) -> Prop:
        for p in self.props:
            if p.name == name:
                return p
        raise KeyError(name)
