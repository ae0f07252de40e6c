"""The drawn figures: every exercise has one, limbs keep their length, bodies rest where they
should and pass through nothing, and the SVG is a small, standalone, accessible image."""

from __future__ import annotations

import dataclasses
import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stretching import catalogue, figures
from stretching.figures import body, checks, intent, props, space
from stretching.figures.model import Arrow, Figure, Keyframe
from stretching.figures.posing import aim, reach

EXERCISE_IDS = (
    "hip-flexor-chair-lunge",
    "bedside-seated-hamstring",
    "supine-hamstring-straight-leg",
    "chair-edge-hamstring",
    "towel-hamstring",
    "band-hamstring",
    "standing-hamstring",
    "back-extension",
    "straddle-groin",
    "cat-pose",
    "supine-piriformis",
    "seated-figure-four",
    "ankle-pumps",
    "knees-to-chest",
    "quadruped-hip-extension",
    "standing-glute-squeeze",
    "supine-pillow-squeeze",
    "bedside-knee-twist",
    "supine-butterfly",
    "standing-quad-support",
    "supine-leg-on-chair-rest",
)
SET_FIGURE_IDS = ("standing-glute-squeeze--toes-out",)
ALL_IDS = EXERCISE_IDS + SET_FIGURE_IDS
ANGLED = (  # posed in space and seen at an angle: a side view cannot show these
    "supine-piriformis",
    "seated-figure-four",
    "bedside-knee-twist",
    "supine-pillow-squeeze",
    "standing-glute-squeeze--toes-out",
)
FRAMES = [(i, k) for i in ALL_IDS for k in range(figures.keyframe_count(i))]
SVG = "{http://www.w3.org/2000/svg}"
MAX_BYTES = 8 * 1024
H = body.H

# Published ratios of body height (Drillis & Contini; Winter): what a rendered limb must measure.
ANTHROPOMETRY = {
    "th": 0.245 * H,
    "sh": 0.246 * H,
    "ua": 0.186 * H,
    "fa": 0.146 * H,
}


def _svg(exercise_id: str, frame: int | None = None) -> str:
    kwargs = {"title": f"Figure: {exercise_id}", "desc": "How to do it & why <briefly>."}
    if frame is None:
        return figures.render_svg(exercise_id, **kwargs)
    return figures.render_keyframe_svg(exercise_id, frame, **kwargs)


# --- reading the rendered SVG back: compose the nested transforms --------------------------

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def _parse_transform(text: str) -> Matrix:
    m = IDENTITY
    for name, args in re.findall(r"(\w+)\(([^)]*)\)", text):
        v = [float(x) for x in re.split(r"[\s,]+", args.strip())]
        if name == "translate":
            m = _mul(m, (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0))
        elif name == "rotate":
            r = math.radians(v[0])
            m = _mul(m, (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0, 0))
        elif name == "matrix":
            m = _mul(m, (v[0], v[1], v[2], v[3], v[4], v[5]))
        elif name == "scale":
            m = _mul(m, (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0))
        else:  # pragma: no cover - the renderer uses only these four
            raise AssertionError(f"unexpected transform {name}")
    return m


def _apply(m: Matrix, p: tuple[float, float]) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * p[0] + c * p[1] + e, b * p[0] + d * p[1] + f)


