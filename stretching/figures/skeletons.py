"""The skeletons: the segments of a figure seen from the side, from the front or above, and
at an angle (a three-quarter view, posed in space and projected)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from .body import (
    ABDOMEN,
    ANKLE,
    FOOT,
    FOREARM,
    HAND,
    HEAD_LIFT,
    HEAD_R,
    HIP_WIDTH,
    NECK,
    PELVIS,
    PELVIS_R,
    RANGES,
    SHIN,
    SHOULDER_WIDTH,
    THIGH,
    THORAX,
    UPPER_ARM,
    Point,
    Segment,
    Skeleton,
    View,
)

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


def _seg(
    name: str,
    kind: str,
    side: str,
    parent: str | None,
    joint: str,
    at: Point,
    rest: float,
    sign: float,
    length: float,
    radius: float,
    a: Point = (0.0, 0.0),
    b: Point | None = None,
) -> Segment:
    return Segment(
        name,
        kind,
        side,
        parent,
        joint,
        at,
        rest,
        sign,
        length,
        a,
        b if b is not None else (length, 0.0),
        radius,
    )


def _side_limbs(side: str, sole_below: bool = True) -> list[Segment]:
    s = side
    # In space the foot's joint is placed at the sole already (see `space`).
    sole = -(ANKLE - 3.0) if sole_below else 0.0
    return [
        _seg(f"thigh_{s}", "th", s, "pelvis", f"hip_{s}", (0, 0), 180, 1, THIGH, 8.0),
        _seg(f"shin_{s}", "sh", s, f"thigh_{s}", f"knee_{s}", (THIGH, 0), 0, -1, SHIN, 5.5),
        # The foot's axis points forward from the ankle; the sole runs heel to toe below it.
        _seg(
            f"foot_{s}",
            "ft",
            s,
            f"shin_{s}",
            f"ankle_{s}",
            (SHIN, 0),
            90,
            1,
            FOOT * 0.75,
            3.0,
            a=(-FOOT * 0.25 + 3.0, sole),
            b=(FOOT * 0.75 - 3.0, sole),
        ),
        _seg(
            f"upperarm_{s}", "ua", s, "thorax", f"shoulder_{s}", (THORAX, 0), 180, 1, UPPER_ARM, 4.6
        ),
        _seg(
            f"forearm_{s}",
            "fa",
            s,
            f"upperarm_{s}",
            f"elbow_{s}",
            (UPPER_ARM, 0),
            0,
            1,
            FOREARM,
            3.8,
        ),
        _seg(
            f"hand_{s}",
            "ha",
            s,
            f"forearm_{s}",
            f"wrist_{s}",
            (FOREARM, 0),
            0,
            1,
            HAND,
            2.9,
            b=(HAND * 0.75, 0.0),
        ),
    ]


def _side_trunk(pelvis_r: float, abdomen_r: float, thorax_r: float) -> list[Segment]:
    return [
        _seg("pelvis", "pe", "b", None, "pelvis", (0, 0), 0, 1, PELVIS, pelvis_r),
        _seg("abdomen", "ab", "b", "pelvis", "lumbar", (PELVIS, 0), 0, -1, ABDOMEN, abdomen_r),
        _seg("thorax", "tx", "b", "abdomen", "thoracic", (ABDOMEN, 0), 0, -1, THORAX, thorax_r),
        _seg("neck", "nk", "b", "thorax", "neck", (THORAX, 0), 0, -1, NECK, 5.0),
        _seg(
            "head",
            "hd",
            "b",
            "neck",
            "head",
            (NECK, 0),
            0,
            -1,
            HEAD_LIFT,
            HEAD_R,
            a=(HEAD_LIFT, -1.5),
            b=(HEAD_LIFT, -1.5),
        ),
    ]


@cache
def side_skeleton() -> Skeleton:
    """A figure seen from its left side, facing +x when upright; 'n' limbs nearest the viewer."""
    trunk = _side_trunk(PELVIS_R, 10.0, 11.0)
    return Skeleton("side", tuple(trunk + _side_limbs("f") + _side_limbs("n")), RANGES)


@cache
def oblique_skeleton() -> Skeleton:
    """A figure posed in space and seen at an angle: the side skeleton with a rounder trunk
    (seen partly from the front) and a shoulder line, 'n' limbs nearest the viewer. Its joint
    angles are angles in the picture, so it has no ranges here: `space` checks the body's
    angles in space."""
    trunk = _side_trunk(12.0, 11.5, 12.0)
    # the line of the shoulders, far to near: it shows which way the chest faces
    girdle = _seg("shoulders", "sb", "b", "thorax", "shoulders", (THORAX, 0), 0, 1, 34.0, 6.5)
    limbs = _side_limbs("f", sole_below=False) + _side_limbs("n", sole_below=False)
    return Skeleton("oblique", tuple([*trunk, girdle, *limbs]), {})


def _front_limbs(side: str) -> list[Segment]:
    # Picture-left limbs ('l') hang from +y of the trunk's axis and open by turning clockwise.
    m = -1.0 if side == "l" else 1.0
    hip = (0.0, -m * (HIP_WIDTH / 2 - 8.0))
    shoulder = (THORAX - 3.0, -m * (SHOULDER_WIDTH / 2 - 4.6))
    s = side
    return [
        _seg(f"thigh_{s}", "th", s, "pelvis", f"hip_{s}", hip, 180, m, THIGH, 8.0),
        _seg(f"shin_{s}", "sh", s, f"thigh_{s}", f"knee_{s}", (THIGH, 0), 0, -m, SHIN, 5.5),
        _seg(
            f"foot_{s}",
            "ft",
            s,
            f"shin_{s}",
            f"ankle_{s}",
            (SHIN, 0),
            0,
            -m,
            FOOT * 0.6,
            3.5,
            a=(2.0, 0.0),
        ),
        _seg(f"upperarm_{s}", "ua", s, "thorax", f"shoulder_{s}", shoulder, 180, m, UPPER_ARM, 4.6),
        _seg(
            f"forearm_{s}",
            "fa",
            s,
            f"upperarm_{s}",
            f"elbow_{s}",
            (UPPER_ARM, 0),
            0,
            -m,
            FOREARM,
            3.8,
        ),
        _seg(
            f"hand_{s}",
            "ha",
            s,
            f"forearm_{s}",
            f"wrist_{s}",
            (FOREARM, 0),
            0,
            -m,
            HAND,
            3.2,
            b=(HAND * 0.7, 0.0),
        ),
    ]


@cache
def front_skeleton(view: View = "front") -> Skeleton:
    """A figure seen from the front (or from above when lying): left and right limbs."""
    trunk = [
        _seg("pelvis", "pe", "b", None, "pelvis", (0, 0), 0, 1, PELVIS, 14.0),
        _seg("abdomen", "ab", "b", "pelvis", "lumbar", (PELVIS, 0), 0, 1, ABDOMEN, 12.5),
        _seg(
            "thorax",
            "tx",
            "b",
            "abdomen",
            "thoracic",
            (ABDOMEN, 0),
            0,
            1,
            THORAX,
            14.5,
            b=(THORAX - 6.0, 0.0),
        ),
        _seg("neck", "nk", "b", "thorax", "neck", (THORAX, 0), 0, 1, NECK * 0.8, 5.5),
        _seg(
            "head",
            "hd",
            "b",
            "neck",
            "head",
            (NECK * 0.8, 0),
            0,
            1,
            9.0,
            9.5,
            a=(9.0, 0.0),
            b=(9.0, 0.0),
        ),
    ]
    return Skeleton(view, tuple(trunk + _front_limbs("l") + _front_limbs("r")), FRONT_RANGES)
