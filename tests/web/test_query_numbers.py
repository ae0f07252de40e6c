"""Numbers in an address are read with ASCII digits only: a superscript, another script's digit
or a number too big for the database is refused or ignored, never a server error."""

import pytest

from coach.diary.models import CheckIn
from coach.lib.query import ascii_int

from .factories import make_session, make_user

pytestmark = pytest.mark.django_db

GOOD = {"leg_pain": "2", "back_pain": "1", "extent_left": "0", "extent_right": "0"}
NOT_NUMBERS = ["²", "٣", "１", " 1", "1_0", "-1", "+1", "1e3", "0x1", "9" * 19]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_it_reads_only_plain_ascii_numbers(value):
    assert ascii_int(value) is None


def test_it_reads_a_plain_number_up_to_eighteen_digits():
    assert ascii_int("0") == 0
    assert ascii_int("042") == 42
    assert ascii_int("9" * 18) == 10**18 - 1


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_it_answers_a_check_in_for_a_session_that_is_not_a_number_with_400(client, value):
    user = make_user()
    client.force_login(user)
    page = client.get("/checkin/", {"context": "after", "session": value})
    assert page.status_code == 400
    assert "That could not be accepted" in page.content.decode()
    posted = client.post(f"/checkin/?context=after&session={value}", GOOD)
    assert posted.status_code == 400
    assert not CheckIn.objects.exists()


def test_it_answers_404_for_a_session_number_nobody_has(client):
    client.force_login(make_user())
    assert client.get("/checkin/", {"session": "9" * 18}).status_code == 404


def test_it_still_links_a_check_in_to_a_session_given_by_its_number(client):
    user = make_user()
    session = make_session(user)
    client.force_login(user)
    client.post(f"/checkin/?context=after&session={session.pk}", GOOD)
    assert CheckIn.objects.get(user=user).session == session


@pytest.mark.parametrize("value", ["٧", "⁷", "7_", " 7", "9" * 40])
def test_it_shows_thirty_days_of_history_for_a_period_that_is_not_a_plain_number(client, value):
    client.force_login(make_user())
    response = client.get("/history/", {"days": value})
    assert response.status_code == 200
    assert "The last 30 days" in response.content.decode()


def test_it_shows_the_week_asked_for_in_plain_digits(client):
    client.force_login(make_user())
    assert "The last 7 days" in client.get("/history/", {"days": "7"}).content.decode()