def rendered_segments(svg: str) -> list[tuple[str, tuple[float, float], tuple[float, float]]]:
    """Every body line as (kind, start, end) in model coordinates (cm, y up): a line drawn as
    a dash (a segment seen shortened) ends where its first dash ends."""
    root = ET.fromstring(svg)
    flip = None
    out = []

    def walk(el: ET.Element, m: Matrix, dash: float | None) -> None:
        nonlocal flip
        if el.tag == f"{SVG}g" and el.get("transform"):
            m = _mul(m, _parse_transform(el.get("transform", "")))
            if flip is None and "matrix" in el.get("transform", ""):
                flip = m
        if el.get("stroke-dasharray"):
            dash = float(el.get("stroke-dasharray", "").split()[0])
        if el.tag == f"{SVG}line":
            kind = (el.get("class") or "").split()[0]
            if kind in ("tw", "bd"):
                return
            p0 = (float(el.get("x1", 0)), float(el.get("y1", 0)))
            p1 = (float(el.get("x2", 0)), float(el.get("y2", 0)))
            if dash is not None:
                t = dash / _dist(p0, p1)
                p1 = (p0[0] + (p1[0] - p0[0]) * t, p0[1] + (p1[1] - p0[1]) * t)
            out.append((kind, _apply(m, p0), _apply(m, p1)))
        for child in el:
            walk(child, m, dash)

    walk(root, IDENTITY, None)
    assert flip is not None
    # undo the outer flip so coordinates are the model's own
    a, b, c, d, e, f = flip
    det = a * d - b * c
    inv: Matrix = (
        d / det,
        -b / det,
        -c / det,
        a / det,
        (c * f - d * e) / det,
        (b * e - a * f) / det,
    )
    return [(k, _apply(inv, p0), _apply(inv, p1)) for k, p0, p1 in out]


def _dist(p: tuple[float, float], q: tuple[float, float]) -> float:
    return math.hypot(p[0] - q[0], p[1] - q[1])


# --- every exercise has a figure ----------------------------------------------------------


def test_every_exercise_id_has_a_figure() -> None:
    missing = [i for i in EXERCISE_IDS if not figures.has_figure(i)]
    assert not missing, f"no figure for {missing}"
    assert set(ALL_IDS) == figures.FIGURE_IDS


def test_every_catalogue_exercise_has_a_figure_in_its_position() -> None:
    cat = catalogue.default()
    missing = [e for e in cat.exercises if not figures.has_figure(e)]
    assert not missing, f"catalogue exercises without a figure: {missing}"
    for ex in cat.exercises.values():
        assert figures.figure(ex.id).position == ex.position, ex.id


def test_an_unknown_id_has_no_figure() -> None:
    assert not figures.has_figure("handstand")
    with pytest.raises(KeyError):
        figures.render_svg("handstand", title="t", desc="d")
    with pytest.raises(IndexError):
        figures.render_keyframe_svg("cat-pose", 9, title="t", desc="d")


def test_movements_that_repeat_have_more_than_two_keyframes_or_an_effort_change() -> None:
    assert figures.keyframe_count("cat-pose") >= 3
    for squeeze in ("supine-pillow-squeeze", "standing-glute-squeeze"):
        efforts = {k.effort for k in figures.figure(squeeze).keyframes}
        assert len(efforts) > 1, squeeze
    pumps = figures.figure("ankle-pumps").keyframes
    assert {k.pose.angle("ankle_n") > 0 for k in pumps} == {True, False}


# --- limbs keep their length --------------------------------------------------------------


@pytest.mark.parametrize(("exercise_id", "frame"), FRAMES)
def test_rendered_limbs_have_the_models_lengths(exercise_id: str, frame: int) -> None:
    fig = figures.figure(exercise_id)
    pose = fig.keyframes[frame].pose
    drawn = rendered_segments(_svg(exercise_id, frame))
    model = body.capsules(pose)
    skel = pose.skeleton
    # each model segment is drawn exactly where forward kinematics puts it
    for name, cap in model.items():
        if skel[name].kind == "hd":
            continue
        kind = skel[name].kind
        best = min(
            (max(_dist(cap.a, p0), _dist(cap.b, p1)) for k, p0, p1 in drawn if k == kind),
            default=math.inf,
        )
        assert best < 0.3, f"{exercise_id}[{frame}] {name} is not drawn where it belongs"
    # and the drawn limbs measure the published proportions of body height: at full length,
    # or as much of it as shows when a figure posed in space turns a limb toward the viewer
    for name, cap in model.items():
        kind = skel[name].kind
        if kind in ANTHROPOMETRY:
            seen = ANTHROPOMETRY[kind] * pose.k(name)
            assert _dist(cap.a, cap.b) == pytest.approx(seen, abs=0.3), name
            assert pose.k(name) == 1.0 or fig.view == "oblique", name
    assert len(drawn) == sum(1 for s in skel.segments if s.kind != "hd")


