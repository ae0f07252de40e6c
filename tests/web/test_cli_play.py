"""`sciatica play` end to end: a real process in a terminal, keys sent to it, the saved session
read back from the test database."""

import contextlib
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from coach.practice.models import PracticeSession

from .factories import make_user

SCIATICA = Path(sys.executable).parent / "sciatica"


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Terminal:
    def __init__(self, *args: str):
        env = os.environ | {"DATABASE_URL": _database_url(), "TERM": "xterm"}
        self.master, slave = pty.openpty()
        # `setsid --ctty` gives the command this terminal as its own controlling tty, so
        # Ctrl-C arrives as SIGINT, without forking this (threaded) test process by hand.
        self.proc = subprocess.Popen(
            ["setsid", "--ctty", str(SCIATICA), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
        )
        os.close(slave)
        self.output = ""

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):
                self.output += os.read(self.master, 65536).decode(errors="replace")

    def expect(self, text: str, timeout: float = 20, times: int = 1) -> None:
        deadline = time.monotonic() + timeout
        while self.output.count(text) < times:
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {text!r}; output ends:\n{self.output[-1500:]}")
            self._read(0.05)

    def send(self, key: str) -> None:
        os.write(self.master, key.encode())

    def wait(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._read(0.05)
            if self.proc.poll() is not None:
                self._read(0.1)
                return self.proc.returncode
        self.proc.kill()
        raise AssertionError(f"still running; output ends:\n{self.output[-1500:]}")


@pytest.mark.django_db(transaction=True)
def test_play_with_pause_skip_and_hurt_saves_what_happened():
    make_user("alice@example.org")  # consent given, safety questions answered just now
    term = Terminal("play", "relief-sequence", "--email", "alice@example.org", "--speed", "25")
    term.expect("First: Glute squeeze")
    term.expect("Feet straight")
    term.send(" ")
    term.expect("paused")
    time.sleep(0.6)  # 15 s of routine time at this speed: must not count while paused
    term.send(" ")
    term.expect("resumed")
    term.send("n")  # skip the rest of the first set
    term.expect("Next: Pillow squeeze")
    term.expect("Next: Bedside twist")
    term.expect("Hold, left leg stretched")
    term.send("h")
    term.expect("noted that it hurt")
    term.expect("Next: Lying butterfly")
    assert term.wait() == 0
    assert "Finished: 3 done, 1 skipped, 1 hurt" in term.output
    session = PracticeSession.objects.get()
    assert session.source == "cli" and session.completed
    outcomes = {o.exercise_id: o for o in session.outcomes.all()}
    assert outcomes["standing-glute-squeeze"].outcome == "skipped"
    assert outcomes["bedside-knee-twist"].outcome == "hurt"
    assert outcomes["bedside-knee-twist"].side == "left"
    assert outcomes["bedside-knee-twist"].held_seconds < 30
    assert outcomes["supine-butterfly"].outcome == "done"
    butterfly = outcomes["supine-butterfly"]
    assert butterfly.held_seconds == butterfly.planned_seconds == 15  # a new plan starts at 15 s


@pytest.mark.django_db(transaction=True)
def test_going_back_replays_a_step():
    term = Terminal("play", "hip-flexor", "--speed", "10")
    term.expect("Hold, left leg stretched. 1 of 3")
    term.send("b")  # early in a step: back to the step before it (getting ready)
    term.expect("First: Hip flexor lunge", times=2, timeout=5)
    term.expect("Hold, left leg stretched. 1 of 3", times=2, timeout=5)
    term.send("q")
    assert term.wait() == 0


@pytest.mark.django_db(transaction=True)
def test_ctrl_c_keeps_what_was_done():
    make_user("alice@example.org")
    term = Terminal("play", "hamstring-trio", "--email", "alice@example.org", "--speed", "20")
    term.expect("Next: ")
    term.send("\x03")
    assert term.wait() == 0
    assert "Stopped early" in term.output and "Saved as session" in term.output
    session = PracticeSession.objects.get()
    assert not session.completed
    done = [o for o in session.outcomes.all() if o.outcome == "done"]
    assert [o.exercise_id for o in done] == ["supine-hamstring-straight-leg"]


@pytest.mark.django_db(transaction=True)
def test_play_without_an_email_says_first_that_nothing_is_saved_and_saves_nothing():
    term = Terminal("play", "hip-flexor", "--speed", "60")
    term.expect("Not saved to anyone")
    term.send("q")
    assert term.wait() == 0
    before_start = term.output.index("Hip flexor")
    assert term.output.index("Not saved to anyone") < before_start
    assert PracticeSession.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_thigh_test_in_the_terminal_ends_a_side_as_the_browser_does():
    make_user("alice@example.org")
    term = Terminal("play", "resting-add-on", "--email", "alice@example.org", "--speed", "30")
    term.expect("[t] thigh test")
    term.expect("Left leg straight")
    term.expect("Thigh check")  # asked by itself three minutes in (6 s at this speed)
    term.send("k")
    term.expect("Keep resting")
    term.send("t")  # ask now
    term.expect("Thigh check", times=2)
    term.send("t")  # top of the thigh: the left side is done
    term.expect("this side is done")
    term.expect("Right leg straight")
    term.send("t")
    term.expect("Thigh check", times=3)
    term.send("t")
    assert term.wait() == 0
    assert "Finished: 1 done, 0 skipped, 0 hurt" in term.output
    session = PracticeSession.objects.get()
    assert [(c["side"], c["answer"]) for c in session.checks] == [
        ("left", "knee"),
        ("left", "top"),
        ("right", "top"),
    ]
    assert session.outcomes.get().outcome == "done"
    assert session.practised_seconds < 600  # the time spent, not the 10:20 on the schedule


@pytest.mark.django_db(transaction=True)
def test_this_hurts_between_the_sides_of_the_last_stretch_says_stopped():
    term = Terminal("play", "morning-hamstring", "--speed", "20")
    term.expect("Sit up; other leg out")  # resting between the sides
    term.send("h")
    term.expect("-- stopped Seated hamstring stretch on the bed edge: noted that it hurt.")
    assert term.wait() == 0
    assert "Stopped: 0 done, 0 skipped, 1 hurt" in term.output
    assert "Finished" not in term.output and "routine done" not in term.output
