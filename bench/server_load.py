"""Server load at clinic scale: PostgreSQL seeded with 10,000 people and a year of history each,
gunicorn with 2 sync workers and DEBUG=0, wrk at 32 connections. Every page is measured beside a
bare Django view doing one ORM read in the same run, so the ratio survives a noisy machine.

`python bench/server_load.py [--people N] [--days N] [--seconds S] [--reuse]` prints a Markdown
section; `bench/run.py` puts it into docs/benchmarks.md. Needs PostgreSQL (BENCH_DATABASE_URL,
default a `sciatica_bench` database on 127.0.0.1, created when missing) and Debian's `wrk`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from appserver import _free_port, _stop, _wait_ready  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/sciatica_bench"
SIGNED_IN = 2000
"""How many of the seeded people wrk signs in as (every heavy user among them)."""
CONNECTIONS = 32


@dataclass
class Target:
    name: str
    path: str
    method: str = "GET"
    body: str = ""


TARGETS = [
    Target("Signed-in floor", "/bench/signed-in/"),
    Target("Today", "/today/"),
    Target("History (90 days)", "/history/?days=90"),
    Target("Player page", "/routines/relief-sequence/play/"),
    Target("Session result POST", "/api/sessions/", "POST", "session"),
    Target("Check-in POST", "/checkin/", "POST", "checkin"),
]


def _env(db_url: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH")}
    return env | {
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "loadsite.settings",
        "PYTHONPATH": f"{HERE}{os.pathsep}{ROOT}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-load",
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "VAR_DIR": str(var_dir),
    }


def _ensure_database(db_url: str, fresh: bool) -> None:
    """The bench database, created anew (so no earlier run's schema or rows stay) unless kept."""
    name = db_url.rsplit("/", 1)[1]
    admin = db_url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _run(code: str, env: dict[str, str]) -> str:
    """Run Python with Django set up against the bench database; returns its output."""
    prelude = "import django; django.setup()\n"
    out = subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return out.stdout


PREPARE = """
import secrets, sys
from datetime import timedelta
from django.contrib.auth import get_user_model, BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from coach.accounts.models import ScreeningResponse
from stretching.screening import SCREEN_VERSION, TIER_A

people = list(get_user_model().objects.order_by("pk")[:{n}])
now = timezone.now()
ScreeningResponse.objects.filter(kind="recheck").delete()
ScreeningResponse.objects.bulk_create(
    ScreeningResponse(user=p, kind="recheck", screen_version=SCREEN_VERSION,
                      answers={{q.id: False for q in TIER_A}}, outcome="clear",
                      answered_at=now + timedelta(minutes=20))
    for p in people)
for p in people:
    s = SessionStore()
    s[SESSION_KEY] = str(p.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = p.get_session_auth_hash()
    s.create()
    print(s.session_key, secrets.token_hex(16))
"""
"""Sign in the first N people (a real session row each) and give each a quick safety check
answered a moment ahead, so the player page opens for them rather than asking it first."""

WRITES = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth import get_user_model
written = {{}}
for pk in (100, 200, 123):  # 100 and 200 do the relief sequence ten times a day
    client = Client()
    client.force_login(get_user_model().objects.get(pk=pk))
    for path in {paths!r}:
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(path).status_code
        writes = [q["sql"] for q in ctx.captured_queries
                  if q["sql"].split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")]
        written.setdefault(path, []).append((status, len(writes)))
print(repr(written))
"""


@contextlib.contextmanager
def gunicorn(env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    log = Path(env["VAR_DIR"]) / "gunicorn.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "coach.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_ready(base + "/", proc, log)
        yield base
    finally:
        _stop(proc)


def wrk(url: str, cookies: Path, seconds: int, method: str = "GET", body: str = "") -> dict:
    env = os.environ | {"COOKIES": str(cookies), "METHOD": method, "BODY_KIND": body}
    args = [
        "wrk",
        "-t2",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(HERE / "wrk" / "people.lua"),
        url,
    ]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(text: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))  # type: ignore[union-attr]
    latency = {
        p: _ms(v, u)
        for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    }
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    total = int(re.search(r"(\d+) requests in", text).group(1))  # type: ignore[union-attr]
    return {
        "raw": text,
        "rps": rps,
        "p50": latency.get("50", 0.0),
        "p99": latency.get("99", 0.0),
        "requests": total,
        "non_2xx_3xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def measure(
    people: int, days: int, seconds: int, reuse: bool, only: set[str] | frozenset = frozenset()
) -> dict:
    db_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    _ensure_database(db_url, fresh=not reuse)
    var_dir = Path(tempfile.mkdtemp(prefix="sciatica-load-"))
    env = _env(db_url, var_dir)
    result: dict = {"people": people, "days": days, "seconds": seconds, "db": db_url}
    try:
        if not reuse:
            out = subprocess.run(
                [
                    sys.executable,
                    str(HERE / "seed.py"),
                    "--people",
                    str(people),
                    "--days",
                    str(days),
                ],
                cwd=ROOT,
                env=env | {"DJANGO_SETTINGS_MODULE": "coach.settings"},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            result["seed"] = out.strip()
        rebuild = _rebuild_plan_states(env)
        if rebuild:
            result["rebuild"] = rebuild
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        cookies = var_dir / "cookies.txt"
        cookies.write_text(_run(PREPARE.format(n=SIGNED_IN), env))
        gets = [t.path for t in TARGETS if t.method == "GET"]
        result["writes"] = eval(_run(WRITES.format(paths=gets), env).strip())  # noqa: S307
        rows = []
        with gunicorn(env) as base:
            wrk(base + "/bench/bare/", cookies, 3)  # warm both workers and the connections
            for t in [t for t in TARGETS if not only or t.name in only]:
                bare = wrk(base + "/bench/bare/", cookies, seconds)
                page = wrk(base + t.path, cookies, seconds, t.method, t.body)
                rows.append({"target": t, "bare": bare, "page": page})
        result["rows"] = rows
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return result


def _rebuild_plan_states(env: dict[str, str]) -> str:
    """Bring every person's kept plan state up to date, if this version of the app keeps one."""
    commands = _run(
        "from django.core.management import get_commands; print('rebuild_plans' in get_commands())",
        env,
    )
    if commands.strip() != "True":
        return ""
    began = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "manage.py", "rebuild_plans", "--all", "--jobs", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    last = out.strip().splitlines()[-1] if out.strip() else ""
    return f"{last} ({time.perf_counter() - began:.0f} s)"


def section(r: dict) -> list[str]:
    out = [
        "## Server under load at clinic scale",
        "",
        f"PostgreSQL seeded by `bench/seed.py --people {r['people']} --days {r['days']}` "
        f"({r.get('seed', 'reused from the previous run')}); gunicorn `coach.wsgi -w 2` with "
        f"`DEBUG=0`; `wrk -t2 -c{CONNECTIONS} -d{r['seconds']}s --latency -s bench/wrk/people.lua`"
        f", each request signed in as the next of {SIGNED_IN:,} people (round robin; every one "
        "doing the relief sequence ten times a day is among them). Each row runs the bare view "
        "(`/bench/bare/`: one ORM read, a tiny JSON answer) and then the page, back to back on "
        "the same server. Command: `make bench-load`.",
        "",
    ]
    if r.get("rebuild"):
        out += [f"Kept plan states rebuilt first: {r['rebuild']}.", ""]
    out += [
        "| what | requests/s | p50 | p99 | bare view req/s (p99) | ratio to bare | budget "
        "| errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in r["rows"]:
        t, b, p = row["target"], row["bare"], row["page"]
        errs = p["non_2xx_3xx"] + (1 if p["socket_errors"] else 0)
        out.append(
            f"| {t.name} (`{t.method} {t.path}`) | {p['rps']:,.0f} | {p['p50']:.0f} ms "
            f"| {p['p99']:.0f} ms | {b['rps']:,.0f} ({b['p99']:.0f} ms) "
            f"| {p['rps'] / b['rps']:.0%} | {_budget(t.name, p['rps'] / b['rps'])} "
            f"| {errs or 'none'} |"
        )
    out += [
        "",
        "Write queries made by one GET of each page (Django test client against the "
        "same database, three people, two of them at ten sessions a day):",
        "",
    ]
    for path, seen in r["writes"].items():
        out.append(f"- `{path}`: " + ", ".join(f"status {s}, {w} writes" for s, w in seen))
    return [*out, ""]


def _budget(name: str, ratio: float) -> str:
    floor = BUDGETS.get(name)
    if floor is None:
        return "(recorded)"
    return f"≥ {floor:.0%}: " + ("**PASS**" if ratio >= floor else "**FAIL**")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="keep the seeded database")
    parser.add_argument(
        "--only", default="", help="comma-separated target names to run (all by default)"
    )
    args = parser.parse_args()
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    r = measure(args.people, args.days, args.seconds, args.reuse, only)
    print("\n".join(section(r)))
    return 0 if passed(r) else 1


BUDGETS = {"Today": 0.40, "Session result POST": 0.25}
"""Share of the bare view's requests/s each must reach (issue 12)."""


def passed(r: dict) -> bool:
    for row in r["rows"]:
        floor = BUDGETS.get(row["target"].name)
        if floor is not None and row["page"]["rps"] < floor * row["bare"]["rps"]:
            return False
        if row["page"]["non_2xx_3xx"]:
            return False
    return all(w == 0 for seen in r["writes"].values() for _, w in seen)


if __name__ == "__main__":
    sys.exit(main())
