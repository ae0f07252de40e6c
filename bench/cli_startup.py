"""How long `sciatica routines` takes to start, as a real process, and whether it imports Django."""

import subprocess
import sys
import time

from common import BIN, ROOT, median_min_max

WARMUPS, RUNS = 2, 21
BUDGET_MS = 300.0

# Runs the same entry point in-process, output discarded, then reports what got imported.
PROBE = """
import contextlib, io, sys
sys.argv = ["sciatica", "routines"]
from coach.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main()
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(code, len(loaded), " ".join(loaded[:5]))
"""


def command() -> list[str]:
    return [str(BIN / "sciatica"), "routines"]


def run() -> dict:
    cmd = command()
    times = []
    for i in range(WARMUPS + RUNS):
        start = time.perf_counter()
        done = subprocess.run(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        elapsed = (time.perf_counter() - start) * 1000
        if done.returncode != 0:
            raise RuntimeError(f"`{' '.join(cmd)}` exited {done.returncode}: {done.stderr[-500:]}")
        if i >= WARMUPS:
            times.append(elapsed)
    median, low, high = median_min_max(times)
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    _code, count, names = (probe.stdout.strip().split(" ", 2) + ["", ""])[:3]
    django_imported = int(count) > 0
    return {
        "command": ".venv/bin/sciatica routines > /dev/null",
        "runs": RUNS,
        "warmups": WARMUPS,
        "times_ms": times,
        "median_ms": median,
        "min_ms": low,
        "max_ms": high,
        "django_imported": django_imported,
        "django_modules": names.strip(),
        "budget_ms": BUDGET_MS,
        "passed": median < BUDGET_MS and not django_imported,
    }
