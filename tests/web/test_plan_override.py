"""The person's own overrides of the plan, posted from the Today page: bring a paused stretch
back, reset a dose. Overrides belong to the signed-in person; nobody changes another's plan."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from coach.practice.models import PlanOverride

from .factories import make_consent, make_session, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=ZoneInfo("Europe/London"))  # a Friday
TWIST = "bedside-knee-twist"
RESUME = f"/plan/{TWIST}/resume/"
RESET = f"/plan/{TWIST}/reset-dose/"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW)  # ticking: a quick check comes after the sessions it follows


@pytest.fixture
def owner():
    user = make_user("owner@example.org")
    make_session(user, started_at=NOW - timedelta(days=1), hurt=(TWIST,))
    return user


def twist_hold(client, routine="relief-sequence"):
    """The twist's hold in the player's compiled timeline, or None when it is left out."""
    page = client.get(f"/routines/{routine}/").content.decode()
    return page, [
        s["duration"]
        for s in _timeline(client, routine)
        if s.get("exercise_id") == TWIST and s["kind"] == "hold"
    ]


def _timeline(client, routine):
    client.post("/account/check/", {"none": "1"})  # the quick check before each session
    response = client.get(f"/routines/{routine}/play/")
    assert response.status_code == 200, response.get("Location")
    return response.context["player_data"]["timeline"]["steps"]


def test_bringing_a_paused_stretch_back_puts_it_in_the_next_session_at_a_gentler_dose(
    client, owner
):
    client.force_login(owner)
    assert twist_hold(client)[1] == []
    response = client.post(RESUME, {"next": "/today/"}, follow=True)
    assert response.redirect_chain == [("/today/", 302)]
    text = response.content.decode()
    assert "Seated knee twist on the bed is back in your routine." in text
    assert (
        "You brought seated knee twist on the bed back today; it starts again at a reduced "
        "dose, 5 s instead of 15 s."
    ) in text
    assert "Paused until" not in text
    assert "<strong>Seated knee twist on the bed:</strong> 5 s today, building to 30 s" in text
    page, holds = twist_hold(client)
    assert holds == [5, 5]  # each side
    assert "5 s hold today (full dose: 30 s per side)" in page
    override = PlanOverride.objects.get()
    assert (override.user, override.exercise_id, override.action) == (owner, TWIST, "resume")


def test_resetting_a_dose_gives_the_full_hold_from_the_next_session(client):
    user = make_user()
    client.force_login(user)
    assert twist_hold(client)[1] == [15, 15]
    text = client.post(RESET, {"next": "/today/"}, follow=True).content.decode()
    assert "Seated knee twist on the bed is back to its full dose." in text
    assert ("You set seated knee twist on the bed back to its full dose, 30 s, today.") in text
    assert "Seated knee twist on the bed:</strong>" not in text  # no longer building up
    assert twist_hold(client)[1] == [30, 30]


def test_the_rules_undo_an_override_when_the_stretch_hurts_again(client, owner, time_machine):
    client.force_login(owner)
    client.post(RESUME)
    time_machine.move_to(NOW + timedelta(hours=1))
    make_session(owner, started_at=NOW + timedelta(minutes=5), hurt=(TWIST,))
    text = client.get("/today/").content.decode()
    assert (
        "Seated knee twist on the bed is paused until Monday because it hurt again today"
    ) in text


def test_an_override_without_a_safe_next_goes_to_today(client, owner):
    client.force_login(owner)
    response = client.post(RESUME, {"next": "https://elsewhere.example/"})
    assert response["Location"] == "/today/"


def test_a_stranger_can_only_change_their_own_plan(client, owner):
    client.force_login(make_user("stranger@example.org"))
    client.post(RESUME, {"next": "/today/"})
    assert PlanOverride.objects.get().user.email == "stranger@example.org"
    client.force_login(owner)
    assert (
        "Seated knee twist on the bed is paused until Sunday"
        in client.get("/today/").content.decode()
    )


def test_anonymous_people_are_sent_to_sign_in_and_nothing_changes(client, owner):
    response = client.post(RESUME, {"next": "/today/"})
    assert response.status_code == 302
    assert response["Location"] == f"/account/sign-in/?next={RESUME}"
    assert not PlanOverride.objects.exists()


def test_without_consent_nothing_is_stored(client):
    user = make_user(consent=False)
    make_consent(user, withdrawn=True)
    client.force_login(user)
    assert client.post(RESUME).status_code == 404
    assert not PlanOverride.objects.exists()


@pytest.mark.parametrize("url", ["/plan/bedside-twist/resume/", "/plan/bedside-knee-twist/skip/"])
def test_an_unknown_stretch_or_action_is_a_404(client, owner, url):
    client.force_login(owner)
    assert client.post(url).status_code == 404
    assert not PlanOverride.objects.exists()


def test_overrides_are_posted_with_a_csrf_token_only(owner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    assert browser.get(RESUME).status_code == 405
    assert browser.post(RESUME).status_code == 403
    page = browser.get("/today/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert browser.post(RESUME, {"csrfmiddlewaretoken": token}).status_code == 302
    assert PlanOverride.objects.count() == 1


def test_the_player_data_is_json_the_page_can_read(client, owner):
    client.force_login(owner)
    client.post("/account/check/", {"none": "1"})
    page = client.get("/routines/relief-sequence/play/").content.decode()
    data = json.loads(
        page.split('id="player-data" type="application/json">')[1].split("</script>")[0]
    )
    assert TWIST not in {s.get("exercise_id") for s in data["timeline"]["steps"]}
