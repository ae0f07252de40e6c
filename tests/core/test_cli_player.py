"""The terminal player says what happened: which leg is stretched, stretches by name, "stopped"
when a stretch that hurt ended the session, and a status line that fits the terminal."""

import io

import pytest

from stretching import catalogue
from stretching.cli.player import TerminalPlayer, fit
from stretching.timeline import compile_timeline

CAT = catalogue.default()


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def player(routine):
    clock, out = Clock(), io.StringIO()
    return TerminalPlayer(compile_timeline(CAT, routine), out, io.StringIO(), clock=clock), clock


def test_this_hurts_between_sides_of_the_last_stretch_says_stopped_never_done():
    p, clock = player("morning-hamstring")
    switch = next(s for s in p.timeline.steps if s.kind == "switch")
    clock.t += switch.start + 2  # resting between the sides
    p.run.update(p.now())
    p.handle("h")
    p.run.update(p.now())
    p.draw()  # the closing step
    clock.t += 60
    result = p.run.result(p.now())
    text = p.out.getvalue()
    assert (
        "-- stopped Seated hamstring stretch on the bed edge: noted that it hurt. "
        "That was the last one." in text
    )
    assert "bedside-seated-hamstring" not in text  # names, not ids
    assert p.finish_line(result).startswith("Stopped: 0 done, 0 skipped, 1 hurt")
    assert "done." not in text.lower() and "finished" not in text.lower()


def test_a_stretch_that_hurt_before_others_is_named_and_the_routine_goes_on():
    p, clock = player("relief-sequence")
    twist = next(s for s in p.timeline.steps if s.exercise_id == "bedside-knee-twist")
    clock.t += twist.start + 40
    p.run.update(p.now())
    p.handle("s")
    assert "-- stopped Seated knee twist on the bed: noted that symptoms spread down the leg. " in (
        p.out.getvalue()
    )
    assert "Moving on." in p.out.getvalue()
    clock.t += 2000
    p.run.update(p.now())
    assert p.finish_line(p.run.result(p.now())).startswith("Finished: 4 done, 1 skipped, 0 hurt")


def test_the_hold_says_which_leg_is_stretched():
    p, clock = player("hip-flexor")
    clock.t += p.timeline.steps[1].start + 3
    p.run.update(p.now())
    p.draw()
    assert ">> Hold, left leg stretched. 1 of 3." in p.out.getvalue()
    assert p.status(p.now())[0].startswith("Hold 20 s, left leg stretched 17s")


def test_im_in_position_starts_the_next_step():
    p, clock = player("relief-sequence")
    clock.t += 3
    p.handle("r")
    assert p.run.step.kind == "reps"


@pytest.mark.parametrize("width", [20, 32, 45, 60, 79, 120])
def test_the_status_line_fits_the_terminal_and_never_cuts_a_word(width):
    p, clock = player("relief-sequence")
    clock.t += p.timeline.steps[1].start + 3
    p.run.update(p.now())
    parts = p.status(p.now())
    line = fit(parts, width)
    assert len(line) <= width
    words = set(" ".join(parts).split())
    assert all(w in words for w in line.removesuffix("…").split())  # whole words only
    if width >= 120:
        assert line == "  ".join(parts)  # room for everything: nothing left out


def test_a_resting_side_shows_the_time_to_the_next_thigh_check():
    p, clock = player("resting-add-on")
    clock.t += p.timeline.steps[1].start + 400
    p.run.update(p.now())
    assert p.status(p.now())[0].startswith("Rest, left leg straight 2:20 to check")
