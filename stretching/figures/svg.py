"""SVG output: one group per segment, rotated about its joint, nested along the body's chain.

Animation moves only those rotations (and the root's position) with CSS keyframes, so a limb
can turn but never change length. The static transforms are the stretch pose, which is what
shows when the reader asks for reduced motion.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

from .body import Pose, Segment, capsules, local_rotation
from .model import Figure, Target
from .props import Box, r1

SECONDS_PER_UNIT = 1.3  # one movement between keyframes takes this long
MOVE = 1.0  # movement time in hold units
MARGIN = 7.0
ASPECT = 4 / 3  # the tallest a picture gets (standing figures)
WIDEST = 2.0  # and the widest (lying figures), so both fill a phone's width

STYLE = (
    "line{stroke-linecap:round}"
    ".b{stroke:#5b6b7b}.n{stroke:#2e3b48}.f{stroke:#b3bdc8}.w{stroke:#d9731c}.v{stroke:#eba066}"
    ".hd{fill:#5b6b7b}.nz{fill:#5b6b7b}"
    ".p{fill:#eef1f4;stroke:#97a3ae;stroke-width:1.2}.q{fill:#f6f0e4;stroke:#97a3ae;"
    "stroke-width:1.2}.pl{fill:#f2e2c4;stroke:#97a3ae;stroke-width:1.2}"
    ".m{fill:#a9d3cc}.s{fill:#d9dee3}.fl{stroke:#97a3ae;stroke-width:1.4}.gr{fill:#f3f5f7}"
    ".ar{fill:none;stroke:#167f8f;stroke-width:2.4;stroke-linecap:round}"
    ".tw{stroke:#3f8fcf;stroke-width:3;stroke-linecap:round}"
    ".bd{stroke:#3b9e4a;stroke-width:2;stroke-linecap:round}"
    "g{transform-box:view-box;transform-origin:0 0}"
)
POSTS = ".cl{stroke:#97a3ae;stroke-width:3;stroke-linecap:round}"  # legs of props seen in space


def _n(v: float) -> str:
    return r1(v)


def _px(v: float) -> str:
    text = r1(v)
    return text if text == "0" else f"{text}px"


def _transform(seg: Segment, pose: Pose, css: bool) -> str:
    """The group transform of a segment: move to its joint, turn by its joint angle."""
    at = pose.root if seg.parent is None else pose.offset(seg)
    rot = local_rotation(seg, pose)
    return _tf(at, rot, css, keep_translate=seg.parent is None or seg.name in pose.offsets)


def _tf(at: tuple[float, float], rot: float, css: bool, keep_translate: bool = False) -> str:
    parts = []
    if keep_translate or at != (0.0, 0.0):
        if css:
            parts.append(f"translate({_px(at[0])},{_px(at[1])})")
        else:
            y = "" if abs(at[1]) < 0.05 and not keep_translate else f" {_n(at[1])}"
            parts.append(f"translate({_n(at[0])}{y})")
    if css:
        parts.append(f"rotate({_n(rot)}deg)")
    elif abs(rot) >= 0.05:
        parts.append(f"rotate({_n(rot)})")
    return "".join(parts) if css else " ".join(parts)


def _colour(fig: Figure, seg: Segment) -> str:
    if seg.limb in fig.working:
        return "v" if seg.side == "f" else "w"
    return {"l": "n", "r": "n"}.get(seg.side, seg.side)


def _draw_segment(fig: Figure, seg: Segment, ks: list[float], k: float, anim: _Animation) -> str:
    """A segment's shape, `k` of its length as seen (`ks`: in each keyframe)."""
    if seg.kind == "hd":
        cx, cy = seg.a
        face = (
            ""
            if fig.view not in ("side", "oblique")
            else (f'<path d="M{_n(cx + 1)} {_n(cy - seg.radius + 1)}l-3 -4 -2.5 4.5z" class="nz"/>')
        )
        return f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(seg.radius)}" class="hd"/>{face}'
    (x1, y1), (x2, y2) = seg.a, seg.b
    varies = len({round(v, 3) for v in ks}) > 1
    # A segment seen shortening as it turns toward the viewer: a round-capped dash of the
    # line, its length animated (a scale would squash the round ends); the foot, which does
    # not start at its joint, is scaled instead.
    dash = varies and not x1
    scale = k if not varies else (1.0 if not dash else max(ks))
    coords = f'x2="{_n(x2 * scale)}"'
    if (x1, y1) != (0.0, 0.0):
        coords = f'x1="{_n(x1 * scale)}" y1="{_n(y1)}" ' + coords
    if y2:
        coords += f' y2="{_n(y2)}"'
    line = f'<line {coords} class="{seg.kind} {_colour(fig, seg)}"/>'
    if not varies:
        return line
    if dash:
        cls = anim.cls([f"{_n(x2 * v)} 99" for v in ks], "stroke-dasharray")
        return f'<g stroke-dasharray="{_n(x2 * k)} 99"{cls}>{line}</g>'
    cls = anim.cls([f"scale({v:.3f},1)" for v in ks])
    return f'<g transform="scale({k:.3f} 1)"{cls}>{line}</g>'


