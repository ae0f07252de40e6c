"""Seed a PostgreSQL database with a clinic's worth of people and a year of history each.

`python bench/seed.py --people 10000 --days 365` (DATABASE_URL must point at PostgreSQL; the
database is migrated and emptied first). People, consents, screens, sessions and check-ins are
streamed with COPY; each session's exercise outcomes are derived from the sessions inside
PostgreSQL (INSERT ... SELECT), which is much faster than sending them.

The history is realistic rather than uniform: most people practise on some days and check in on
about half of them, their pain easing over the months with noise; one in a hundred does the
relief sequence ten times a day, every day.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEAVY_EVERY = 100
"""One person in this many does the relief sequence ten times a day."""
PASSWORD = "bench-password-1"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coach.settings")
    import django

    django.setup()


def _copy(cursor, table: str, columns: list[str], rows: Iterator[str]) -> int:
    """Stream tab-separated lines into a table; returns how many were sent."""
    count = 0
    buf = io.StringIO()
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for line in rows:
            buf.write(line)
            count += 1
            if count % 20000 == 0:
                copy.write(buf.getvalue())
                buf = io.StringIO()
        copy.write(buf.getvalue())
    return count


LOADED_TABLES = (
    "practice_practicesession",
    "practice_exerciseoutcome",
    "diary_checkin",
    "accounts_consent",
    "accounts_screeningresponse",
)


def _drop_constraints(cursor) -> list[str]:
    """Drop the foreign keys and plain indexes of the loaded tables; returns the SQL that puts
    them back. Checking a deferred foreign key row by row is what makes a bulk load slow."""
    restore: list[str] = []
    tables = ", ".join(f"'{t}'::regclass" for t in LOADED_TABLES)
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        f" WHERE contype = 'f' AND conrelid IN ({tables})"
    )
    for table, name, definition in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    names = ", ".join(f"'{t}'" for t in LOADED_TABLES)
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename IN (" + names + ")"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
    )
    for name, definition in cursor.fetchall():
        cursor.execute(f'DROP INDEX "{name}"')
        restore.insert(0, definition)
    return restore


def _ts(when: datetime) -> str:
    return when.isoformat()


class History:
    """Deterministic random history for person `n` over `days` days ending `end`."""

    def __init__(self, days: int, end: datetime) -> None:
        self.days = days
        self.end = end
        self.start = end - timedelta(days=days)
        from stretching import catalogue
        from stretching.timeline import compile_timeline

        relief = compile_timeline(catalogue.default(), "relief-sequence")
        self.relief_seconds = relief.total_seconds
        self.relief_exercises = relief.exercise_ids

    def sessions(self, person: int) -> Iterator[tuple[datetime, int]]:
        """(start, practised seconds) for each session of the relief sequence."""
        rnd = random.Random(person)
        heavy = person % HEAVY_EVERY == 0
        for day in range(self.days):
            base = self.start + timedelta(days=day)
            if heavy:
                for i in range(10):
                    yield (
                        base + timedelta(hours=7 + i * 1.4, minutes=rnd.randint(0, 20)),
                        (self.relief_seconds),
                    )
            elif rnd.random() < 0.25:
                for i in range(rnd.choice((1, 1, 1, 2))):
                    yield (
                        base + timedelta(hours=8 + i * 9, minutes=rnd.randint(0, 50)),
                        (self.relief_seconds - rnd.choice((0, 0, 0, 30))),
                    )

    def checkins(self, person: int) -> Iterator[tuple[datetime, int, int, int, int]]:
        """(at, leg pain, back pain, extent left, extent right), easing over the year."""
        rnd = random.Random(-person - 1)
        for day in range(self.days):
            if rnd.random() >= 0.52:
                continue
            ease = 1 - day / max(1, self.days)
            leg = max(0, min(10, round(6 * ease + rnd.gauss(0, 1))))
            back = max(0, min(10, round(4 * ease + rnd.gauss(0, 1))))
            extent = max(0, min(5, round(3 * ease + rnd.gauss(0, 0.5))))
            at = self.start + timedelta(days=day, hours=20, minutes=rnd.randint(0, 59))
            yield at, leg, back, extent if person % 2 else 0, 0 if person % 2 else extent


def seed(people: int, days: int, end: datetime | None = None) -> dict[str, float]:
    """Empty the tables and seed them; returns row counts and seconds taken."""
    _django()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection

    from coach.accounts.models import CONSENT_VERSION
    from stretching.screening import QUESTIONS, SCREEN_VERSION

    assert connection.vendor == "postgresql", "seed.py needs PostgreSQL (set DATABASE_URL)"
    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    end = end or datetime.now(UTC).replace(second=0, microsecond=0)
    history = History(days, end)
    password = make_password(PASSWORD)
    answers = "{" + ", ".join(f'"{q.id}": false' for q in QUESTIONS) + "}"
    joined = _ts(history.start - timedelta(days=1))
    counts: dict[str, float] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE auth_user, practice_practicesession, diary_checkin RESTART IDENTITY CASCADE"
        )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET synchronous_commit = off")
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        restore = _drop_constraints(cursor)
        try:
            counts["people"] = _copy(
                raw,
                "auth_user",
                [
                    "id",
                    "password",
                    "is_superuser",
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "is_staff",
                    "is_active",
                    "date_joined",
                ],
                (
                    f"{n}\t{password}\tf\tperson{n}@bench.example\t\t\tperson{n}@bench.example"
                    f"\tf\tt\t{joined}\n"
                    for n in range(1, people + 1)
                ),
            )
            _copy_model(
                raw,
                "accounts_consent",
                ["user_id", "version", "given_at"],
                (f"{n}\t{CONSENT_VERSION}\t{joined}\n" for n in range(1, people + 1)),
            )
            _copy_model(
                raw,
                "accounts_screeningresponse",
                ["user_id", "kind", "screen_version", "answers", "outcome", "answered_at"],
                (
                    f"{n}\tfull\t{SCREEN_VERSION}\t{answers}\tclear\t{joined}\n"
                    for n in range(1, people + 1)
                ),
            )
            _phase(counts, "people", began)
            counts["sessions"] = _copy_model(
                raw,
                "practice_practicesession",
                SESSION_COLUMNS,
                _session_rows(history, people),
            )
            _phase(counts, "sessions", began)
            counts["checkins"] = _copy_model(
                raw,
                "diary_checkin",
                [
                    "user_id",
                    "at",
                    "context",
                    "leg_pain",
                    "back_pain",
                    "extent_left",
                    "extent_right",
                    "numbness",
                    "weakness",
                    "note",
                ],
                (
                    f"{n}\t{_ts(at)}\tstandalone\t{leg}\t{back}\t{el}\t{er}\tf\tf\t\n"
                    for n in range(1, people + 1)
                    for at, leg, back, el, er in history.checkins(n)
                ),
            )
            _phase(counts, "checkins", began)
            ids = ", ".join(f"'{e}'" for e in history.relief_exercises)
            cursor.execute(
                "INSERT INTO practice_exerciseoutcome (session_id, position, exercise_id, outcome,"
                " side, held_seconds, planned_seconds, spread)"
                " SELECT s.id, e.pos - 1, e.id, 'done', '', 60, 60, false"
                " FROM practice_practicesession s,"
                f" unnest(ARRAY[{ids}]) WITH ORDINALITY AS e(id, pos)"
            )
            counts["outcomes"] = cursor.rowcount
            _phase(counts, "outcomes", began)
        finally:  # put the keys and indexes back even when a load fails
            for statement in restore:
                cursor.execute(statement)
        _phase(counts, "indexes", began)
        for table in ("auth_user", "accounts_consent", "accounts_screeningresponse"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cursor.execute("ANALYZE")
    counts["seconds"] = time.perf_counter() - began
    return counts


def _phase(counts: dict[str, float], name: str, began: float) -> None:
    counts[f"{name}_done_at_s"] = round(time.perf_counter() - began, 1)


SESSION_COLUMNS = [
    "user_id",
    "guest_key",
    "routine_id",
    "source",
    "started_at",
    "ended_at",
    "completed",
    "planned_seconds",
    "practised_seconds",
    "idempotency_key",
    "created_at",
]


def _model(table: str):
    from django.apps import apps

    return next(m for m in apps.get_models() if m._meta.db_table == table)


def _defaults(table: str, given: list[str]) -> tuple[list[str], str]:
    """Columns of `table` that `given` leaves out and that need a value (added since this
    seeder was written), and the tab-separated tail of their defaults for every row."""
    import json

    extra = [
        f
        for f in _model(table)._meta.concrete_fields
        if f.column not in given and f.column != "id" and not f.null
    ]
    tail = "".join(
        "\t"
        + (
            json.dumps(f.get_default())
            if f.get_internal_type() == "JSONField"
            else {True: "t", False: "f"}.get(f.get_default(), str(f.get_default()))
        )
        for f in extra
    )
    return [f.column for f in extra], tail


def _copy_model(cursor, table: str, columns: list[str], rows: Iterator[str]) -> int:
    """COPY rows whose lines end in a newline, with defaults for newer columns appended."""
    extra, tail = _defaults(table, columns)
    return _copy(cursor, table, columns + extra, (line[:-1] + tail + "\n" for line in rows))


def _session_rows(history: History, people: int) -> Iterator[str]:
    key = 0
    for n in range(1, people + 1):
        for started, practised in history.sessions(n):
            key += 1
            ended = started + timedelta(seconds=practised)
            yield (
                f"{n}\t\trelief-sequence\tweb\t{_ts(started)}\t{_ts(ended)}\tt"
                f"\t{history.relief_seconds}\t{practised}\tseed-{key:010d}\t{_ts(ended)}\n"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    counts = seed(args.people, args.days)
    print(
        ", ".join(
            f"{k}: {v:,.0f}" if k != "seconds" else f"{k}: {v:.1f}" for k, v in counts.items()
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
