"""The routine's own rules, followed visibly: today's plan from a person's history.

`plan()` replays the history (sessions with what happened in each stretch, check-ins, the
person's overrides) in time order and answers what today looks like: which stretches are paused
and until when, what dose each one is at, what is still due, whether the plan is in relief or
warm-up mode, and one plain sentence for every change it makes. Pure: no clock, no database.

One module per concern, each with the decisions it makes where the issue leaves room (all
numbers live in `RuleSettings`):

- `pauses`: skip what hurt, bring it back gently.
- `doses`: holds build up after green sessions; what "green" means.
- `limits`: how often each routine is asked for today, and the daily limit.
- `mode`: graduation to the daily warm-up, and relapse back to relief.
- `signs`: spreading that lasts, and new signs that bring back the safety questions.
- `replay`: the history, event by event, into a `State`, and the state into a `Plan`.
- `words`: the sentences, in English and Spanish (`plan(..., lang="es")`, or
  `in_language(plan, "es")` for a plan already made); `presenter`: the plan in the words every
  door shows (`present(plan, catalogue, lang="es")`).
- `history`: what the rules read, and the person's two overrides: "resume" brings a paused
  stretch (or one that stays off) back at once at the reduced dose; "reset-dose" sets a
  stretch back to the page's full dose.
"""

from .history import (
    OVERRIDES,
    RESET_DOSE,
    RESUME,
    Event,
    ExerciseOutcome,
    Outcome,
    Override,
    OverrideAction,
    OverrideChoice,
    SessionRecord,
)
from .limits import DueItem, sessions_today
from .replay import apply, events, in_language, plan, plan_from_state
from .settings import DEFAULT_SETTINGS, RuleSettings
from .state import Mode, State, Status, StretchState, initial_state
from .today import DoseItem, Explanation, Flags, PausedItem, Plan
from .words import dose_text

__all__ = [
    "DEFAULT_SETTINGS",
    "OVERRIDES",
    "RESET_DOSE",
    "RESUME",
    "DoseItem",
    "DueItem",
    "Event",
    "ExerciseOutcome",
    "Explanation",
    "Flags",
    "Mode",
    "Outcome",
    "Override",
    "OverrideAction",
    "OverrideChoice",
    "PausedItem",
    "Plan",
    "RuleSettings",
    "SessionRecord",
    "State",
    "Status",
    "StretchState",
    "apply",
    "dose_text",
    "events",
    "in_language",
    "initial_state",
    "plan",
    "plan_from_state",
    "sessions_today",
]