@pytest.mark.parametrize("exercise_id", ANGLED)
def test_a_figure_posed_in_space_has_the_published_lengths_there(exercise_id: str) -> None:
    lengths = {k: v for k, v in space.LENGTHS.items() if k.split("_")[0] in ("thigh", "shin")}
    assert set(lengths.values()) == {ANTHROPOMETRY["th"], ANTHROPOMETRY["sh"]}
    assert space.LENGTHS["upperarm_n"] == ANTHROPOMETRY["ua"]
    assert space.LENGTHS["forearm_n"] == ANTHROPOMETRY["fa"]
    for key in figures.figure(exercise_id).keyframes:
        assert key.body is not None
        assert space.body_problems(key.body) == []


@pytest.mark.parametrize(("exercise_id", "frame"), FRAMES)
def test_rendered_joints_connect(exercise_id: str, frame: int) -> None:
    drawn = rendered_segments(_svg(exercise_id, frame))
    ends = {"th": "sh", "ua": "fa"}
    for upper, lower in ends.items():
        uppers = [(p0, p1) for k, p0, p1 in drawn if k == upper]
        lowers = [(p0, p1) for k, p0, p1 in drawn if k == lower]
        assert len(uppers) == len(lowers) == 2
        for _, knee in uppers:
            assert min(_dist(knee, p0) for p0, _ in lowers) < 0.3


@pytest.mark.parametrize(("exercise_id", "frame"), FRAMES)
def test_joint_angles_stay_in_human_ranges(exercise_id: str, frame: int) -> None:
    key = figures.figure(exercise_id).keyframes[frame]
    assert body.out_of_range(key.pose) == []
    if key.body is not None:  # angles in the picture say nothing: check the body in space
        assert space.body_problems(key.body) == []


# --- resting on the right things, passing through nothing ----------------------------------


@pytest.mark.parametrize(("exercise_id", "frame"), FRAMES)
def test_the_body_rests_where_its_position_says(exercise_id: str, frame: int) -> None:
    fig = figures.figure(exercise_id)
    assert checks.contact_problems(fig, frame) == []
    assert checks.required_problems(fig, frame) == []
    assert checks.on_mat_problems(fig, frame) == []


@pytest.mark.parametrize(("exercise_id", "frame"), FRAMES)
def test_nothing_passes_below_the_floor_or_through_a_prop(exercise_id: str, frame: int) -> None:
    fig = figures.figure(exercise_id)
    key = fig.keyframes[frame]
    assert checks.collision_problems(fig, key.pose, body=key.body) == []


def test_the_contact_rules_catch_a_floating_body() -> None:
    fig = figures.figure("standing-hamstring")
    lifted = [Keyframe(k.pose.moved(0.0, 6.0)) for k in fig.keyframes]
    floating = dataclasses.replace(fig, keyframes=tuple(lifted))
    assert checks.contact_problems(floating, 0)
    sunk = dataclasses.replace(
        fig, keyframes=tuple(Keyframe(k.pose.moved(0.0, -8.0)) for k in fig.keyframes)
    )
    assert checks.collision_problems(sunk, sunk.keyframes[0].pose)


def test_props_have_real_world_heights() -> None:
    from stretching.figures import props

    assert props.chair(0.0).surfaces["seat"].y == 45.0
    assert props.bed(-100.0, 0.0).surfaces["mattress"].y == 55.0
    assert props.stair(0.0).surfaces["step1"].y == 18.0
    assert props.counter(0.0, 60.0).surfaces["counter"].y == 91.0
    assert props.couch_arm(0.0).surfaces["couch arm"].y == 62.0
    assert 0 < props.mat(0.0, 180.0).surfaces["mat"].y <= 2.0