def _layer_of(seg: Segment) -> str:
    return {"l": "n", "r": "n"}.get(seg.side, seg.side)


def _in_layer(seg: Segment, layer: str) -> bool:
    """A layer is a side ('f', 'b', 'n') or one limb ('arm_f')."""
    return layer in (_layer_of(seg), seg.limb)


class _Animation:
    """Collects CSS keyframes for every group whose transform changes between keyframes."""

    def __init__(self, fig: Figure, animate: bool) -> None:
        self.fig = fig
        self.animate = animate and len(fig.keyframes) > 1
        self.rules: list[str] = []
        self.classes: dict[tuple[str, ...], str] = {}
        holds = [k.hold for k in fig.keyframes]
        total = sum(holds) + MOVE * len(holds)
        self.duration = total * SECONDS_PER_UNIT
        self.windows: list[tuple[float, float]] = []
        t = 0.0
        for h in holds:
            self.windows.append((100 * t / total, 100 * (t + h) / total))
            t += h + MOVE

    def cls(self, values: list[str], prop: str = "transform") -> str:
        """A class attribute animating `prop` through one value per keyframe, or ''."""
        if not self.animate or len(set(values)) == 1:
            return ""
        key = (prop, *values)
        if key not in self.classes:
            name = f"a{len(self.classes)}"
            self.classes[key] = name
            stops: dict[str, list[str]] = {}
            for i, v in enumerate(values):
                s, e = self.windows[i]
                sel = [f"{s:.0f}%", f"{e:.0f}%"] + (["100%"] if i == 0 else [])
                stops.setdefault(v, []).extend(sel)
            body = "".join(f"{','.join(sel)}{{{prop}:{v}}}" for v, sel in stops.items())
            self.rules.append(f".{name}{{animation-name:k{name}}}@keyframes k{name}{{{body}}}")
        return f' class="{self.classes[key]}"'

    def css(self) -> str:
        if not self.rules:
            return ""
        return (
            "g[class],ellipse[class]{animation-duration:"
            f"{self.duration:.1f}s;animation-timing-function:ease-in-out;"
            "animation-iteration-count:infinite}"
            + "".join(self.rules)
            + "@media (prefers-reduced-motion:reduce){*{animation:none!important}}"
        )


