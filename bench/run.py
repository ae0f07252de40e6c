"""`make bench`: CLI start-up time, the player's page weight and Lighthouse scores, written to
docs/benchmarks.md. Exits 1 when a budget fails (the report is written anyway)."""

import os
import platform
import signal
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from importlib.metadata import version as pkg_version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import appserver  # noqa: E402
import cli_startup  # noqa: E402
import lighthouse_audit  # noqa: E402
import page_weight  # noqa: E402
from common import HOME_PATH, PLAYER_PATH, ROOT, chromium_version  # noqa: E402

REPORT = ROOT / "docs" / "benchmarks.md"
LH_BUDGETS = {"performance": 95, "accessibility": 95}


def _sigterm(_signum, _frame):
    raise SystemExit(143)  # so the server is stopped by the `finally` blocks


def verdict(ok: bool | None) -> str:
    return {True: "**PASS**", False: "**FAIL**", None: "**ERROR**"}[ok]


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def machine() -> dict:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "coach", "stretching"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "chromium": chromium_version(),
        "lighthouse": lighthouse_audit.version(),
        "playwright": pkg_version("playwright"),
        "commit": commit + (" (with uncommitted app changes)" if dirty else ""),
    }


def pace_ms() -> float:
    """This machine's pace right now: the best of 5 runs of a fixed pure-Python loop (a
    million additions), in ms. Budgets in ms move with it; ratios measured in one run do not."""
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        total = 0
        for i in range(1_000_000):
            total += i
        best = min(best, (time.perf_counter() - began) * 1000)
    return best


def section_cli(r: dict | None, error: str | None) -> list[str]:
    out = ["## 1. Command-line start-up: `sciatica routines`", ""]
    if r is None:
        return [*out, f"{verdict(None)}: {error}", ""]
    out += [
        f"Measured by `make bench`: `{r['command']}`, run as a real process "
        f"{r['runs']} times after {r['warmups']} warm-ups, wall time per process.",
        "",
        "| median | min | max | budget | result |",
        "|---|---|---|---|---|",
        f"| {r['median_ms']:.0f} ms | {r['min_ms']:.0f} ms | {r['max_ms']:.0f} ms "
        f"| median < {r['budget_ms']:.0f} ms, no Django | {verdict(r['passed'])} |",
        "",
        "Django imported by `sciatica routines`: "
        + (f"**yes** ({r['django_modules']} ...)" if r["django_imported"] else "no")
        + " (checked by running the same entry point in-process and listing `sys.modules`).",
        "",
        "All runs (ms): " + ", ".join(f"{t:.0f}" for t in r["times_ms"]),
        "",
    ]
    return out


def section_weight(r: dict | None, error: str | None, commands: list[str]) -> list[str]:
    out = [
        "## 2. Player page weight",
        "",
        f"`{PLAYER_PATH}` served as in production, started by `make bench` with:",
        "",
        "```",
        *commands,
        "```",
        "",
    ]
    if r is None:
        return [*out, f"{verdict(None)}: {error}", ""]
    cold = r["cold"]
    out += [
        "A fresh Playwright context (Debian chromium, headless, the same flags as Lighthouse, "
        f"viewport {r['viewport']}) answers the safety screen (`POST /account/screen/`, every "
        'question "no", CSRF token from the form) through the context\'s request client, '
        "which shares the cookies but not the browser cache; then a new page opens the player "
        "and waits for network idle. Only that navigation and what it loads are counted. "
        "Bytes on the wire are CDP `Network.loadingFinished.encodedDataLength` (compressed "
        "body plus response headers). 1 KB = 1000 bytes.",
        "",
        "| requests | transferred | decoded | other hosts | budget | result |",
        "|---|---|---|---|---|---|",
        f"| {cold['requests']} | {kb(cold['bytes'])} ({cold['bytes']:,} B) "
        f"| {kb(cold['decoded_bytes'])} | {', '.join(r['other_hosts']) or 'none'} "
        f"| ≤ {kb(r['budget_bytes'])}, no other host | {verdict(r['passed'])} |",
        "",
        "| resource | type | status | encoding | transferred | decoded |",
        "|---|---|---|---|---|---|",
    ]
    for row in cold["rows"]:
        path = row["url"].split("://", 1)[-1].split("/", 1)[-1]
        note = f" (failed: {row['failed']})" if row["failed"] else ""
        out.append(
            f"| `/{path}`{note} | {row['type']} | {row['status']} "
            f"| {row['encoding'] or '-'} | {row['wire']:,} B | {row['body']:,} B |"
        )
    rest = r["rest_of_figures"]
    out += [
        "",
        f"For information (not part of the budget): the routine has {r['figure_count']} "
        f"distinct figures; fetching the ones the cold load did not already have, as the "
        f"session would while it plays, costs {rest['requests']} more requests and "
        f"{kb(rest['bytes'])}, so a whole session downloads "
        f"{kb(cold['bytes'] + rest['bytes'])} in all.",
        "",
    ]
    if cold["failed"] or cold["unfinished"]:
        out += [f"Failed requests: {cold['failed']}; unfinished: {cold['unfinished']}", ""]
    return out


