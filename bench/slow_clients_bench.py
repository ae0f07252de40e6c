"""Slow clients against `make serve`'s setup (deploy/serve.sh: nginx in front of gunicorn) and,
for comparison, gunicorn alone: 64 connections hold half-sent requests while `GET /` is timed.

`python bench/slow_clients_bench.py` prints a Markdown section (bench/run.py includes it) and
exits 1 when `/` took a second or more behind `make serve`'s front.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "deploy")]

from appserver import _free_port, _stop, _wait_ready  # noqa: E402
from slow_clients import slow_clients, time_get  # noqa: E402

RUNS = 5
CLIENTS = 64
BUDGET_S = 1.0


@contextlib.contextmanager
def _serve(front: bool) -> Iterator[str]:
    var_dir = Path(tempfile.mkdtemp(prefix="sciatica-slow-"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"VAR_DIR": str(var_dir), "HOST": "127.0.0.1", "PORT": str(port)}
    env["BIN"] = str(Path(sys.executable).parent)
    log = var_dir / "serve.log"
    if front:
        args = ["bash", str(ROOT / "deploy" / "serve.sh")]
    else:
        env |= {"DEBUG": "0", "SECRET_KEY": secrets.token_hex(16), "ALLOWED_HOSTS": "127.0.0.1"}
        for step in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *step], cwd=ROOT, env=env, check=True)
        args = [
            str(Path(sys.executable).parent / "gunicorn"),
            "coach.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
        ]
    with open(log, "w") as out:
        proc = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_ready(url, proc, log, timeout=120)
        yield url
    finally:
        _stop(proc)
        shutil.rmtree(var_dir, ignore_errors=True)


def _fmt(seconds: float | None, limit: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds is not None else f"no answer within {limit:g} s"


def measure() -> dict:
    r: dict = {}
    with _serve(front=True) as url:
        r["front_idle"] = time_get(url, 10)
        r["front_slow"] = []
        for _ in range(RUNS):
            with slow_clients(url, CLIENTS):
                r["front_slow"].append(time_get(url, 10))
    with _serve(front=False) as url, slow_clients(url, 4):
        r["alone_4"] = time_get(url, 5)
    return r


def section(r: dict) -> tuple[list[str], bool]:
    ok = all(t is not None and t < BUDGET_S for t in r["front_slow"])
    slow = ", ".join(_fmt(t, 10) for t in r["front_slow"])
    lines = [
        "## Slow clients against `make serve`",
        "",
        f"`python bench/slow_clients_bench.py` (run by `make bench`): `deploy/serve.sh` (nginx "
        f"from Debian buffering in front of gunicorn with 2 sync workers) on a free port; "
        f"{CLIENTS} connections each send half a request (half of them part of the headers, "
        "half whole headers and part of a body, see `deploy/slow_clients.py`) and stay open "
        f"while `GET /` is timed, {RUNS} times. For comparison, gunicorn alone (the old "
        "`make serve`) with only 4 such clients.",
        "",
        "| server | slow clients | `GET /` answered in | budget | result |",
        "|---|---|---|---|---|",
        f"| `make serve` (nginx + gunicorn) | 0 | {_fmt(r['front_idle'], 10)} | | |",
        f"| `make serve` (nginx + gunicorn) | {CLIENTS} | {slow} | under {BUDGET_S:g} s each "
        f"| {'**PASS**' if ok else '**FAIL**'} |",
        f"| gunicorn alone, 2 sync workers | 4 | {_fmt(r['alone_4'], 5)} | (recorded) | - |",
        "",
    ]
    return lines, ok


if __name__ == "__main__":
    lines, passed = section(measure())
    print("\n".join(lines))
    sys.exit(0 if passed else 1)
