"""The replay of a person's history into today's plan.

`plan()` takes the history (sessions with what happened in each stretch, check-ins, the
person's overrides) in time order, one event at a time: `apply(state, event)` is the state
after that event, starting from `initial_state`. `plan_from_state(state, now)` then answers
what today looks like. Pure: no clock, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo

from ..catalogue import Catalogue
from ..symptoms import TREND_DAYS, CheckIn, trend
from ..timeline import Adjustments, ExerciseAdjustment
from . import doses, mode, pauses, signs
from .history import Event, Override, SessionRecord
from .limits import due_items
from .settings import DEFAULT_SETTINGS, RuleSettings
from .state import PendingSession, State, at_page_dose, initial_state
from .today import DoseItem, Explanation, Flags, PausedItem, Plan
from .words import Days, for_language, overridden


def apply(
    state: State, event: Event, catalogue: Catalogue, settings: RuleSettings = DEFAULT_SETTINGS
) -> State:
    """The state after one more event (events come in the order of `events`)."""
    if isinstance(event, SessionRecord):
        return _after_session(state, event, catalogue, settings)
    if isinstance(event, CheckIn):
        return _after_checkin(state, event, catalogue, settings)
    return _after_override(state, event, catalogue, settings)


def _after_session(
    state: State, s: SessionRecord, catalogue: Catalogue, settings: RuleSettings
) -> State:
    state = pauses.release(state, s.started_at, catalogue, settings)
    state = pauses.after_session(state, s, catalogue, settings)
    state = signs.watch_session(state, s)
    if s.completed or s.provoking:
        judged_later = PendingSession(s, state.last_checkin(s.started_at))
        state = replace(state, pending=(*state.pending, judged_later))
    return state


def _after_checkin(state: State, c: CheckIn, catalogue: Catalogue, settings: RuleSettings) -> State:
    state = pauses.release(state, c.at, catalogue, settings)
    state = doses.judge_pending(state, c, catalogue, settings)
    state = mode.follow_mode(state, c, settings)
    state = signs.follow_spread(state, c)
    return replace(state, checkins=_still_asked_about((*state.checkins, c)))


def _still_asked_about(checkins: tuple[CheckIn, ...]) -> tuple[CheckIn, ...]:
    """The check-ins (in time order) that any later plan can still read, so a kept state stays
    small: the last two (new signs compare them), those within `TREND_DAYS` of the newest (the
    trend), and the latest before those (a session starting in the trend window looks up the
    check-in before it). Exact for every session shorter than `TREND_DAYS`."""
    if len(checkins) <= 2:
        return checkins
    since = checkins[-1].at - timedelta(days=TREND_DAYS)
    first_recent = next(i for i, c in enumerate(checkins) if c.at >= since)
    keep_from = max(0, min(first_recent - 1, len(checkins) - 2))
    return checkins[keep_from:] if keep_from else checkins


def _after_override(
    state: State, o: Override, catalogue: Catalogue, settings: RuleSettings
) -> State:
    state = pauses.release(state, o.at, catalogue, settings)
    if o.exercise_id not in state.stretches:
        return state
    if o.action == "resume":
        return pauses.resume(state, o.exercise_id, o.at, catalogue, settings)
    return doses.reset_dose(state, o.exercise_id, o.at, catalogue)


def events(
    sessions: Iterable[SessionRecord],
    checkins: Iterable[CheckIn],
    overrides: Iterable[Override],
    now: datetime,
) -> list[Event]:
    """Everything up to `now` in the order the replay takes it: a session when it ended; at
    the same moment sessions first, then check-ins, then overrides."""
    timed: list[tuple[datetime, int, Event]] = []
    timed += [(s.end, 0, s) for s in sessions if s.started_at <= now and s.end <= now]
    timed += [(c.at, 1, c) for c in sorted((c for c in checkins if c.at <= now), key=_at)]
    timed += [(o.at, 2, o) for o in overrides if o.at <= now]
    timed.sort(key=lambda e: (e[0], e[1]))
    return [event for _, _, event in timed]


def _at(c: CheckIn) -> datetime:
    return c.at


def plan(
    catalogue: Catalogue,
    sessions: Iterable[SessionRecord],
    checkins: Iterable[CheckIn],
    now: datetime,
    overrides: Iterable[Override] = (),
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    tz: tzinfo | None = None,
    lang: str = "en",
) -> Plan:
    """Today's plan from the whole history up to `now` (later records are ignored), its
    sentences in `lang` ('en', 'es')."""
    sessions = [s for s in sessions if s.started_at <= now]
    state = initial_state(catalogue, settings)
    for event in events(sessions, checkins, overrides, now):
        state = apply(state, event, catalogue, settings)
    return plan_from_state(state, now, catalogue, sessions, settings, tz=tz, lang=lang)


def plan_from_state(
    state: State,
    now: datetime,
    catalogue: Catalogue,
    sessions: Iterable[SessionRecord],
    settings: RuleSettings = DEFAULT_SETTINGS,
    *,
    tz: tzinfo | None = None,
    lang: str = "en",
) -> Plan:
    """Today's plan once every event up to `now` is applied, its sentences in `lang`. The daily
    counts are not part of the state: they are counted from `sessions` (those started on now's
    day, up to now)."""
    state = pauses.release(state, now, catalogue, settings)
    words = for_language(lang)
    days = Days(now, tz, words)
    tier_a = signs.tier_a_explanation(state.checkins, settings, days)
    plan_wide = [
        tier_a,
        mode.mode_explanation(state, catalogue, settings, days),
        signs.shortened_explanation(state, days),
    ]
    paused, dosed, per_stretch = _stretches_today(state, catalogue, settings, now, days)
    return Plan(
        now=now,
        mode=state.mode,
        adjustments=_adjustments(catalogue, paused, dosed, shortened=state.shortened is not None),
        paused=paused,
        doses=dosed,
        due=due_items(catalogue, sessions, now, tz, state.mode, settings, words.lang),
        flags=Flags(
            tier_a_recheck_needed=tier_a is not None, shortened=state.shortened is not None
        ),
        explanations=(*(e for e in plan_wide if e is not None), *per_stretch),
        trend=trend(state.checkins, now.astimezone(days.tz), words=words),
        routine_names={rid: words.routine_title(rt) for rid, rt in catalogue.routines.items()},
        routine_exercises={rid: rt.exercise_ids for rid, rt in catalogue.routines.items()},
        tz=tz,
        settings=settings,
        lang=words.lang,
        state=state,
        catalogue=catalogue,
    )


def in_language(plan: Plan, lang: str) -> Plan:
    """The same plan with every sentence in `lang`: a plan worked out (or kept) in one language
    is said again in the language of whoever is shown it. A plan made without its state (by
    hand, in a test) stays as it is."""
    words = for_language(lang)
    if words.lang == plan.lang or plan.state is None or plan.catalogue is None:
        return plan
    again = plan_from_state(
        plan.state, plan.now, plan.catalogue, (), plan.settings, tz=plan.tz, lang=words.lang
    )
    return replace(again, due=tuple(replace(d, lang=words.lang) for d in plan.due))


def _stretches_today(
    state: State, catalogue: Catalogue, settings: RuleSettings, now: datetime, days: Days
) -> tuple[tuple[PausedItem, ...], tuple[DoseItem, ...], list[Explanation]]:
    """The stretches left out, those below the page's dose, and the sentence for each (or for
    an override today that brought one back to the page's dose)."""
    paused: list[PausedItem] = []
    dosed: list[DoseItem] = []
    notes: list[Explanation] = []
    for eid, st in state.stretches.items():
        ex = catalogue.exercise(eid)
        if st.status != "active":
            item = pauses.paused_item(st, ex, settings, now, days)
            paused.append(item)
            rule = "stays-off" if st.status == "off" else "pause"
            notes.append(Explanation(rule, eid, item.reason))
        elif not at_page_dose(st, ex):
            dose = doses.dose_item(st, ex, settings, days)
            dosed.append(dose)
            notes.append(Explanation(dose.rule, eid, dose.reason))
        elif (
            st.last_change
            and st.last_change.kind in ("resume", "reset")
            and days.local(st.last_change.at) == days.today
        ):
            notes.append(Explanation("override", eid, overridden(st, ex, days)))
    return tuple(paused), tuple(dosed), notes


def _adjustments(
    catalogue: Catalogue,
    paused: tuple[PausedItem, ...],
    dosed: tuple[DoseItem, ...],
    *,
    shortened: bool,
) -> Mapping[str, Adjustments]:
    """What each routine compiles with: the stretches left out and the doses below the page's."""
    off = {p.exercise_id for p in paused}
    adjustments: dict[str, Adjustments] = {}
    for routine in catalogue.routines.values():
        skip = {eid for eid in routine.exercise_ids if eid in off}
        if shortened:
            skip |= {eid for eid in routine.exercise_ids if not catalogue.exercise(eid).gentle}
        per: dict[str, ExerciseAdjustment] = {}
        for d in dosed:
            if d.exercise_id in routine.exercise_ids:
                per[d.exercise_id] = ExerciseAdjustment(
                    hold_seconds=d.hold_seconds if d.hold_seconds != d.page_hold_seconds else None,
                    repetitions=d.repetitions if d.repetitions != d.page_repetitions else None,
                    note=d.reason,
                )
        adjustments[routine.id] = Adjustments(skip=frozenset(skip), per_exercise=per)
    return adjustments
