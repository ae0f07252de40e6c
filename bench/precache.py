"""The installed app's cost: what the first visit downloads with the service worker in place,
and what the worker keeps on the phone (its precache), against their budgets.

The app is served as in production (bench/appserver.py: DEBUG off, collected static files with
hashed names, gunicorn). The first visit is page_weight.run: a fresh phone-sized context opens
the player cold and only that page's own requests are counted; the worker registers after the
page has loaded and precaches in the background, in its own target. Then a fresh context opens
`/`, waits for the worker to be active, and adds up the bodies kept in its app-shell cache.

`python bench/precache.py` prints a Markdown section and exits 1 when a budget fails; bench/run.py
includes it.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import appserver  # noqa: E402
import page_weight  # noqa: E402
from common import CHROME_FLAGS, CHROMIUM  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

PRECACHE_BUDGET = 300_000  # bytes as kept in the cache (decoded), 1 KB = 1000 bytes
FIRST_VISIT_BUDGET = page_weight.BUDGET_BYTES

KEPT = """async () => {
    const name = (await caches.keys()).find((k) => k.startsWith('sciatica-shell-'));
    const cache = await caches.open(name);
    const rows = [];
    for (const request of await cache.keys()) {
        const body = await (await cache.match(request)).blob();
        rows.push([new URL(request.url).pathname, body.size]);
    }
    return { name, rows };
}"""


def precache(base_url: str) -> dict:
    """What the worker keeps once installed: the cache's name and each body's size."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_FLAGS)
        try:
            context = browser.new_context(viewport=page_weight.VIEWPORT, is_mobile=True)
            worker_bytes: list[int] = []
            context.on(
                "response",
                lambda r: r.url.endswith("/sw.js") and worker_bytes.append(len(r.body())),
            )
            page = context.new_page()
            began = time.monotonic()
            page.goto(base_url + "/", wait_until="load")
            deadline = began + 60
            while not page.evaluate(
                "async () => (await navigator.serviceWorker.getRegistration())?.active?.state"
                " === 'activated'"
            ):
                if time.monotonic() > deadline:
                    raise RuntimeError("the service worker did not activate within 60 s")
                time.sleep(0.1)
            installed_in = time.monotonic() - began
            kept = page.evaluate(KEPT)
            context.close()
        finally:
            browser.close()
    rows = sorted(kept["rows"], key=lambda r: -r[1])
    return {
        "cache": kept["name"],
        "rows": rows,
        "bytes": sum(size for _, size in rows),
        "installed_in": installed_in,
    }


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def main() -> int:
    with appserver.production_server() as server:
        weight = page_weight.run(server.base_url)
        kept = precache(server.base_url)
        commands = server.commands
    cold = weight["cold"]
    first_ok = weight["passed"]
    kept_ok = kept["bytes"] <= PRECACHE_BUDGET
    verdict = {True: "**PASS**", False: "**FAIL**"}
    groups: dict[str, list[int]] = {}
    for path, size in kept["rows"]:
        kind = "drawings" if path.startswith("/figures/") else Path(path).suffix or "pages"
        groups.setdefault(kind, []).append(size)
    out = [
        "## The installed app: first visit and the service worker's precache",
        "",
        "`python bench/precache.py` (also run by `make bench`), against the app served as in "
        "production:",
        "",
        "```",
        *commands,
        "```",
        "",
        "First visit: the player opened cold in a fresh context with service workers allowed "
        "(as section 2 counts it: that page's own requests, CDP encodedDataLength). The worker "
        "registers after the page has loaded and precaches in the background, in its own "
        "target, so it adds nothing here. Precache: a fresh context opens `/`, waits until the "
        "worker is active and adds up the bodies in its cache (decoded, as kept on the phone).",
        "",
        "| measure | value | budget | result |",
        "|---|---|---|---|",
        f"| first visit (player, cold) | {kb(cold['bytes'])} in {cold['requests']} requests, "
        f"other hosts: {', '.join(weight['other_hosts']) or 'none'} "
        f"| ≤ {kb(FIRST_VISIT_BUDGET)} | {verdict[first_ok]} |",
        f"| precache (`{kept['cache']}`) | {kb(kept['bytes'])} in {len(kept['rows'])} files "
        f"| ≤ {kb(PRECACHE_BUDGET)} | {verdict[kept_ok]} |",
        "",
        "Precache by kind: "
        + ", ".join(
            f"{kind} {kb(sum(sizes))} ({len(sizes)})"
            for kind, sizes in sorted(groups.items(), key=lambda g: -sum(g[1]))
        )
        + f". Installed and active {kept['installed_in']:.1f} s after `/` was opened.",
        "",
    ]
    print("\n".join(out))
    return 0 if first_ok and kept_ok else 1


if __name__ == "__main__":
    sys.exit(main())
