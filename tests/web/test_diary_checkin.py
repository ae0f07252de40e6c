"""The check-in form: standalone, before and after a session, the next morning; bad input gets
a clear error next to the field and saves nothing; nobody touches another person's entries."""

import re

import pytest
from django.utils import timezone

from coach.diary.models import CheckIn
from coach.diary.services import checkins_link_to_session

from .factories import make_checkin, make_session, make_user

pytestmark = pytest.mark.django_db

GOOD = {
    "leg_pain": "6",
    "back_pain": "3",
    "extent_left": "4",
    "extent_right": "0",
    "numbness": "on",
    "note": "Worse after the car journey.",
}


def test_it_saves_a_standalone_check_in_and_shows_it_on_today(client):
    user = make_user()
    client.force_login(user)
    page = client.get("/checkin/").content.decode()
    assert "How are you right now?" in page
    assert "Below the knee" in page
    response = client.post("/checkin/", GOOD, follow=True)
    entry = CheckIn.objects.get(user=user)
    assert (entry.leg_pain, entry.back_pain, entry.extent_left, entry.extent_right) == (6, 3, 4, 0)
    assert entry.numbness and not entry.weakness
    assert entry.context == "standalone" and entry.session is None
    assert entry.note == "Worse after the car journey."
    text = response.content.decode()
    assert "Check-in saved." in text
    assert "leg pain <strong>6</strong>, back pain <strong>3</strong>" in text


def test_it_links_an_after_check_in_to_the_session_just_played(client):
    user = make_user()
    session = make_session(user)
    client.force_login(user)
    page = client.get(f"/checkin/?context=after&session={session.pk}").content.decode()
    assert "After your session: how are you now?" in page
    assert "Relief sequence, " in page
    client.post(f"/checkin/?context=after&session={session.pk}", GOOD)
    entry = CheckIn.objects.get(user=user)
    assert entry.context == "after" and entry.session == session


def test_it_goes_on_to_the_player_after_a_before_check_in(client):
    user = make_user()
    client.force_login(user)
    play = "/routines/relief-sequence/play/"
    page = client.get(f"/checkin/?context=before&next={play}").content.decode()
    assert "Before your session: how are you?" in page
    response = client.post(f"/checkin/?context=before&next={play}", GOOD | {"next": play})
    assert response["Location"] == play
    assert CheckIn.objects.get(user=user).context == "before"


def test_it_links_the_check_in_before_a_session_to_the_session_once_it_is_saved(client):
    user = make_user()
    start = timezone.now()
    earlier = make_checkin(user, context="before", at=start - timezone.timedelta(hours=5))
    before = make_checkin(user, context="before", at=start - timezone.timedelta(minutes=3))
    session = make_session(user, started_at=start)
    assert checkins_link_to_session(session=session) == 1
    before.refresh_from_db()
    earlier.refresh_from_db()
    assert before.session == session and earlier.session is None
    other = make_session(make_user("other@example.org"), started_at=start)
    assert checkins_link_to_session(session=other) == 0


def test_it_records_a_morning_check_in(client):
    user = make_user()
    client.force_login(user)
    assert "Good morning" in client.get("/checkin/?context=morning").content.decode()
    client.post("/checkin/?context=morning", GOOD)
    assert CheckIn.objects.get(user=user).context == "morning"


def test_it_treats_an_unknown_context_as_a_standalone_entry(client):
    user = make_user()
    client.force_login(user)
    client.post("/checkin/?context=sideways", GOOD)
    assert CheckIn.objects.get(user=user).context == "standalone"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("leg_pain", "11", "Your leg pain must be a whole number from 0 to 10."),
        ("leg_pain", "-1", "Your leg pain must be a whole number from 0 to 10."),
        ("back_pain", "3.5", "Your back pain must be a whole number from 0 to 10."),
        ("back_pain", "a lot", "Your back pain must be a whole number from 0 to 10."),
        ("leg_pain", None, "Please choose your leg pain from 0 to 10."),
        ("back_pain", None, "Please choose your back pain from 0 to 10."),
        ("extent_left", "6", "Choose one of the places listed for your left leg."),
        ("extent_right", None, "Please choose how far down your right leg symptoms reach."),
        ("note", "x" * 2001, "Please keep the note to 2000 characters or fewer (it has 2001)."),
    ],
)
def test_it_explains_bad_input_next_to_the_field_and_saves_nothing(client, field, value, message):
    client.force_login(make_user())
    data = dict(GOOD)
    if value is None:
        del data[field]
    else:
        data[field] = value
    text = client.post("/checkin/", data).content.decode()
    assert "Nothing was saved yet" in text
    assert message in text
    # the error sits inside the field's own fieldset or field block
    block = text.split(f'id="f-{field}"')[1] if field != "note" else text.split('for="id_note"')[1]
    assert message in block.split("</fieldset>")[0] if field != "note" else message in block
    assert not CheckIn.objects.exists()