def section_lighthouse(results: dict, errors: dict) -> list[str]:
    cats = lighthouse_audit.CATEGORIES
    out = [
        "## 3. Lighthouse (mobile)",
        "",
        f"Lighthouse {lighthouse_audit.RUNS} runs per page, median score per category "
        "(scores on this CPU are noisy). The player page is opened with the screened "
        "visitor's session cookie. Commands, as run by `make bench`:",
        "",
    ]
    for path in (PLAYER_PATH, HOME_PATH):
        if path in results:
            out += ["```", results[path]["command"], "```", ""]
    out += [
        "| page | " + " | ".join(cats) + " | budget | result |",
        "|---|" + "---|" * len(cats) + "---|---|",
    ]
    for path in (PLAYER_PATH, HOME_PATH):
        budget = "perf, a11y ≥ 95" if path == PLAYER_PATH else "none (recorded)"
        if path not in results:
            out.append(
                f"| `{path}` | "
                + " | ".join("-" for _ in cats)
                + f" | {budget} | {verdict(None)}: {errors.get(path, '')} |"
            )
            continue
        r = results[path]
        cells = [
            f"{r['median'][c]:.0f} ({'/'.join(str(x['scores'][c]) for x in r['runs'])})"
            for c in cats
        ]
        ok = lighthouse_passed(r) if path == PLAYER_PATH else None
        out.append(
            f"| `{path}` | "
            + " | ".join(cells)
            + f" | {budget} | "
            + (verdict(ok) if ok is not None else "-")
            + " |"
        )
    out += ["", "Cells: median (each run).", ""]
    for path in (PLAYER_PATH, HOME_PATH):
        if path not in results:
            continue
        r = results[path]
        m = r["median_run_metrics"]
        out += [
            f"`{path}`, metrics of the median performance run: "
            + ", ".join(f"{k} {v}" for k, v in m.items())
            + ".",
            "",
        ]
        if r["losses"]:
            out += [f"Audits scoring under 0.9 on `{path}` (runs where it happened):", ""]
            for audit_id, seen in sorted(r["losses"].items()):
                out.append(
                    f"- {seen['title']} (`{audit_id}`): "
                    f"{', '.join(dict.fromkeys(seen['values']))} "
                    f"({seen['runs']}/{len(r['runs'])})"
                )
            out.append("")
        if r["warnings"]:
            out += [f"Lighthouse warnings on `{path}`: " + "; ".join(r["warnings"]), ""]
    return out


EXTRA_SECTIONS = [
    ("today_inprocess.py", "Today on day 1 and in year 3"),
    ("slow_clients_bench.py", "slow clients against make serve"),
    ("server_load.py", "server under load at clinic scale"),
    ("precache.py", "the installed app: first visit and precache"),
    ("reminders_bench.py", "reminders for 100,000 people"),
    ("clinic_bench.py", "the clinician's patient list at clinic scale"),
    ("api_bench.py", "the API's list endpoints with 10 and 10,000 sessions"),
]
"""Benchmarks run as their own processes; each prints its Markdown section and exits 1 when a
budget fails. `BENCH_ONLY=server_load.py,...` runs just those (and keeps the rest of the report
from the last full run out)."""


def run_section(script: str, title: str) -> tuple[list[str], bool]:
    only = [s for s in os.environ.get("BENCH_ONLY", "").split(",") if s]
    if only and script not in only:
        return [], True
    began = time.monotonic()
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parent / script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    print(f"bench: {script} took {time.monotonic() - began:.0f} s (exit {out.returncode})")
    if out.returncode not in (0, 1) or not out.stdout.strip():
        sys.stderr.write(out.stderr[-4000:])
        return [
            f"## {title[:1].upper()}{title[1:]}",
            "",
            f"{verdict(None)}: the script `bench/{script}` failed (exit {out.returncode}).",
            "",
        ], False
    return [*out.stdout.rstrip().splitlines(), ""], out.returncode == 0


def lighthouse_passed(r: dict) -> bool:
    return all(r["median"][c] >= v for c, v in LH_BUDGETS.items())