def test_figure_views_match_their_stretch() -> None:
    assert figures.figure("supine-butterfly").view == "top"
    assert figures.figure("straddle-groin").view == "front"
    assert all(figures.figure(i).view == "oblique" for i in ANGLED)
    assert all(
        figures.figure(i).view == "side"
        for i in EXERCISE_IDS
        if i not in ("supine-butterfly", "straddle-groin", *ANGLED)
    )


def test_every_figure_marks_a_target_and_most_a_working_limb() -> None:
    for i in ALL_IDS:
        fig = figures.figure(i)
        assert fig.targets, i
    no_limb = {i for i in ALL_IDS if not figures.figure(i).working}
    assert no_limb <= {"back-extension", "cat-pose", "standing-glute-squeeze", *SET_FIGURE_IDS}


def test_straps_keep_their_length() -> None:
    for i in ("towel-hamstring", "band-hamstring"):
        fig = figures.figure(i)
        (strap,) = fig.straps
        lengths = [_dist(*strap.ends(k.pose)) for k in fig.keyframes]
        assert max(lengths) - min(lengths) < 0.5, i


# --- between keyframes --------------------------------------------------------------------


def _between(exercise_id: str, t: float) -> list[body.Pose]:
    keys = figures.figure(exercise_id).keyframes
    pairs = list(zip(keys, keys[1:] + keys[:1], strict=True))
    return [body.interpolate(a.pose, b.pose, t) for a, b in pairs]


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_a_mid_animation_pose_keeps_its_limb_lengths(exercise_id: str) -> None:
    fig = figures.figure(exercise_id)
    for mid in _between(exercise_id, 0.5):
        still = dataclasses.replace(fig, keyframes=(Keyframe(mid),), stretch=0)
        drawn = rendered_segments(figures.svg.render(still, title="t", desc="d", animate=False))
        model = body.capsules(mid)
        for name, cap in model.items():
            kind = mid.skeleton[name].kind
            if kind in ANTHROPOMETRY:
                seen = ANTHROPOMETRY[kind] * mid.k(name)
                assert _dist(cap.a, cap.b) == pytest.approx(seen, abs=0.3)
                assert any(
                    k == kind and _dist(p0, cap.a) < 0.3 and _dist(p1, cap.b) < 0.3
                    for k, p0, p1 in drawn
                ), name
        assert checks.collision_problems(fig, mid, tolerance=3.0) == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ALL_IDS), st.floats(0.0, 1.0))
def test_any_in_between_pose_is_a_possible_body(exercise_id: str, t: float) -> None:
    for mid in _between(exercise_id, t):
        assert body.out_of_range(mid) == []
        placed = body.forward(mid)
        skel = mid.skeleton
        for seg in skel.segments:
            if seg.parent is not None:
                length = math.hypot(*mid.offset(seg))
                assert _dist(placed[seg.name].origin, placed[seg.parent].origin) == (
                    pytest.approx(length, abs=1e-6)
                )


# --- the SVG document ---------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_svg_is_a_small_standalone_accessible_image(exercise_id: str) -> None:
    docs = [_svg(exercise_id)] + [
        _svg(exercise_id, k) for k in range(figures.keyframe_count(exercise_id))
    ]
    for doc in docs:
        assert len(doc.encode()) < MAX_BYTES, f"{exercise_id}: {len(doc.encode())} bytes"
        root = ET.fromstring(doc)
        assert root.tag == f"{SVG}svg" and root.get("viewBox")
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text == f"Figure: {exercise_id}"
        assert desc is not None and desc.text == "How to do it & why <briefly>."
        assert len(root.findall(f".//{SVG}style")) == 1
        assert "<script" not in doc and "http://" not in doc.replace(
            'xmlns="http://www.w3.org/2000/svg"', ""
        )
        assert not re.search(r'href="(?!#)', doc)


