"""A person's plan state, kept up to date instead of replayed on every page.

The rules (stretching.rules) turn a history into a `State` one event at a time; the state after
a person's last event is kept in their `PlanState` row, with when that event happened and the
latest run of days with a session (the Today page's streak). Every write that changes the
history brings it up to date in the same transaction, holding the row's lock:

- a new event later than the last one applied is applied to the kept state (one step);
- anything else (an event older than the last applied one, such as a result uploaded late
  from a phone that was offline; a deleted check-in; sessions claimed from a guest; a state
  kept in another format) rebuilds the state from the whole history.

`rebuild_people` does the same for many people at once, without holding their rows while it
works (`manage.py rebuild_plans`). Pages only read (coach/diary/plans.py).

The kept state holds no sentences, only what happened: the plan read from it writes its
sentences in the language of whoever reads it (`plans.today_reading(..., lang)`), so one kept
state serves an English and a Spanish page alike.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from coach.practice.models import PlanOverride, PracticeSession
from stretching import catalogue, rules
from stretching.rules.codec import STATE_FORMAT, state_from_json, state_to_json

from . import selectors
from .models import CheckIn, PlanState

END_OF_TIME = datetime.max.replace(tzinfo=UTC)

Run = tuple[date | None, date | None]
"""The latest run of days in a row with a finished session: its first and last day."""
NO_RUN: Run = (None, None)


@dataclass(frozen=True)
class Kept:
    """A person's kept state, as of their last event."""

    state: rules.State
    last_event_at: datetime | None
    run: Run


@dataclass(frozen=True)
class Built:
    """A state rebuilt from a whole history, ready to keep."""

    state: rules.State
    last_event_at: datetime | None
    run: Run


def kept(user_id: int) -> Kept | None:
    """The person's kept state, or None when there is none (or it is of another format)."""
    row = PlanState.objects.filter(user_id=user_id).first()
    state = _state_of(row) if row is not None else None
    if row is None or state is None:
        return None
    return Kept(state, row.last_event_at, (row.streak_first, row.streak_last))


def when(event: rules.Event) -> datetime:
    """When an event happened, as the replay orders it (a session when it ended)."""
    return event.end if isinstance(event, rules.SessionRecord) else event.at


def latest_run(days: Iterable[date]) -> Run:
    """The latest run of consecutive days among `days`."""
    ordered = sorted(set(days), reverse=True)
    if not ordered:
        return NO_RUN
    first = ordered[0]
    for day in ordered[1:]:
        if day != first - timedelta(days=1):
            break
        first = day
    return first, ordered[0]


def run_after(run: Run, day: date) -> Run | None:
    """The run once a session on `day` is added; None when it cannot tell without the whole
    history (a day before the run began)."""
    first, last = run
    if first is None or last is None:
        return day, day
    if first <= day <= last:
        return run
    if day == last + timedelta(days=1):
        return first, day
    if day > last:
        return day, day
    return None


def build(history: selectors.History) -> Built:
    """The state after every event in the history, from the start."""
    cat = catalogue.default()
    state = rules.initial_state(cat, rules.DEFAULT_SETTINGS)
    history_events = rules.events(
        history.sessions, history.checkins, history.overrides, END_OF_TIME
    )
    for event in history_events:
        state = rules.apply(state, event, cat)
    last = when(history_events[-1]) if history_events else None
    return Built(state, last, latest_run(selectors.practice_days(history.sessions)))


# --- writes: each called inside the transaction that changed the history --------------------


def session_added(sender, *, session: PracticeSession, **kwargs) -> None:
    """Receives practice's session_saved (sent inside the session's transaction)."""
    if session.user_id is None:
        return
    found = selectors.session_records([session.user_id], id=session.pk)[session.user_id]
    if found:  # read as the history reads it: a session it leaves out changes nothing
        record = found[0]
        day = timezone.localdate(record.started_at) if record.completed else None
        _advance(session.user_id, record, day)


def override_added(sender, *, override: PlanOverride, **kwargs) -> None:
    """Receives practice's plan_overridden (sent inside the override's transaction)."""
    event = rules.Override(override.at, override.exercise_id, override.action)  # type: ignore[arg-type]
    _advance(override.user_id, event, None)