def main() -> int:
    signal.signal(signal.SIGTERM, _sigterm)
    started = time.monotonic()
    info = machine()
    pace_before = pace_ms()
    failures: list[str] = []

    cli, cli_error = None, None
    try:
        cli = cli_startup.run()
        if not cli["passed"]:
            failures.append(
                f"CLI start-up median {cli['median_ms']:.0f} ms "
                f"(django imported: {cli['django_imported']})"
            )
    except Exception as exc:  # noqa: BLE001 - reported, and the run fails
        cli_error = f"{type(exc).__name__}: {exc}"
        failures.append(f"CLI start-up: {cli_error}")
        traceback.print_exc()

    weight, weight_error, commands = None, None, []
    lh_results: dict[str, dict] = {}
    lh_errors: dict[str, str] = {}
    try:
        with appserver.production_server() as server:
            commands = server.commands
            try:
                weight = page_weight.run(server.base_url)
                if not weight["passed"]:
                    failures.append(
                        f"player weight {kb(weight['cold']['bytes'])} in "
                        f"{weight['cold']['requests']} requests, other hosts: "
                        f"{weight['other_hosts'] or 'none'}"
                    )
            except Exception as exc:  # noqa: BLE001
                weight_error = f"{type(exc).__name__}: {exc}"
                failures.append(f"page weight: {weight_error}")
                traceback.print_exc()
            cookie = weight["session_cookie"] if weight else None
            for path, with_cookie in ((PLAYER_PATH, cookie), (HOME_PATH, None)):
                try:
                    lh_results[path] = lighthouse_audit.run(server.base_url, path, with_cookie)
                except Exception as exc:  # noqa: BLE001
                    lh_errors[path] = f"{type(exc).__name__}: {exc}"
                    traceback.print_exc()
    except Exception as exc:  # noqa: BLE001 - the server did not start
        weight_error = weight_error or f"{type(exc).__name__}: {exc}"
        failures.append(f"server: {type(exc).__name__}: {exc}")
        traceback.print_exc()
    player_lh = lh_results.get(PLAYER_PATH)
    if player_lh is None:
        failures.append(f"Lighthouse on the player: {lh_errors.get(PLAYER_PATH, 'not run')}")
    elif not lighthouse_passed(player_lh):
        failures.append(
            "Lighthouse on the player: "
            + ", ".join(f"{c} {player_lh['median'][c]:.0f}" for c in LH_BUDGETS)
        )

    extra: list[str] = []
    for script, title in EXTRA_SECTIONS:
        lines_, ok = run_section(script, title)
        extra += lines_
        if not ok:
            failures.append(title)

    elapsed = time.monotonic() - started
    pace_after = pace_ms()
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`uv run python bench/run.py`); do not edit by hand. "
        f"Whole run: {elapsed:.0f} s.",
        "",
        f"- Date: {info['date']}, commit {info['commit']}",
        f"- Machine: {info['cores']} cores (os.cpu_count), {info['os']}",
        f"- Pace: a fixed pure-Python loop (a million additions) took {pace_before:.0f} ms "
        f"before the run and {pace_after:.0f} ms after it (best of 5). This machine is shared: "
        "budgets in ms (start-up, the patient list, the slow clients) move with its pace; "
        "ratios measured in one run (the server under load, Today in year 3) do not.",
        f"- Python {info['python']}, {info['chromium']}, Lighthouse {info['lighthouse']}, "
        f"Playwright {info['playwright']}",
        "",
        "Overall: "
        + ("**PASS**, every budget met." if not failures else "**FAIL**: " + "; ".join(failures)),
        "",
        *section_cli(cli, cli_error),
        *section_weight(weight, weight_error, commands),
        *section_lighthouse(lh_results, lh_errors),
        *extra,
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines).rstrip() + "\n")

    print(f"bench: written {REPORT.relative_to(ROOT)} in {elapsed:.0f} s")
    if cli:
        print(
            f"  CLI start-up: median {cli['median_ms']:.0f} ms (min {cli['min_ms']:.0f}, "
            f"max {cli['max_ms']:.0f}), django imported: {cli['django_imported']}"
        )
    if weight:
        print(
            f"  player page: {weight['cold']['requests']} requests, "
            f"{kb(weight['cold']['bytes'])} transferred, "
            f"other hosts: {weight['other_hosts'] or 'none'}"
        )
    for path, r in lh_results.items():
        print(f"  lighthouse {path}: " + ", ".join(f"{c} {v:.0f}" for c, v in r["median"].items()))
    print("  " + ("PASS" if not failures else "FAIL: " + "; ".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