def _movers(root: ET.Element) -> set[str]:
    """Classes of the groups that may travel: the body's root and the straps."""
    flip = next(g for g in root.iter(f"{SVG}g") if "matrix" in g.get("transform", ""))
    out = {g.get("class", "") for g in flip if g.tag == f"{SVG}g"}
    for g in root.iter(f"{SVG}g"):
        if any((line.get("class") or "") in ("tw", "bd") for line in g.iter(f"{SVG}line")):
            out.add(g.get("class", ""))
    return out - {""}


def test_the_animation_turns_joints_and_stops_for_reduced_motion() -> None:
    for i in ALL_IDS:
        root = ET.fromstring(_svg(i))
        css = root.find(f"{SVG}style")
        assert css is not None and css.text
        text = css.text
        assert "@keyframes" in text and "ease-in-out" in text and "infinite" in text, i
        assert "@media (prefers-reduced-motion:reduce){*{animation:none!important}}" in text
        movers = _movers(root)
        classes = dict(re.findall(r"\.(a\d+)\{animation-name:(k\w+)\}", text))
        blocks = dict(re.findall(r"@keyframes (\w+)\{((?:[^{}]*\{[^{}]*\})*)\}", text))
        assert classes, i
        for cls, name in classes.items():
            block = blocks[name]
            if "opacity" in block or "stroke-dasharray" in block or "scale(" in block:
                continue  # effort shading, and segments seen shortening as they turn
            assert "rotate(" in block, (i, cls)
            # a limb only turns about its joint: its offset from the parent never changes
            # (in a figure seen at an angle the joints move in the picture as the body turns)
            if cls not in movers and figures.figure(i).view != "oblique":
                assert len(set(re.findall(r"translate\([^)]*\)", block))) <= 1, (i, cls)


def test_animated_svg_shows_the_stretch_pose_when_still() -> None:
    for i in ALL_IDS:
        fig = figures.figure(i)
        still = sorted(rendered_segments(_svg(i)))
        stretch = sorted(rendered_segments(_svg(i, fig.stretch)))
        assert len(still) == len(stretch)
        for (k0, a0, b0), (k1, a1, b1) in zip(still, stretch, strict=True):
            assert k0 == k1 and _dist(a0, a1) < 0.2 and _dist(b0, b1) < 0.2


def test_a_still_figure_has_no_animation() -> None:
    doc = figures.render_svg("cat-pose", title="t", desc="d", animate=False)
    assert "@keyframes" not in doc


def test_titles_come_from_the_exercise() -> None:
    ex = catalogue.default().exercise("cat-pose")
    doc = figures.render_exercise_svg(ex)
    root = ET.fromstring(doc)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == ex.name
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text and ex.summary in desc.text


# --- what each drawing must show (so it can be followed with the drawing alone) -----------


@pytest.mark.parametrize("figure_id", sorted(intent.INTENT))
def test_each_drawing_shows_what_its_page_asks_for(figure_id: str) -> None:
    assert intent.problems(figures.figure(figure_id)) == []


def _with(figure_id: str, **changes: object) -> Figure:
    return dataclasses.replace(figures.figure(figure_id), **changes)  # type: ignore[arg-type]


def test_a_crossing_drawn_in_a_side_view_is_caught() -> None:
    # as the old drawings had it: the ankle at the knee, but both hips on one point
    side_view = _with("knees-to-chest", id="supine-piriformis")
    assert "no crossing can be seen" in " ".join(intent.ankle_on_knee(side_view))
    # and a body in space whose ankle is not on the other knee
    apart = _with("supine-piriformis", keyframes=figures.figure("supine-pillow-squeeze").keyframes)
    assert "no ankle is seen resting across the other knee" in " ".join(intent.ankle_on_knee(apart))


def test_a_foot_on_the_bed_with_the_knee_in_the_air_is_caught() -> None:
    fig = figures.figure("bedside-knee-twist")
    raised = [dataclasses.replace(k, body=_lifted(k.body, 12.0)) for k in fig.keyframes]
    assert intent.knee_on_bed(dataclasses.replace(fig, keyframes=tuple(raised)))
    assert intent.knee_on_bed(_with("bedside-seated-hamstring", id="bedside-knee-twist"))


