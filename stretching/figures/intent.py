"""What a drawing must show so that someone who has only the drawing gets into the position.

`checks` says whether a figure is a possible body resting where it should; these say whether
the picture shows what the page asks for: an ankle resting across the other knee, a knee on
the bed and the trunk turning, a rear foot with its toes forward, arms out to the sides, a
pillow squeezed between the knees, hands kept off the knees, toes turned out. `problems(fig)`
lists, in words, every one a figure's exercise needs and the figure does not show.

Each check reads the body in space when the figure was posed in space, and otherwise the
flat drawing (a side view puts both hips, both knees and both shoulders on one point: no
crossing, squeeze or turn can be seen there).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .body import Capsule, Point, capsules
from .model import Figure
from .props import MAT_TOP
from .space import Vec, dot, norm, sub, unit

TOLERANCE = 2.5  # cm: how far apart two parts may be and still touch
Caps = dict[str, tuple[Vec, Vec, float]]


def _space(fig: Figure, index: int) -> Caps:
    """The drawn parts in space: from the body a figure was posed in, or the flat drawing laid
    in its plane (side view: x along, y up; top view: x along, y across)."""
    key = fig.keyframes[index]
    if key.body is not None:
        return key.body.capsules()
    out: Caps = {}
    for name, c in capsules(key.pose).items():
        if fig.view == "top":
            out[name] = ((c.a[0], 0.0, c.a[1]), (c.b[0], 0.0, c.b[1]), c.radius)
        else:
            out[name] = ((c.a[0], c.a[1], 0.0), (c.b[0], c.b[1], 0.0), c.radius)
    return out


def _picture(fig: Figure, index: int) -> dict[str, Capsule]:
    return capsules(fig.keyframes[index].pose)


def _sides(caps: Caps | dict[str, Capsule]) -> tuple[str, str]:
    return ("n", "f") if "thigh_n" in caps else ("l", "r")


def _to_segment(p: Vec, a: Vec, b: Vec) -> float:
    """Distance from a point to a segment in space."""
    ab, ap = sub(b, a), sub(p, a)
    t = max(0.0, min(1.0, dot(ap, ab) / dot(ab, ab))) if dot(ab, ab) else 0.0
    return norm(sub(p, (a[0] + ab[0] * t, a[1] + ab[1] * t, a[2] + ab[2] * t)))


def _flat(p: Point) -> Vec:
    return (p[0], p[1], 0.0)


def _lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _across(caps: Caps) -> Vec | None:
    """The body's left-right direction (from the far hip to the near one), if it has one."""
    near, far = _sides(caps)
    v = sub(caps[f"thigh_{near}"][0], caps[f"thigh_{far}"][0])
    return unit(v) if norm(v) > 1.0 else None


def _frames(fig: Figure) -> range:
    return range(len(fig.keyframes))


def ankle_on_knee(fig: Figure) -> list[str]:
    """One ankle rests across the other leg just above its knee, the shin lying across the
    body, and the picture shows it: the shin seen along its length, its ankle on that knee."""
    out = []
    for i in _frames(fig):
        caps, flat = _space(fig, i), _picture(fig, i)
        across = _across(caps)
        if across is None:
            out.append(f"frame {i}: both hips are one point here: no crossing can be seen")
            continue
        found = False
        for a, b in (_sides(caps), tuple(reversed(_sides(caps)))):
            _, ankle, r_shin = caps[f"shin_{a}"]
            hip, knee, r_thigh = caps[f"thigh_{b}"]
            near_knee = _to_segment(ankle, _lerp(hip, knee, 0.6), knee) - r_shin - r_thigh
            shin = sub(ankle, caps[f"shin_{a}"][0])
            lying_across = abs(dot(unit(shin), across)) >= 0.5
            seen = flat[f"shin_{a}"]
            seen_long = math.dist(seen.a, seen.b) >= 0.5 * norm(shin)
            p_hip, p_knee = flat[f"thigh_{b}"].a, flat[f"thigh_{b}"].b
            drawn_on = _to_segment(
                _flat(seen.b), _lerp(_flat(p_hip), _flat(p_knee), 0.6), _flat(p_knee)
            ) <= (r_shin + r_thigh + TOLERANCE)
            found = found or (near_knee <= TOLERANCE and lying_across and seen_long and drawn_on)
        if not found:
            out.append(f"frame {i}: no ankle is seen resting across the other knee")
    return out


def knee_on_bed(fig: Figure) -> list[str]:
    """A knee rests on the mattress (not a foot with the knee in the air)."""
    out = []
    for i in _frames(fig):
        caps = _space(fig, i)
        key = fig.keyframes[i]
        ok = False
        for side in _sides(caps):
            _, knee, r = caps[f"thigh_{side}"]
            for prop in fig.props:
                if key.body is not None and "mattress" in prop.tops:
                    top = prop.tops["mattress"]
                    over = top.under(knee[0], knee[2])
                    ok = ok or (over and abs(knee[1] - r - top.y) <= TOLERANCE)
                elif "mattress" in prop.surfaces:
                    s = prop.surfaces["mattress"]
                    ok = ok or (s.under(knee[0]) and abs(knee[1] - r - s.y) <= TOLERANCE)
        if not ok:
            out.append(f"frame {i}: no knee rests on the bed")
    return out