def _bounds(fig: Figure) -> Box:
    xs: list[float] = []
    ys: list[float] = []
    for key in fig.keyframes:
        for cap in capsules(key.pose).values():
            for px, py in (cap.a, cap.b):
                xs += [px - cap.radius, px + cap.radius]
                ys += [py - cap.radius, py + cap.radius]
        for strap in fig.straps:
            for px, py in strap.ends(key.pose):
                xs.append(px)
                ys.append(py)
    body_x = (min(xs), max(xs))
    for prop in fig.props:
        x0, y0, x1, y1 = prop.bbox
        if prop.crop is not None:
            x0, x1 = max(x0, body_x[0] - prop.crop), min(x1, body_x[1] + prop.crop)
        xs += [x0, x1]
        ys += [y0, y1]
    for arrow in fig.arrows:
        for px, py in arrow.points():
            xs += [px - 3, px + 3]
            ys += [py - 3, py + 3]
    if fig.view == "side":
        ys.append(-4.0)
    x0, y0, x1, y1 = min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN
    w, h = x1 - x0, y1 - y0
    if w < h * ASPECT:
        pad = (h * ASPECT - w) / 2
        x0, x1 = x0 - pad, x1 + pad
    elif w > h * WIDEST:
        pad = w / WIDEST - h
        y1 += pad * 0.7
        y0 -= pad * 0.3
    return (x0, y0, x1, y1)


def _arrow(fig: Figure, marker: str) -> str:
    out: list[str] = []
    for arrow in fig.arrows:
        both = f' marker-start="url(#{marker})"' if arrow.both else ""
        paths = []
        if arrow.kind == "arc":
            (cx, cy), r = arrow.p0, arrow.radius
            a0, a1 = math.radians(arrow.a0), math.radians(arrow.a1)
            sweep = 1 if arrow.a1 > arrow.a0 else 0
            large = 1 if abs(arrow.a1 - arrow.a0) > 180 else 0
            paths.append(
                f"M{_n(cx + r * math.cos(a0))} {_n(cy + r * math.sin(a0))}"
                f"A{_n(r)} {_n(r)} 0 {large} {sweep} "
                f"{_n(cx + r * math.cos(a1))} {_n(cy + r * math.sin(a1))}"
            )
        elif arrow.kind == "turn":
            # half an ellipse round the body's long axis, toward the viewer
            (cx, cy), (rx, ry), tilt = arrow.p0, arrow.p1, arrow.a0
            t = math.radians(tilt)
            ux, uy = math.cos(t) * rx, math.sin(t) * rx
            paths.append(
                f"M{_n(cx - ux)} {_n(cy - uy)}A{_n(rx)} {_n(ry)} {_n(tilt)} 0 0 "
                f"{_n(cx + ux)} {_n(cy + uy)}"
            )
        elif arrow.kind == "line":
            (x0, y0), (x1, y1) = arrow.p0, arrow.p1
            paths.append(f"M{_n(x0)} {_n(y0)}L{_n(x1)} {_n(y1)}")
        else:
            (x, y), (dx, dy) = arrow.p0, arrow.p1
            for s in (1, -1):
                paths.append(
                    f"M{_n(x + s * dx)} {_n(y + s * dy)}"
                    f"L{_n(x + s * dx * 0.35)} {_n(y + s * dy * 0.35)}"
                )
        out.extend(f'<path d="{d}" class="ar" marker-end="url(#{marker})"{both}/>' for d in paths)
    return "".join(out)