def test_it_asks_how_far_down_each_leg_with_nothing_chosen_for_the_person(client):
    client.force_login(make_user())
    page = client.get("/checkin/").content.decode()
    for field in ("extent_left", "extent_right"):
        block = page.split(f'id="f-{field}"')[1].split("</fieldset>")[0]
        assert 'value="0"' in block and "None" in block
        assert "checked" not in block
    assert "checked" not in page


def test_a_hurried_save_records_no_leg_symptoms_nobody_chose(client):
    client.force_login(make_user())
    data = {k: v for k, v in GOOD.items() if not k.startswith("extent_")}
    response = client.post("/checkin/", data)
    text = response.content.decode()
    assert response.status_code == 400 and not CheckIn.objects.exists()
    for side in ("left", "right"):
        message = f"Please choose how far down your {side} leg symptoms reach."
        summary = text.split('id="error-summary"')[1].split("</div>")[0]
        assert f'<a href="#id_extent_{side}_0">{message}</a>' in summary
        assert message in text.split(f'id="f-extent_{side}"')[1].split("</fieldset>")[0]
    # what was entered is still there to save with one more tap
    checked = re.findall(r'<input[^>]* name="(\w+)"(?: value="(\d+)")?[^>]* checked>', text)
    assert checked == [("leg_pain", "6"), ("back_pain", "3"), ("numbness", "")]
    assert "Worse after the car journey." in text


def test_it_refuses_a_10_mb_note_with_a_clear_error(client):
    client.force_login(make_user())
    text = client.post("/checkin/", GOOD | {"note": "x" * 10 * 1024 * 1024}).content.decode()
    assert "far too much to send" in text and "nothing was saved" in text
    assert not CheckIn.objects.exists()


def test_it_saves_the_top_and_bottom_of_each_scale(client):
    user = make_user()
    client.force_login(user)
    client.post(
        "/checkin/", {"leg_pain": "10", "back_pain": "0", "extent_left": "5", "extent_right": "0"}
    )
    entry = CheckIn.objects.get(user=user)
    assert (entry.leg_pain, entry.back_pain, entry.extent_left, entry.note) == (10, 0, 5, "")


def test_it_refuses_check_ins_while_consent_is_withdrawn(client):
    user = make_user()
    client.force_login(user)
    client.post("/account/consent/withdraw/")
    page = client.get("/checkin/").content.decode()
    assert "Your diary is not saving new entries." in page and "Save check-in" not in page
    response = client.post("/checkin/", GOOD)
    assert "You withdrew your consent to store health data" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_it_sends_anonymous_people_to_sign_in(client):
    response = client.post("/checkin/", GOOD)
    assert response["Location"] == "/account/sign-in/?next=/checkin/"
    assert client.get("/checkin/")["Location"].startswith("/account/sign-in/")
    assert not CheckIn.objects.exists()


def test_it_will_not_link_a_check_in_to_another_persons_session(client):
    owner = make_user("owner@example.org")
    theirs = make_session(owner)
    client.force_login(make_user("stranger@example.org"))
    assert client.get(f"/checkin/?context=after&session={theirs.pk}").status_code == 404
    response = client.post(f"/checkin/?context=after&session={theirs.pk}", GOOD)
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_it_deletes_a_single_entry_of_the_owner(client):
    user = make_user()
    keep = make_checkin(user, leg=2)
    gone = make_checkin(user, leg=7, at=timezone.now() - timezone.timedelta(hours=1))
    client.force_login(user)
    response = client.post(f"/checkin/{gone.pk}/delete/", follow=True)
    assert "is deleted" in response.content.decode()
    assert list(CheckIn.objects.all()) == [keep]


def test_it_answers_404_to_a_stranger_deleting_someone_elses_entry(client):
    entry = make_checkin(make_user("owner@example.org"))
    client.force_login(make_user("stranger@example.org"))
    assert client.post(f"/checkin/{entry.pk}/delete/").status_code == 404
    assert CheckIn.objects.filter(pk=entry.pk).exists()


def test_it_sends_anonymous_deletes_to_sign_in(client):
    entry = make_checkin(make_user())
    response = client.post(f"/checkin/{entry.pk}/delete/")
    assert response["Location"].startswith("/account/sign-in/")
    assert CheckIn.objects.filter(pk=entry.pk).exists()