def _lifted(body: space.Body | None, dy: float) -> space.Body:
    assert body is not None
    joints = {
        k: (space.add(a, (0, dy, 0)), space.add(b, (0, dy, 0))) for k, (a, b) in body.joints.items()
    }
    return space.Body(joints, body.face)


def test_a_twist_that_does_not_turn_or_cannot_be_seen_is_caught() -> None:
    fig = figures.figure("bedside-knee-twist")
    still = dataclasses.replace(fig, keyframes=(fig.keyframes[0], fig.keyframes[0]))
    assert intent.trunk_turns(still)
    side = _with("bedside-seated-hamstring")
    assert "cannot be seen" in " ".join(intent.trunk_turns(side))


def test_a_rear_foot_pointing_back_or_a_lunge_that_does_not_move_is_caught() -> None:
    fig = figures.figure("hip-flexor-chair-lunge")
    backward = [Keyframe(aim(k.pose, "foot_n", 180.0), k.hold) for k in fig.keyframes]
    assert intent.toes_forward(dataclasses.replace(fig, keyframes=tuple(backward)))
    standing_still = dataclasses.replace(fig, keyframes=(fig.keyframes[0], fig.keyframes[0]))
    assert any("hips move only" in p for p in intent.lunge(standing_still))
    behind = props.chair(-50.0, facing=-1, name="side chair", beside=True)
    chair_behind = dataclasses.replace(fig, props=(behind, *fig.props[1:]))
    assert any("not beside the hips" in p for p in intent.lunge(chair_behind))


def test_arms_along_the_body_or_a_squeeze_pressing_up_and_down_is_caught() -> None:
    fig = figures.figure("supine-pillow-squeeze")
    arms_down = dataclasses.replace(fig, keyframes=figures.figure("supine-piriformis").keyframes)
    assert any("not out to the side" in p for p in intent.arms_out(arms_down))
    knee = body.capsules(fig.keyframes[1].pose)["thigh_n"].b
    up_and_down = dataclasses.replace(fig, arrows=(Arrow.squeeze(knee, (0.0, 30.0)),))
    assert intent.squeeze_arrows(up_and_down)
    no_pillow = tuple(p for p in fig.props if p.name != "knee pillow")
    assert intent.pillow_between_knees(dataclasses.replace(fig, props=no_pillow))
    old_style = _with("supine-leg-on-chair-rest", id="supine-pillow-squeeze")
    assert intent.arms_out(old_style) and intent.squeeze_arrows(old_style)


def test_hands_resting_on_the_knees_are_caught() -> None:
    fig = figures.figure("supine-butterfly")
    pressing = []
    for k in fig.keyframes:
        pose = k.pose
        for side in ("l", "r"):
            pose = reach(pose, f"upperarm_{side}", body.capsules(pose)[f"thigh_{side}"].b)
        pressing.append(Keyframe(pose, k.hold))
    assert intent.hands_off_knees(dataclasses.replace(fig, keyframes=tuple(pressing)))


def test_feet_pointing_straight_ahead_are_not_toes_out() -> None:
    straight = _with("standing-glute-squeeze", id="standing-glute-squeeze--toes-out")
    assert intent.toes_out(straight)


def test_the_glute_squeeze_second_set_has_its_own_drawing() -> None:
    ex = catalogue.default().exercise("standing-glute-squeeze")
    assert ex.dose.variants[1] == "toes turned out"
    assert figures.figure_for(ex.id, 1) == figures.figure_for(ex.id) == ex.id
    toes_out = figures.figure_for(ex.id, 2)
    assert toes_out == "standing-glute-squeeze--toes-out" and figures.has_figure(toes_out)
    assert figures.exercise_of(toes_out) == ex.id and figures.set_of(toes_out) == 2
    assert figures.figure(toes_out).position == ex.position
    title, desc = figures.alt_text(ex, toes_out)
    assert title == f"{ex.name}: toes turned out" and desc.startswith("Set 2, toes turned out.")
    assert figures.figure_for("cat-pose", 2) == "cat-pose"
