"""Lighthouse (npm) on a page: 3 runs, median score per category, audits that cost points."""

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from common import CHROME_FLAGS, CHROMIUM, ROOT

RUNS = 3
ATTEMPTS = 3
AGAIN = "Please run Lighthouse again"
"""Lighthouse's own words when it could not record a page load (NO_NAVSTART, on a busy
machine): such a run is made again, up to ATTEMPTS times, and the report says so."""
CATEGORIES = ("performance", "accessibility", "best-practices")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
OUT_DIR = ROOT / "var" / "bench"  # raw reports, for a closer look; not committed


def version() -> str:
    try:
        return subprocess.run(
            [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def command(url: str, output: str, user_data_dir: str, headers_file: str | None) -> list[str]:
    flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={user_data_dir}"])
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--only-categories=" + ",".join(CATEGORIES),
        "--form-factor=mobile",
        f"--chrome-flags={flags}",
    ]
    if headers_file:
        cmd.append(f"--extra-headers={headers_file}")
    return cmd


def shown_command(path: str, cookie: bool) -> str:
    flags = " ".join([*CHROME_FLAGS, "--user-data-dir=<fresh tmp dir>"])
    line = (
        f"CHROME_PATH={CHROMIUM} node_modules/.bin/lighthouse http://127.0.0.1:<port>{path} "
        f"--output=json --output-path=<tmp>.json --quiet "
        f"--only-categories={','.join(CATEGORIES)} --form-factor=mobile "
        f'--chrome-flags="{flags}"'
    )
    if cookie:
        line += ' --extra-headers=<tmp>/headers.json  # {"Cookie": "sessionid=<screened>"}'
    return line


def _losses(lhr: dict) -> dict[str, tuple[str, str]]:
    """Audits weighing on a category that scored under 0.9: id -> (title, value)."""
    lost = {}
    for cat in lhr["categories"].values():
        for ref in cat["auditRefs"]:
            audit = lhr["audits"].get(ref["id"], {})
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 0.9:
                shown = audit.get("displayValue") or f"score {score:.2f}"
                lost[ref["id"]] = (f"{cat['id']}: {audit.get('title', ref['id'])}", shown)
    return lost


def run(base_url: str, path: str, session_cookie: str | None = None) -> dict:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"CHROME_PATH": CHROMIUM}
    work = Path(tempfile.mkdtemp(prefix="sciatica-lh-"))
    headers_file = None
    if session_cookie:
        headers_file = str(work / "headers.json")
        Path(headers_file).write_text(json.dumps({"Cookie": f"sessionid={session_cookie}"}))
    name = "home" if path == "/" else path.strip("/").replace("/", "-")
    runs = []
    repeated: list[str] = []
    try:
        for i in range(RUNS):
            output = OUT_DIR / f"lighthouse-{name}-{i + 1}.json"
            output.unlink(missing_ok=True)
            profile = tempfile.mkdtemp(prefix="profile-", dir=work)
            for attempt in range(1, ATTEMPTS + 1):
                done = subprocess.run(
                    command(base_url + path, str(output), profile, headers_file),
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=180,
                )
                if done.returncode == 0 or AGAIN not in done.stderr or attempt == ATTEMPTS:
                    break
                repeated.append(f"run {i + 1} repeated: {done.stderr.strip()[-200:]}")
                profile = tempfile.mkdtemp(prefix="profile-", dir=work)
            if done.returncode != 0 or not output.exists():
                raise RuntimeError(f"lighthouse exited {done.returncode}: {done.stderr[-800:]}")
            lhr = json.loads(output.read_text())
            if lhr.get("runtimeError"):
                raise RuntimeError(f"lighthouse: {lhr['runtimeError']}")
            final = urlsplit(lhr.get("finalDisplayedUrl", "")).path
            if final != path:
                raise RuntimeError(f"lighthouse audited {final}, not {path} (redirected?)")
            runs.append(
                {
                    "scores": {c: round(lhr["categories"][c]["score"] * 100) for c in CATEGORIES},
                    "metrics": {m: lhr["audits"][m].get("displayValue", "") for m in METRICS},
                    "losses": _losses(lhr),
                    "warnings": lhr.get("runWarnings", []),
                }
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    medians = {c: statistics.median(r["scores"][c] for r in runs) for c in CATEGORIES}
    # The metrics of the run whose performance score is the median one.
    by_perf = sorted(runs, key=lambda r: r["scores"]["performance"])
    losses: dict[str, dict] = {}
    for r in runs:
        for audit_id, (title, shown) in r["losses"].items():
            seen = losses.setdefault(audit_id, {"title": title, "values": [], "runs": 0})
            seen["runs"] += 1
            seen["values"].append(shown)
    return {
        "path": path,
        "runs": runs,
        "median": medians,
        "median_run_metrics": by_perf[len(by_perf) // 2]["metrics"],
        "losses": losses,
        "warnings": sorted({w for r in runs for w in r["warnings"]}) + repeated,
        "command": shown_command(path, bool(session_cookie)),
    }