def _shoulder_line(fig: Figure, index: int) -> tuple[Vec, Point]:
    caps, flat = _space(fig, index), _picture(fig, index)
    near, far = _sides(caps)
    line = sub(caps[f"upperarm_{near}"][0], caps[f"upperarm_{far}"][0])
    a, b = flat[f"upperarm_{near}"].a, flat[f"upperarm_{far}"].a
    return line, (a[0] - b[0], a[1] - b[1])


def trunk_turns(fig: Figure, degrees: float = 25.0) -> list[str]:
    """From the start to the stretch the chest turns about the upright axis, and the picture
    shows the line of the shoulders changing."""
    (s0, p0), (s1, p1) = _shoulder_line(fig, 0), _shoulder_line(fig, fig.stretch)
    if norm(s0) < 1.0 or norm(s1) < 1.0:
        return ["the shoulders are one point here: a turn of the trunk cannot be seen"]
    turn = abs(math.degrees(math.atan2(s1[2], s1[0]) - math.atan2(s0[2], s0[0])))
    turn = min(turn, 360.0 - turn)
    out = []
    if turn < degrees:
        out.append(f"the chest turns {turn:.0f} degrees, less than {degrees:.0f}")
    length = abs(math.hypot(*p1) - math.hypot(*p0)) / max(math.hypot(*p0), 1.0)
    swing = abs(math.degrees(math.atan2(p1[1], p1[0]) - math.atan2(p0[1], p0[0]))) % 360.0
    if length < 0.2 and min(swing, 360.0 - swing) < 15.0:
        out.append("the line of the shoulders looks the same before and after the turn")
    return out


def _rear_foot(fig: Figure, index: int) -> tuple[str, Caps] | None:
    """The foot on the floor farthest behind the hips."""
    caps = _space(fig, index)
    on_floor = [
        s for s in _sides(caps) if min(caps[f"foot_{s}"][0][1], caps[f"foot_{s}"][1][1]) < 8.0
    ]
    if not on_floor:
        return None
    return min(on_floor, key=lambda s: caps[f"foot_{s}"][1][0]), caps


def toes_forward(fig: Figure) -> list[str]:
    """The rear foot points its toes forward (the way the figure faces, +x)."""
    out = []
    for i in _frames(fig):
        found = _rear_foot(fig, i)
        if found is None:
            out.append(f"frame {i}: no foot on the floor")
            continue
        side, caps = found
        heel, toe, _ = caps[f"foot_{side}"]
        if unit(sub(toe, heel))[0] < math.cos(math.radians(40.0)):
            out.append(f"frame {i}: the rear foot's toes do not point forward")
    return out


def lunge(fig: Figure) -> list[str]:
    """In the stretch the rear foot is well behind the hips, its heel up on the ball of the
    foot; the hips travel forward from the start; the balance chair stands beside, not
    behind."""
    out = []
    end = fig.stretch
    found = _rear_foot(fig, end)
    hip0, hip1 = fig.keyframes[0].pose.root, fig.keyframes[end].pose.root
    if found is not None:
        side, caps = found
        heel, toe, _ = caps[f"foot_{side}"]
        if hip1[0] - toe[0] < 25.0:
            out.append(f"the rear toes are only {hip1[0] - toe[0]:.0f} cm behind the hips")
        if heel[1] - toe[1] < 6.0:
            out.append("the rear heel does not rise")
    if hip1[0] - hip0[0] < 15.0:
        out.append(f"the hips move only {hip1[0] - hip0[0]:.0f} cm from start to stretch")
    chairs = [p for p in fig.props if p.name == "side chair"]
    for i in _frames(fig):
        x = fig.keyframes[i].pose.root[0]
        if not any(p.bbox[0] <= x <= p.bbox[2] for p in chairs):
            out.append(f"frame {i}: the balance chair is not beside the hips")
    return out


def arms_out(fig: Figure) -> list[str]:
    """Both arms lie out to the sides, a little below shoulder height, resting on the floor."""
    out = []
    for i in _frames(fig):
        caps = _space(fig, i)
        across = _across(caps)
        if across is None:
            out.append(f"frame {i}: both hips are one point here: arms out cannot be seen")
            continue
        to_feet = unit(sub(caps["pelvis"][0], caps["thorax"][1]))
        for side, sign in zip(_sides(caps), (1.0, -1.0), strict=True):
            shoulder, wrist = caps[f"upperarm_{side}"][0], caps[f"forearm_{side}"][1]
            arm = unit(sub(wrist, shoulder))
            if dot(arm, across) * sign < 0.6:
                out.append(f"frame {i}: the {side} arm is not out to the side")
            if dot(arm, to_feet) <= 0.05:
                out.append(f"frame {i}: the {side} arm is not below shoulder height")
            hand = caps[f"hand_{side}"]
            if min(hand[0][1], hand[1][1]) - hand[2] > MAT_TOP + TOLERANCE:
                out.append(f"frame {i}: the {side} hand does not rest on the floor")
    return out


