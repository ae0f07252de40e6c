"""The push handlers (coach/static/coach/sw_push.js) in chromium: a push delivered to the service
worker through the DevTools protocol shows the reminder with a "Start now" action, and the
action opens the player."""

import json
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCOPE = "/static/coach/"
PAYLOAD = {
    "title": "Time for your morning hamstring",
    "body": "It is time for your morning hamstring.",
    "url": "/routines/morning-hamstring/play/",
    "tag": "reminder-morning-hamstring",
    "action": "Empieza ahora",  # the server labels the button in the person's language
}


def registration_id(page, cdp, scope_url: str, timeout: float = 15) -> str:
    found: dict[str, str] = {}

    def seen(event):
        for r in event["registrations"]:
            if r["scopeURL"] == scope_url and not r.get("isDeleted"):
                found["id"] = r["registrationId"]

    cdp.on("ServiceWorker.workerRegistrationUpdated", seen)
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + timeout
    while "id" not in found and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # lets Playwright deliver the protocol's events
    return found["id"]


def test_a_delivered_push_shows_the_reminder_and_start_now_opens_the_player(browser, live_server):
    context = browser.new_context(service_workers="allow")
    context.grant_permissions(["notifications"], origin=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + "/learn/")
    page.evaluate(
        """async (scope) => {
            await navigator.serviceWorker.register(scope + 'sw_push.js', { scope });
            const reg = await navigator.serviceWorker.getRegistration(scope);
            if (!reg.active) await new Promise((done) =>
                (reg.installing || reg.waiting).addEventListener('statechange', (e) =>
                    e.target.state === 'activated' && done()));
        }""",
        SCOPE,
    )
    cdp = context.new_cdp_session(page)
    reg = registration_id(page, cdp, live_server.url + SCOPE)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": live_server.url, "registrationId": reg, "data": json.dumps(PAYLOAD)},
    )
    shown = page.wait_for_function(
        """async (scope) => {
            const reg = await navigator.serviceWorker.getRegistration(scope);
            const [n] = await reg.getNotifications();
            return n && { title: n.title, body: n.body, actions: n.actions.map(a => a.title),
                          url: n.data.url };
        }""",
        arg=SCOPE,
        timeout=15_000,
    ).json_value()
    assert shown == {
        "title": PAYLOAD["title"],
        "body": PAYLOAD["body"],
        "actions": ["Empieza ahora"],
        "url": PAYLOAD["url"],
    }
    worker = next(w for w in context.service_workers if w.url.endswith("sw_push.js"))
    # A click on the action: chromium lets only a real click open a window, so the test
    # records what the handler asks to open.
    opened = worker.evaluate(
        """async () => {
            const asked = [];
            self.clients.openWindow = async (url) => { asked.push(url); return null; };
            const [notification] = await self.registration.getNotifications();
            self.dispatchEvent(new NotificationEvent('notificationclick',
                { notification, action: 'start' }));
            await new Promise((done) => setTimeout(done, 500));
            return asked;
        }"""
    )
    assert opened == [live_server.url + PAYLOAD["url"]]
    context.close()
