"""The app can be installed on a phone's home screen: Chrome finds nothing missing, and the
manifest's icons load at the sizes it states."""

import json

import pytest

from .offline_app import wait_for_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def profile(browser_type, browser_type_launch_args, browser_context_args, tmp_path, live_server):
    """A browser with a profile on disk, as a phone's is: Chrome offers no installing in the
    throw-away (incognito) contexts the other tests use."""
    args = {k: v for k, v in browser_context_args.items() if k != "service_workers"}
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args, **args
    )
    page = context.pages[0] if context.pages else context.new_page()
    page.base = live_server.url
    yield context, page
    context.close()


def test_chrome_reports_no_installability_errors_for_the_home_page(profile):
    context, app = profile
    app.goto(f"{app.base}/")
    wait_for_worker(app)
    cdp = context.new_cdp_session(app)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == f"{app.base}/manifest.webmanifest?lang=en"
    assert manifest["errors"] == []
    data = json.loads(manifest["data"])
    assert (data["start_url"], data["display"]) == ("/today/", "standalone")


def test_the_manifests_icons_load_at_their_stated_sizes(app):
    app.goto(f"{app.base}/")
    manifest = app.evaluate("async () => (await fetch('/manifest.webmanifest')).json()")
    for icon in manifest["icons"]:
        size = app.evaluate(
            """(src) => new Promise((ok, fail) => {
                const img = new Image();
                img.onload = () => ok(`${img.naturalWidth}x${img.naturalHeight}`);
                img.onerror = () => fail(new Error(`${src} did not load`));
                img.src = src;
            })""",
            icon["src"],
        )
        assert size == icon["sizes"], icon["src"]
