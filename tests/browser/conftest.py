"""Browser tests: Debian chromium driven by Playwright at a phone size, against a live server."""

import contextlib
import json
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Headless chromium has no voices: record what the player asks to be spoken instead.
SPEECH_STUB = """
window.__spoken = [];
class FakeUtterance { constructor(text) { this.text = text; } }
window.SpeechSynthesisUtterance = FakeUtterance;
Object.defineProperty(window, 'speechSynthesis', { value: {
  speak: (u) => window.__spoken.push(u.text), cancel: () => {}, getVoices: () => [] } });
"""


@pytest.fixture(autouse=True)
def _server_quiet_before_the_database_is_emptied(request):
    """After a browser test, wait for the live server to finish the requests it is still
    answering (a keepalive send as a page closed, the service worker's sync) before the test
    database is emptied: emptying it under a request that holds rows can deadlock on PostgreSQL,
    and the request would write into the next test. Runs after the test's browser is closed and
    before pytest-django flushes the database (its fixtures are set up first)."""
    yield
    if "live_server" not in request.fixturenames:
        return
    httpd = getattr(request.getfixturevalue("live_server").thread, "httpd", None)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        busy = [t for t in list(getattr(httpd, "_threads", None) or []) if t.is_alive()]
        for thread in busy:
            thread.join(max(0.0, deadline - time.monotonic()))
        time.sleep(0.3)  # a request the closing browser sent last may still be connecting
        if not any(t.is_alive() for t in list(getattr(httpd, "_threads", None) or [])):
            return


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "service_workers": "block",
    }


def watched(page, base: str):
    """Record what a page must never do: send a request off the app, throw, or log an error
    (an SVG attribute it cannot read included). Returns the check to run when the test ends;
    `page.allowed_errors` lists the texts of errors a test expects."""
    external, errors = [], []
    page.on(
        "request",
        lambda r: (
            r.url.startswith(("http://", "https://"))
            and not r.url.startswith(base)
            and external.append(r.url)
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.allowed_errors = []

    def check() -> None:
        assert not external, f"requests left the app: {external}"
        found = [e for e in errors if not any(a in e for a in page.allowed_errors)]
        assert not found, f"the page reported errors: {found}"

    return check


@pytest.fixture
def phone(page, live_server):
    """A page at phone size with speech recorded, and a helper to reach the live server."""
    page.add_init_script(SPEECH_STUB)
    page.base = live_server.url
    check = watched(page, live_server.url)
    yield page
    check()


@contextlib.contextmanager
def phone_in(browser, browser_context_args, live_server, lang: str):
    """A phone-sized page whose browser asks for `lang` (its own context), watched as `phone`."""
    context = browser.new_context(**browser_context_args, locale=lang)
    page = context.new_page()
    page.add_init_script(SPEECH_STUB)
    page.base = live_server.url
    page.lang = lang
    check = watched(page, live_server.url)
    yield page
    context.close()
    check()


def axe_violations(page, serious_only=True):
    """Run axe-core in the page; return serious and critical violations."""
    page.evaluate(AXE.read_text())  # evaluated by the test, so the page's CSP doesn't apply
    report = page.evaluate("async () => await axe.run(document)")
    found = [
        v
        for v in report["violations"]
        if not serious_only or v["impact"] in ("serious", "critical")
    ]
    return [
        f"{v['id']} ({v['impact']}): {json.dumps([n['target'] for n in v['nodes']])}" for v in found
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def answer_screen_all_no(page, then: str = "") -> None:
    """Answer every safety question 'no' through the real form, as a person would."""
    page.goto(f"{page.base}/account/screen/" + (f"?next={then}" if then else ""))
    for radio in page.locator(
        "input[type=radio][value=no], input[type=radio][value=False], "
        "input[type=radio][value=false]"
    ).all():
        radio.check()
    page.get_by_role("button", name="See what my answers mean").click()


# --- the installed app: the service worker runs (the default context above blocks it) ---
OFFLINE_ERRORS = ["ERR_INTERNET_DISCONNECTED", "net::ERR_FAILED", "Failed to fetch"]


@pytest.fixture
def app_context(browser, browser_context_args):
    """A phone-sized context in which the service worker may register and run."""
    context = browser.new_context(**{**browser_context_args, "service_workers": "allow"})
    context.add_init_script(SPEECH_STUB)
    yield context
    context.close()


@pytest.fixture
def app(app_context, live_server):
    """A page in that context, checked as the `phone` page is: no request leaves the app, and
    no error but a refused request while the network is cut."""
    page = app_context.new_page()
    page.base = live_server.url
    external, errors = [], []
    app_context.on(
        "request",
        lambda r: (
            r.url.startswith(("http://", "https://"))
            and not r.url.startswith(live_server.url)
            and external.append(r.url)
        ),
    )
    app_context.on("weberror", lambda e: errors.append(str(e.error)))
    app_context.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.allowed_errors = []  # a test that sends bad data expects the server's refusal
    yield page
    assert not external, f"requests left the app: {external}"
    allowed = OFFLINE_ERRORS + page.allowed_errors
    errors = [e for e in errors if not any(a in e for a in allowed)]
    assert not errors, f"the page reported errors: {errors}"
