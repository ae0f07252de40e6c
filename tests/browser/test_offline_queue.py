"""What waits in the phone's queue: each entry saved once however often the app is reloaded,
only ever for the person it was made for, and bad data dropped with the server's reason shown
rather than retried forever."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coach.diary import services as diary_services
from coach.diary.models import CheckIn
from coach.practice.models import PlanOverride, PracticeSession
from tests.results import hip_flexor_played
from tests.web.factories import make_session, make_user

from .offline_app import (
    TWIST,
    play_relief_offline_with_one_hurt,
    prepare_online,
    sign_in,
    wait_for_worker,
    wait_until,
    wait_until_kept,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def posts_to(context, path: str) -> list[dict]:
    """Every post to `path` that reached the server, with its answer's status. (A page's post
    that the service worker sends on is seen twice, from the page and from the worker: the
    worker's is the one that went out.)"""
    seen: list[dict] = []

    def on_response(response):
        request = response.request
        if response.from_service_worker or request.method != "POST":
            return
        if request.url.split("?")[0].endswith(path):
            seen.append({"status": response.status, "owner": request.headers.get("x-queued-for")})

    context.on("response", on_response)
    return seen


def assert_saved_once(sent: list[dict], owner: str | None = None) -> None:
    """The entry reached the server and was saved once: one post created it (201). A page
    reloaded or left while its post was on the way sends it again from the queue on the next
    page, as it must (it cannot know the first arrived); the server answers such a repeat with
    the saved result (200) and saves nothing twice. Answers are seen in the order they come
    back, and the left page's may come back after the repeat's, so the order is not checked."""
    statuses = [s["status"] for s in sent]
    assert statuses.count(201) == 1, sent
    assert all(status in (200, 201) for status in statuses), sent
    if owner is not None:
        assert {s["owner"] for s in sent} == {owner}, sent


def test_reloading_while_entries_wait_sends_each_of_them_once(app, app_context):
    prepare_online(app)
    sent = posts_to(app_context, "/api/sessions/")
    app.clock.install(time=timezone.now() - timedelta(minutes=15))
    app_context.set_offline(True)
    play_relief_offline_with_one_hurt(app)
    for _ in range(2):
        app.reload()
        expect(app.locator("#queue-status")).to_have_text("2 entries waiting to be sent")
    app_context.set_offline(False)
    expect(app.locator("#queue-status")).to_be_hidden()
    for _ in range(2):
        app.reload()
        expect(app.locator("#queue-status")).to_be_hidden()
    app.goto(f"{app.base}/today/")
    expect(app.locator("#queue-status")).to_be_hidden()
    assert_saved_once(sent)
    assert PracticeSession.objects.count() == 1


def fill_check_in(page, leg: str) -> None:
    page.locator("#f-leg_pain").get_by_text(leg, exact=True).click()
    page.locator("#f-back_pain").get_by_text("1", exact=True).click()
    page.locator("#f-extent_left").get_by_label("None", exact=True).check()
    page.locator("#f-extent_right").get_by_label("None", exact=True).check()
    page.get_by_role("button", name="Save check-in").click()


def test_an_entry_kept_for_one_person_is_not_sent_after_another_signs_in(
    app, app_context, monkeypatch
):
    alice = make_user("alice@example.org")
    make_user("bob@example.org")
    sign_in(app, "alice@example.org")
    app.goto(f"{app.base}/today/")
    wait_for_worker(app)
    # The server cannot save check-ins for a while: Alice's stays in the queue.
    app.allowed_errors.append("500 (Internal Server Error)")

    def down(**kwargs):
        raise RuntimeError("the database is away")

    monkeypatch.setattr(diary_services, "checkin_record", down)
    app.goto(f"{app.base}/checkin/")
    fill_check_in(app, "6")
    expect(app.get_by_text("Your check-in is kept on this phone")).to_be_visible()
    expect(app.locator("#queue-status")).to_have_text("1 entry waiting to be sent")

    # Alice signs out and Bob signs in on the same phone; the server can save check-ins again.
    app.goto(f"{app.base}/account/settings/")
    app.get_by_role("button", name="Sign out").first.click()
    sent = posts_to(app_context, "/checkin/")
    sign_in(app, "bob@example.org")
    monkeypatch.undo()
    app.goto(f"{app.base}/today/")
    expect(app.locator("#queue-status")).to_be_hidden()
    app.goto(f"{app.base}/history/")
    expect(app.locator(".card.entry")).to_have_count(0)
    assert sent == []
    assert not CheckIn.objects.exists()

    # When Alice is back, hers is sent, to her diary.
    app.goto(f"{app.base}/account/settings/")
    app.get_by_role("button", name="Sign out").first.click()
    sign_in(app, "alice@example.org")
    app.goto(f"{app.base}/today/")
    expect(app.locator("#queue-status")).to_be_hidden()
    assert_saved_once(sent, owner=f"user:{alice.pk}")
    assert CheckIn.objects.get().user == alice


