"""Done-when property (issue 11): whatever is posted to /api/sessions/ (arbitrary JSON, bytes,
or a real result with any field changed, removed or added) the answer is 2xx or 4xx, a 4xx
writes nothing, and after every accepted post the person's pages still answer 200."""

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.test import Client
from django.utils import timezone as dj_timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coach.practice.models import ExerciseOutcome, PracticeSession
from coach.practice.results import known_routines

from .api_helpers import played
from .factories import make_user

pytestmark = pytest.mark.django_db
PLANS = known_routines()
PAGES = (
    "/today/",
    "/history/",
    "/routines/hip-flexor/",
    "/account/export/sciatica-coach.json",
)
FIELDS = (
    "routine_id",
    "started_at",
    "ended_at",
    "completed",
    "planned_seconds",
    "practised_seconds",
    "exercises",
    "checks",
)
ENTRY_FIELDS = ("exercise_id", "outcome", "held_seconds", "planned_seconds", "side", "spread")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
times = st.builds(
    lambda when, minutes: when.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
    st.integers(min_value=-14 * 60 + 1, max_value=14 * 60 - 1),
)
near_now = st.integers(min_value=-4 * 24 * 3600, max_value=24 * 3600).map(
    lambda s: (datetime.now(UTC) + timedelta(seconds=s)).isoformat()
)
numbers = st.integers() | st.integers(min_value=-2, max_value=2**31 + 2) | st.integers(0, 500)
any_value = json_values | times | near_now | numbers | st.sampled_from(["hip-flexor", "", "hurt"])


@st.composite
def mutated(draw) -> bytes:
    """A real result with a few of its fields (or its stretch's) changed, removed or added."""
    data = played()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        where = draw(st.sampled_from(["top", "entry", "extra"]))
        if where == "top":
            name = draw(st.sampled_from(FIELDS))
            if draw(st.booleans()):
                data.pop(name, None)
            else:
                data[name] = draw(any_value)
        elif where == "entry" and isinstance(data.get("exercises"), list) and data["exercises"]:
            entry = data["exercises"][0]
            if isinstance(entry, dict):
                entry[draw(st.sampled_from(ENTRY_FIELDS))] = draw(any_value)
        else:
            data[draw(st.text(max_size=10))] = draw(json_values)
    return json.dumps(data).encode()


@st.composite
def plausible(draw) -> bytes:
    """A result of any routine with every value near its bounds: some pass, some do not."""
    rid = draw(st.sampled_from(sorted(PLANS)))
    plan = PLANS[rid]
    planned = draw(st.integers(min_value=0, max_value=plan.planned_seconds * 13 // 10))
    wall = draw(st.integers(min_value=0, max_value=planned + 4 * 3600))
    ago = draw(st.integers(min_value=-600, max_value=40 * 24 * 3600))
    started = dj_timezone.now() - timedelta(seconds=ago + wall)
    offset = timezone(timedelta(minutes=draw(st.integers(-14 * 60 + 1, 14 * 60 - 1))))
    entries = []
    for eid in draw(st.lists(st.sampled_from(sorted(plan.exercises)), max_size=3, unique=True)):
        entry_planned = draw(st.integers(0, plan.exercises[eid] * 13 // 10))
        entries.append(
            {
                "exercise_id": eid,
                "outcome": draw(st.sampled_from(["done", "skipped", "hurt"])),
                "held_seconds": draw(st.integers(0, entry_planned + 2)),
                "planned_seconds": entry_planned,
                "side": draw(st.sampled_from(["", "left", "right", "both"])),
                "spread": draw(st.booleans()),
            }
        )
    checks = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "side": st.sampled_from(["left", "right"]),
                    "at": st.integers(0, wall + 5),
                    "answer": st.sampled_from(["knee", "middle", "top"]),
                }
            ),
            max_size=3,
        )
    )
    data = {
        "routine_id": rid,
        "started_at": started.astimezone(offset).isoformat(),
        "ended_at": (started + timedelta(seconds=wall)).astimezone(offset).isoformat(),
        "completed": draw(st.booleans()),
        "planned_seconds": planned,
        "practised_seconds": draw(st.integers(0, wall + 5)),
        "exercises": entries,
        "checks": checks,
    }
    return json.dumps(data).encode()


bodies = (
    plausible()
    | plausible()
    | mutated()
    | json_values.map(lambda v: json.dumps(v).encode())
    | st.binary(max_size=200)
    | st.integers(min_value=1, max_value=20_000).map(lambda n: b"[" * n + b"]" * n)
)


@pytest.fixture
def person():
    user = make_user()
    client = Client()
    client.force_login(user)
    return client


def counts() -> tuple[int, int]:
    return PracticeSession.every.count(), ExerciseOutcome.objects.count()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies)
def test_any_post_answers_2xx_or_4xx_and_never_breaks_a_page(person, body):
    before = counts()
    response = person.post(
        "/api/sessions/",
        body,
        content_type="application/json",
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert 200 <= response.status_code < 500, response.content[:300]
    event(f"answered {response.status_code}")
    if response.status_code >= 400:
        assert counts() == before
        assert "error" in response.json() and "field" in response.json()
        return
    assert counts()[0] == before[0] + 1
    for page in PAGES:
        assert person.get(page).status_code == 200, page