def pillow_between_knees(fig: Figure, name: str = "knee pillow") -> list[str]:
    """The pillow lies between the knees, both knees pressing on it."""
    out = []
    pillow = next((p for p in fig.props if p.name == name), None)
    if pillow is None:
        return [f"there is no {name}"]
    for i in _frames(fig):
        caps = _space(fig, i)
        near, far = _sides(caps)
        k_near, k_far = caps[f"thigh_{near}"][1], caps[f"thigh_{far}"][1]
        gap = norm(sub(k_near, k_far))
        if gap < 10.0 or name not in pillow.tops:
            out.append(f"frame {i}: the knees are not apart with the {name} between them")
            continue
        top, r = pillow.tops[name], caps[f"thigh_{near}"][2]
        inner = ((k_near[2] - r) - top.z1, top.z0 - (k_far[2] + r))
        if max(abs(v) for v in inner) > TOLERANCE:
            out.append(f"frame {i}: a knee does not press on the {name}")
        if not top.x0 <= (k_near[0] + k_far[0]) / 2 <= top.x1:
            out.append(f"frame {i}: the {name} is not at the knees")
    return out


def squeeze_arrows(fig: Figure, name: str = "knee pillow") -> list[str]:
    """Arrows at both knees point inward toward the pillow, along the line between the knees
    as drawn (not up and down)."""
    pillow = next((p for p in fig.props if p.name == name), None)
    flat = _picture(fig, fig.stretch)
    near, far = _sides(flat)
    knees = [flat[f"thigh_{near}"].b, flat[f"thigh_{far}"].b]
    if pillow is None or math.dist(*knees) < 5.0:
        return ["the knees are one point here: a squeeze between them cannot be seen"]
    x0, y0, x1, y1 = pillow.bbox
    centre = ((x0 + x1) / 2, (y0 + y1) / 2)
    pointing = []
    for arrow in fig.arrows:
        if arrow.kind == "line":
            pointing.append((arrow.p0, arrow.p1))
        elif arrow.kind == "squeeze":
            (x, y), (dx, dy) = arrow.p0, arrow.p1
            pointing += [((x + dx, y + dy), (x, y)), ((x - dx, y - dy), (x, y))]
    found = 0
    for knee in knees:
        inward = unit(_flat((centre[0] - knee[0], centre[1] - knee[1])))
        for p0, p1 in pointing:
            d = unit(_flat((p1[0] - p0[0], p1[1] - p0[1])))
            if dot(d, inward) >= math.cos(math.radians(30.0)) and math.dist(p1, knee) < 25.0:
                found += 1
                break
    if found < 2:
        return ["no arrows press both knees inward toward the pillow"]
    return []


def hands_off_knees(fig: Figure) -> list[str]:
    """No hand rests on a thigh or knee: the hands lie on the belly or by the sides."""
    out = []
    for i in _frames(fig):
        flat = _picture(fig, i)
        for h in _sides(flat):
            hand = flat[f"hand_{h}"]
            for t in _sides(flat):
                thigh = flat[f"thigh_{t}"]
                mid = _lerp(_flat(thigh.a), _flat(thigh.b), 0.3)
                d = min(
                    _to_segment(_flat(p), mid, _flat(thigh.b)) for p in (hand.a, hand.b, _mid(hand))
                )
                if d < hand.radius + thigh.radius:
                    out.append(f"frame {i}: hand_{h} lies on thigh_{t}")
    return out


def _mid(c: Capsule) -> Point:
    return ((c.a[0] + c.b[0]) / 2, (c.a[1] + c.b[1]) / 2)


def toes_out(fig: Figure, degrees: float = 20.0) -> list[str]:
    """Both feet turn their toes out, away from straight ahead."""
    out = []
    for i in _frames(fig):
        caps = _space(fig, i)
        for side, sign in zip(_sides(caps), (1.0, -1.0), strict=True):
            heel, toe, _ = caps[f"foot_{side}"]
            d = sub(toe, heel)
            turned = math.degrees(math.atan2(sign * d[2], d[0]))
            if turned < degrees:
                out.append(f"frame {i}: the {side} foot turns out {turned:.0f} degrees")
    return out


INTENT: dict[str, tuple[Callable[[Figure], list[str]], ...]] = {
    "supine-piriformis": (ankle_on_knee,),
    "seated-figure-four": (ankle_on_knee,),
    "bedside-knee-twist": (knee_on_bed, trunk_turns),
    "hip-flexor-chair-lunge": (toes_forward, lunge),
    "supine-pillow-squeeze": (arms_out, pillow_between_knees, squeeze_arrows),
    "supine-butterfly": (hands_off_knees,),
    "standing-glute-squeeze--toes-out": (toes_out,),
}
"""What each drawing must show, by figure id (the page's words in each check's docstring)."""


def problems(fig: Figure) -> list[str]:
    """Everything the figure's exercise needs shown that the drawing does not show."""
    return [p for check in INTENT.get(fig.id, ()) for p in check(fig)]
