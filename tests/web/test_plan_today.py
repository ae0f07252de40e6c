"""The plan on the Today page: the routine it is built around and why, every sentence the rules
wrote, paused stretches with a button to bring them back, doses building up with a button to
reset them. Each person sees only their own plan."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.practice.models import PlanOverride

from .factories import make_checkin, make_consent, make_session, make_user

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=LONDON)  # a Friday
TWIST = "bedside-knee-twist"


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def today(client) -> str:
    response = client.get("/today/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_relief_sequence_and_what_would_change_it(client):
    client.force_login(make_user())
    text = today(client)
    assert "Today's plan: <strong>Relief sequence</strong>" in text
    assert (
        "Do the relief sequence at least once a day, and up to 10 times if you like, always "
        "in its order, until your leg and back pain have both been 0 for a full 24 hours; "
        "then the plan moves on to the daily warm-up."
    ) in text
    assert '<p class="count">0 of up to 10</p>' in text


def test_it_shows_a_stretch_that_hurt_as_paused_until_a_day_with_a_button_to_bring_it_back(client):
    user = make_user()
    make_session(user, started_at=NOW - timedelta(days=1), hurt=(TWIST,))  # Thursday
    client.force_login(user)
    text = today(client)
    assert (
        "<strong>Seated knee twist on the bed</strong> "
        '<span class="status">Paused until Sunday</span>'
    ) in text
    assert (
        "Seated knee twist on the bed is paused until Sunday because it hurt on Thursday, "
        "and until you have done two sessions in a row with nothing hurting."
    ) in text
    assert '<form method="post" action="/plan/bedside-knee-twist/resume/"' in text
    assert 'name="next" value="/today/"' in text and "csrfmiddlewaretoken" in text
    assert (
        '<button class="btn" type="submit" aria-describedby="resume-bedside-knee-twist">'
        "Bring it back now</button>"
    ) in text
    assert (
        'id="resume-bedside-knee-twist">It comes back in your next session at a gentler '
        "dose. If it hurts again, the plan leaves it out again.</p>"
    ) in text
    # paused, so not among the doses building up
    assert "Seated knee twist on the bed:</strong>" not in text


def test_once_the_pause_is_over_it_waits_for_sessions_with_nothing_hurting(client):
    user = make_user()
    make_session(user, started_at=NOW - timedelta(days=4), hurt=(TWIST,))
    make_session(user, started_at=NOW - timedelta(days=2), skipped=(TWIST,))
    client.force_login(user)
    text = today(client)
    assert "Paused until 1 more session with nothing hurting" in text
    assert (
        "Seated knee twist on the bed is paused because it hurt on Monday, until you have "
        "done one more session with nothing hurting."
    ) in text


def test_it_shows_doses_building_up_with_a_button_to_reset_them(client):
    client.force_login(make_user())
    text = today(client)
    assert "<h3>Building up</h3>" in text
    assert "<strong>Seated knee twist on the bed:</strong> 15 s today, building to 30 s" in text
    assert (
        "Seated knee twist on the bed starts with 15 s holds, building up to the full 30 s "
        "by 5 s after every two sessions in a row where nothing hurt and the next check-in "
        "was no worse."
    ) in text
    assert '<form method="post" action="/plan/bedside-knee-twist/reset-dose/"' in text
    assert 'aria-describedby="reset-bedside-knee-twist">Reset to the full dose</button>' in text
    assert (
        'id="reset-bedside-knee-twist">Your next session holds the full 30 s instead of '
        "building up to it. If it then hurts, the plan pauses it, as it does any "
        "stretch.</p>"
    ) in text


def test_other_routines_doses_are_listed_apart_unless_the_persons_history_changed_them(client):
    user = make_user()
    client.force_login(user)
    text = today(client)
    others = text[text.index('<details class="other-doses">') :]
    assert "<summary>Other stretches building up (10)</summary>" in others
    assert "<strong>Hamstring stretch with a towel:</strong> 15 s today, building to 30 s" in (
        others
    )
    # a stretch that came back at a reduced dose is shown with the relief sequence's, whatever
    # routine it is in
    make_session(
        user,
        routine_id="hamstring-trio",
        started_at=NOW - timedelta(days=5),
        hurt=("towel-hamstring",),
    )
    for days in (4, 3):
        make_session(user, started_at=NOW - timedelta(days=days))
    text = today(client)
    main, others = text.split('<details class="other-doses">')
    assert "<strong>Hamstring stretch with a towel:</strong> 5 s today, building to 30 s" in main
    assert (
        "Hamstring stretch with a towel came back on Wednesday at a reduced dose, 5 s instead "
        "of 15 s, after being paused because it hurt on Sunday."
    ) in main
    assert "Hamstring stretch with a towel" not in others


def test_it_says_the_plan_moved_on_to_the_daily_warm_up_and_why(client):
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=2), leg=0, back=0, left=0)
    make_checkin(user, at=NOW - timedelta(hours=1), leg=0, back=0, left=0)
    client.force_login(user)
    text = today(client)
    assert "Today's plan: <strong>Daily warm-up</strong>" in text
    assert (
        "Your leg and back pain were both 0 on Wednesday and still 0 today, at least 24 "
        "hours later, so the plan has moved on to the daily warm-up. If leg or back pain "
        "comes back at 2 or more, the plan goes back to the relief sequence."
    ) in text
    assert '<a href="/routines/daily-warm-up/">Daily warm-up</a></h3><p class="count">0 of 1' in (
        text
    )


def test_it_says_the_relief_sequence_is_back_when_pain_returns(client):
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=3), leg=0, back=0, left=0)
    make_checkin(user, at=NOW - timedelta(days=2), leg=0, back=0, left=0)
    make_checkin(user, at=NOW - timedelta(hours=1), leg=3, back=1, left=1)
    client.force_login(user)
    text = today(client)
    assert "Today's plan: <strong>Relief sequence</strong>" in text
    assert (
        "Your pain came back (leg 3, back 1) today, so the plan is back to the relief "
        "sequence. Do the relief sequence at least once a day"
    ) in text


def test_new_numbness_asks_for_the_quick_check_with_a_link_to_it(client):
    user = make_user()
    make_checkin(user, at=NOW - timedelta(days=1))
    make_checkin(user, at=NOW - timedelta(hours=1), numbness=True)
    client.force_login(user)
    text = today(client)
    assert (
        "Your check-in today notes new numbness or tingling, so please answer the quick "
        "safety questions again before your next session. "
        '<a href="/account/check/?next=/today/">Answer the quick check</a>'
    ) in text


def test_a_stretch_that_hurt_twice_after_coming_back_stays_off_and_points_to_a_clinician(client):
    user = make_user()
    for days in (6, 4, 2):
        make_session(user, started_at=NOW - timedelta(days=days), hurt=(TWIST,))
        if days > 2:  # brought back by the person each time, and it hurt again
            PlanOverride.objects.create(
                user=user, exercise_id=TWIST, action="resume", at=NOW - timedelta(days=days - 1)
            )
    client.force_login(user)
    text = today(client)
    assert '<span class="status">Stays off</span>' in text
    assert (
        "Seated knee twist on the bed stays off because it hurt again on Wednesday, the "
        "second time after coming back; please ask a clinician about it before trying it "
        "again."
    ) in text
    assert (
        'id="resume-bedside-knee-twist">Please ask a clinician about it first. It comes '
        "back in your next session at a gentler dose."
    ) in text


def test_with_consent_withdrawn_it_shows_the_plan_without_the_buttons(client):
    user = make_user(consent=False)
    make_consent(user, withdrawn=True)
    make_session(user, started_at=NOW - timedelta(days=1), hurt=(TWIST,))
    client.force_login(user)
    text = today(client)
    assert "Seated knee twist on the bed is paused until Sunday" in text
    assert "Bring it back now" not in text and "Reset to the full dose" not in text


def test_a_stranger_sees_their_own_plan_not_another_persons(client):
    owner = make_user("owner@example.org")
    make_session(owner, started_at=NOW - timedelta(days=1), hurt=(TWIST,))
    client.force_login(make_user("stranger@example.org"))
    text = today(client)
    assert "Paused until" not in text and "Bring it back now" not in text
    assert "<strong>Seated knee twist on the bed:</strong> 15 s today, building to 30 s" in text