def test_bad_data_in_the_queue_gets_the_servers_reason_and_is_dropped_with_a_note(app, app_context):
    make_user("alice@example.org")
    sign_in(app, "alice@example.org")
    app.goto(f"{app.base}/today/")
    wait_for_worker(app)
    app.allowed_errors.append("400 (Bad Request)")
    app_context.set_offline(True)
    now = timezone.now()
    status = app.evaluate(
        """async (body) => {
            const { send } = await import('/static/coach/outbox.js');
            const item = { url: '/api/sessions/', key: 'bad-session-1', label: 'A session', body };
            return (await send(item)).status;
        }""",
        {
            "routine_id": "no-such-routine",
            "started_at": (now - timedelta(minutes=5)).isoformat(),
            "ended_at": now.isoformat(),
            "completed": True,
            "planned_seconds": 60,
            "practised_seconds": 60,
            "exercises": [],
        },
    )
    assert status == "queued"
    expect(app.locator("#queue-status")).to_have_text("1 entry waiting to be sent")

    app_context.set_offline(False)
    note = app.get_by_role("alert").filter(has_text="could not be saved")
    expect(note).to_contain_text("A session from")
    expect(note).to_contain_text("routine is not among your routines")
    expect(app.locator("#queue-status")).to_be_hidden()
    assert not PracticeSession.objects.exists()

    app.reload()  # the note stays until it is read
    expect(note).to_be_visible()
    note.get_by_role("button", name="Dismiss").click()
    expect(note).to_have_count(0)
    app.reload()
    expect(app.get_by_text("could not be saved")).to_have_count(0)


def hip_flexor_result(minutes_ago: int = 10) -> dict:
    return hip_flexor_played(timezone.now() - timedelta(minutes=minutes_ago), seconds=160)


def test_results_the_earlier_outbox_kept_in_local_storage_are_still_sent(app):
    alice = make_user("alice@example.org")
    sign_in(app, "alice@example.org")
    item = {"url": "/api/sessions/", "key": "legacy-key-123", "body": hip_flexor_result()}
    app.evaluate("(item) => localStorage.setItem('sciatica.outbox', JSON.stringify([item]))", item)
    app.goto(f"{app.base}/today/")
    # The page takes the old entry over and sends it; leave only once the server has it (on a
    # busy machine that can take a moment, and leaving earlier would cut the send short).
    wait_until(app, "() => localStorage.getItem('sciatica.outbox') === null")
    for _ in range(100):
        if PracticeSession.objects.exists():
            break
        app.wait_for_timeout(100)
    expect(app.locator("#queue-status")).to_be_hidden()
    app.goto(f"{app.base}/history/")
    expect(app.locator(".card.session")).to_have_count(1)
    assert PracticeSession.objects.get().user == alice


def test_an_entry_kept_when_the_browser_is_closed_is_sent_when_it_opens_again(
    browser_type, browser_type_launch_args, browser_context_args, tmp_path, live_server
):
    alice = make_user("alice@example.org")
    args = {k: v for k, v in browser_context_args.items() if k != "service_workers"}

    def open_browser():
        context = browser_type.launch_persistent_context(
            tmp_path / "profile", **browser_type_launch_args, **args
        )
        page = context.pages[0] if context.pages else context.new_page()
        page.base = live_server.url
        return context, page

    context, page = open_browser()
    sign_in(page, "alice@example.org")
    page.goto(f"{page.base}/today/")
    wait_for_worker(page)
    context.set_offline(True)
    status = page.evaluate(
        """async (item) => (await (await import('/static/coach/outbox.js')).send(item)).status""",
        {"url": "/api/sessions/", "key": "kept-overnight-1", "body": hip_flexor_result()},
    )
    assert status == "queued"
    context.close()  # the whole browser, not just the tab
    assert not PracticeSession.objects.exists()

    context, page = open_browser()
    try:
        page.goto(f"{page.base}/today/")
        expect(page.locator("#queue-status")).to_be_hidden()
        assert PracticeSession.objects.get().user == alice
    finally:
        context.close()


def test_a_plan_change_made_offline_is_saved_once_when_back_online(app, app_context):
    alice = make_user("alice@example.org")
    make_session(alice, started_at=timezone.now() - timedelta(days=1), hurt=(TWIST,))
    sign_in(app, "alice@example.org")
    app.goto(f"{app.base}/today/")
    wait_for_worker(app)
    wait_until_kept(app, "/today/")
    app_context.set_offline(True)
    app.goto(f"{app.base}/today/")
    expect(app.locator(".offline-note")).to_be_visible()
    app.get_by_role("button", name="Bring it back now").click()
    expect(app.get_by_text("Your plan change is kept on this phone")).to_be_visible()
    assert not PlanOverride.objects.exists()

    app_context.set_offline(False)
    expect(app.locator("#queue-status")).to_be_hidden()
    assert PlanOverride.objects.get().user == alice
    app.goto(f"{app.base}/today/")
    expect(app.get_by_text("Seated knee twist on the bed is back in your routine.")).to_be_visible()
    expect(app.get_by_role("button", name="Bring it back now")).to_have_count(0)
    assert PlanOverride.objects.count() == 1