def render(
    fig: Figure, *, title: str, desc: str, animate: bool = True, frame: int | None = None
) -> str:
    """The figure as a standalone SVG document."""
    index = fig.stretch if frame is None else frame
    static = fig.keyframes[index].pose
    anim = _Animation(fig, animate and frame is None)
    poses = [k.pose for k in fig.keyframes]
    skel = static.skeleton
    x0, y0, x1, y1 = _bounds(fig)
    w, h = x1 - x0, y1 - y0
    grad, mark = f"g-{fig.id}", f"h-{fig.id}"

    def group(seg: Segment, layer: str) -> str:
        if layer == "t":
            own = "".join(_target(t) for t in fig.targets if t.segment == seg.name)
        elif _in_layer(seg, layer):
            ks = [p.k(seg.name) for p in poses]
            own = _draw_segment(fig, seg, ks, static.k(seg.name), anim)
        else:
            own = ""
        kids = sorted(skel.children(seg.name), key=lambda s: s.kind in ("ab", "tx"))
        inner = "".join(group(k, layer) for k in kids)
        if not own and not inner:
            return ""
        cls = anim.cls([_transform(seg, p, True) for p in poses])
        tf = _transform(seg, static, False)
        attr = f' transform="{tf}"' if tf else ""
        return f"<g{attr}{cls}>{own}{inner}</g>"

    def _target(t: Target) -> str:
        seg = skel[t.segment]
        cx, cy = seg.length * static.k(seg.name) * t.at, t.across
        efforts = [f"{k.effort:.2f}" for k in fig.keyframes]
        ecls = anim.cls(efforts, "opacity")
        op = fig.keyframes[index].effort
        opacity = f' opacity="{op:.2f}"' if op < 1 else ""
        return (
            f'<ellipse cx="{_n(cx)}" cy="{_n(cy)}" rx="{_n(t.rx)}" ry="{_n(t.ry)}" '
            f'fill="url(#{grad})"{opacity}{ecls}/>'
        )

    root = skel.segments[0]
    body: list[str] = []
    for prop in fig.props:
        if prop.layer == "back":
            body.extend(s.svg() for s in prop.shapes)
    layers = fig.layers if fig.view in ("side", "oblique") else ("b", "n")
    for i, layer in enumerate(layers):
        if i == len(layers) - 1:
            body.extend(s.svg() for p in fig.props if p.layer == "mid" for s in p.shapes)
        body.append(group(root, layer))
    for prop in fig.props:
        if prop.layer == "front":
            body.extend(s.svg() for s in prop.shapes)
    for strap in fig.straps:
        values = []
        for p in poses + [static]:
            (hx, hy), (fx, fy) = strap.ends(p)
            values.append(
                ((hx, hy), math.degrees(math.atan2(fy - hy, fx - hx)), math.hypot(fx - hx, fy - hy))
            )
        *frames, (at, rot, length) = values
        cls = anim.cls([_tf(a, r, True, True) for a, r, _ in frames])
        kind = "tw" if strap.kind == "towel" else "bd"
        body.append(
            f'<g transform="{_tf(at, rot, False, True)}"{cls}>'
            f'<line x2="{_n(length)}" class="{kind}"/></g>'
        )
    body.append(group(root, "t"))
    body.append(_arrow(fig, mark))
    ground = ""
    if fig.view == "side":
        ground = (
            f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(-y0)}" '
            f'class="gr"/><path d="M{_n(x0)} 0H{_n(x1)}" class="fl"/>'
        )
    widths = {s.kind: s.radius * 2 for s in skel.segments if s.kind != "hd"}
    style = STYLE + "".join(f".{k}{{stroke-width:{_n(v)}}}" for k, v in widths.items())
    if 'class="cl"' in "".join(body):
        style += POSTS
    defs = (
        f'<defs><radialGradient id="{grad}"><stop offset=".35" stop-color="#e2403a" '
        f'stop-opacity=".6"/><stop offset="1" stop-color="#e2403a" stop-opacity="0"/>'
        f'</radialGradient><marker id="{mark}" viewBox="0 0 6 6" refX="3" refY="3" '
        f'markerWidth="3.2" markerHeight="3.2" orient="auto-start-reverse">'
        f'<path d="M0 0L6 3 0 6z" fill="#167f8f"/></marker></defs>'
    )
    content = "".join(body)
    css = style + anim.css()
    px = 300 / w
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(w)} {_n(h)}" '
        f'width="300" height="{_n(h * px)}" role="img" aria-labelledby="t-{fig.id} d-{fig.id}">'
        f'<title id="t-{fig.id}">{escape(title)}</title><desc id="d-{fig.id}">{escape(desc)}</desc>'
        f"<style>{css}</style>{defs}"
        f'<g transform="matrix(1 0 0 -1 {_n(-x0)} {_n(y1)})">{ground}{content}</g></svg>'
    )
