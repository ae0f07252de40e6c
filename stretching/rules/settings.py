"""Every number the rules use, named once, with where it comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleSettings:
    """Every number the rules use, with where it comes from. [design] marks the project's own
    reasoned defaults (clinical brief: keep them named and editable, in one place)."""

    pause_hours: int = 72
    """A stretch that hurt rests at least this long: issue 6; brief section 4 says 48-72 h."""
    clean_sessions_to_return: int = 2
    """...and until this many sessions in a row pass with nothing hurting: brief section 4
    ("back to baseline for 2 sessions"), issue 6."""
    reduced_hold_factor: float = 0.5
    """[design] A returning stretch holds this share of its earlier hold (brief section 4:
    "offer it again at a lower dose, shorter hold")."""
    reduced_repetitions_less: int = 1
    """[design] ...with this many fewer repetitions, never below one (brief: "fewer reps")."""
    provoking_returns_to_stop: int = 2
    """After this many returns that provoke symptoms the stretch stays off and the person is
    pointed to a clinician: brief section 4 ("after 2 provoking attempts keep it off")."""
    start_hold_seconds: int = 15
    """Holds start here, or at the page's hold if shorter: issue 6; brief section 4 ("while
    irritable 2 x 15-20 s"); page 003 says holds of 10 up to 30 s."""
    hold_step_seconds: int = 5
    """[design] One build-up step of a hold (issue 6)."""
    min_hold_seconds: int = 5
    """[design] A reduced hold never drops below this (same floor as the timeline's)."""
    green_sessions_to_progress: int = 2
    """Green sessions in a row before one step up: brief section 4 ("after 2-3 green
    sessions"), issue 6."""
    max_relief_per_day: int = 10
    """The relief sequence at most this often a day: page 004 ("up to 10 times a day")."""
    graduation_hours: int = 24
    """Pain gone this long before the daily warm-up takes over: page 004 ("a full 24 hours")."""
    relapse_pain: int = 2
    """Leg or back pain at or above this brings the relief sequence back: issue 6; about the
    meaningful change of 2 points (brief section 2)."""
    both_legs_extent: int = 2
    """[design] Symptoms reaching at least this level (2 buttock or hip) on both sides count as
    'in both legs', which brings back the Tier A questions (brief sections 1 and 3)."""


DEFAULT_SETTINGS = RuleSettings()