def checkin_added(checkin: CheckIn) -> None:
    found = selectors.checkin_records([checkin.user_id], id=checkin.pk)[checkin.user_id]
    if found:
        _advance(checkin.user_id, found[0], None)


def history_changed(user_id: int) -> None:
    """Something other than a new event changed the history (a deleted check-in, sessions
    claimed from a guest): rebuild the person's state."""
    with transaction.atomic():
        _rebuild_locked(_locked(user_id))


def sessions_claimed(sender, *, user, **kwargs) -> None:
    """Receives practice's sessions_claimed: the guest's sessions join the history."""
    history_changed(user.pk)


def _advance(user_id: int, event: rules.Event, day: date | None) -> None:
    """Apply one new event to the kept state, or rebuild when it is not the newest."""
    at = when(event)
    with transaction.atomic():
        row = _locked(user_id)
        state = _state_of(row)
        run = run_after((row.streak_first, row.streak_last), day) if day else row_run(row)
        in_order = row.last_event_at is None or at > row.last_event_at
        if state is None or run is None or not in_order:
            _rebuild_locked(row)
            return
        state = rules.apply(state, event, catalogue.default())
        _fill(row, Built(state, at, run))
        row.save()


def row_run(row: PlanState) -> Run:
    return row.streak_first, row.streak_last


def _state_of(row: PlanState) -> rules.State | None:
    """The row's state; None when it was kept in another format or for another catalogue."""
    state = state_from_json(row.data) if row.format == STATE_FORMAT else None
    exercises = catalogue.default().exercises
    if state is None or state.stretches.keys() != exercises.keys():
        return None
    # In the catalogue's order, as the replay keeps them (PostgreSQL's jsonb sorts the keys).
    return replace(state, stretches={eid: state.stretches[eid] for eid in exercises})


def _fill(row: PlanState, built: Built) -> None:
    row.data = state_to_json(built.state)
    row.format = STATE_FORMAT
    row.last_event_at = built.last_event_at
    row.streak_first, row.streak_last = built.run
    row.revision += 1
    row.updated_at = timezone.now()


def _locked(user_id: int) -> PlanState:
    """The person's row, locked until the transaction ends; made (empty) for a first event."""
    row = PlanState.objects.select_for_update().filter(user_id=user_id).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            PlanState.objects.create(user_id=user_id)
    except IntegrityError:
        pass  # another first event made it at the same moment: wait for its lock below
    return PlanState.objects.select_for_update().get(user_id=user_id)


def _rebuild_locked(row: PlanState) -> None:
    history = selectors.histories([row.user_id])[row.user_id]
    _fill(row, build(history))
    row.save()


# --- rebuilding many people: manage.py rebuild_plans ----------------------------------------

SAVED_FIELDS = ["data", "format", "last_event_at", "streak_first", "streak_last", "revision"]


def rebuild(user_id: int) -> None:
    """Rebuild one person's state from their whole history."""
    history_changed(user_id)


def rebuild_people(user_ids: Sequence[int]) -> int:
    """Rebuild these people's states from their whole histories: their histories are read in a
    few queries, their rows locked only to write. Anyone whose row changed meanwhile (a
    session saved while this ran) is rebuilt again on their own. Returns how many events."""
    PlanState.objects.bulk_create(
        [PlanState(user_id=uid) for uid in user_ids], ignore_conflicts=True
    )
    revisions = dict(
        PlanState.objects.filter(user_id__in=user_ids).values_list("user_id", "revision")
    )
    histories = selectors.histories(user_ids)
    built = {uid: build(histories[uid]) for uid in user_ids}
    moved = []
    with transaction.atomic():
        rows = PlanState.objects.select_for_update().filter(user_id__in=user_ids)
        fresh = []
        for row in rows.order_by("user_id"):
            if row.revision != revisions.get(row.user_id):
                moved.append(row.user_id)
                continue
            _fill(row, built[row.user_id])
            fresh.append(row)
        PlanState.objects.bulk_update(fresh, [*SAVED_FIELDS, "updated_at"], batch_size=100)
    for uid in moved:
        rebuild(uid)
    return sum(_count(h) for h in histories.values())


def _count(history: selectors.History) -> int:
    return len(history.sessions) + len(history.checkins) + len(history.overrides)
