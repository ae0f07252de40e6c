"""Sharing is in the person's hands: a clinician's code (and QR code) opens a page that says
exactly what would be shared; nothing is shared until they confirm; codes work once and
expire; the person stops sharing at any time and the clinician's next look is refused."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from coach.clinic import services
from coach.clinic.models import Share, ShareInvite

from .clinic_factories import make_clinician, sign_in_clinician
from .factories import make_checkin, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinician():
    return make_clinician("sam@clinic.example")


@pytest.fixture
def desk(clinician):
    """The clinician's browser, signed in with a TOTP code."""
    browser = Client()
    sign_in_clinician(browser, clinician)
    return browser


def _code(client) -> str:
    page = client.post("/clinic/invites/").content.decode()
    assert "<svg" in page  # the QR code, inline
    return re.search(r'data-code="([A-Z0-9-]+)"', page).group(1)


def test_the_invite_page_shows_a_short_code_and_a_qr_code_of_the_sharing_link(
    client, clinician, desk
):
    code = _code(desk)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    page = desk.get("/clinic/invites/").content.decode()
    assert f"http://testserver/account/settings/sharing/?code={code}" in page


def test_entering_the_code_shows_what_would_be_shared_and_shares_nothing_yet(
    client, clinician, desk
):
    code = _code(desk)
    person = make_user("pat@example.org")
    client.force_login(person)
    page = client.get("/account/settings/sharing/", {"code": code.lower().replace("-", " ")})
    text = page.content.decode()
    assert "Share your diary with sam@clinic.example?" in text
    for shared in ("Your check-ins", "Your sessions", "Your plan", "safety question outcomes"):
        assert shared in text
    assert "Also share the notes I write in my check-ins" in text
    box = re.search(r'<input type="checkbox" name="include_notes"[^>]*>', text).group(0)
    assert " checked" not in box
    assert not Share.objects.exists()


def test_confirming_shares_from_now_and_uses_the_code_up(client, clinician, desk):
    code = _code(desk)
    person = make_user("pat@example.org")
    client.force_login(person)
    response = client.post("/account/settings/sharing/confirm/", {"code": code})
    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.patient, share.clinician, share.include_notes) == (person, clinician, False)
    other = make_user("other@example.org")
    client.force_login(other)
    again = client.get("/account/settings/sharing/", {"code": code})
    assert again.status_code == 400 and "used already or expired" in again.content.decode()
    assert client.post("/account/settings/sharing/confirm/", {"code": code}).status_code == 302
    assert Share.objects.count() == 1


def test_a_code_expires(client, clinician, desk):
    code = _code(desk)
    person = make_user("pat@example.org")
    client.force_login(person)
    later = timezone.now() + timedelta(days=services.SHARE_INVITE_DAYS, minutes=1)
    with time_machine.travel(later):
        response = client.get("/account/settings/sharing/", {"code": code})
    assert response.status_code == 400
    assert ShareInvite.objects.get().used_at is None


def test_notes_are_shared_only_when_ticked(client, clinician, desk):
    person = make_user("pat@example.org")
    make_checkin(person, note="My private words")
    client.force_login(person)
    for tick, seen in ((False, False), (True, True)):
        code = _code(desk)
        data = {"code": code, **({"include_notes": "on"} if tick else {})}
        client.post("/account/settings/sharing/confirm/", data)
        page = desk.get(f"/clinic/patients/{person.pk}/").content.decode()
        assert ("My private words" in page) is seen


def test_the_person_stops_sharing_and_the_clinicians_next_look_is_refused(client, clinician, desk):
    code = _code(desk)
    person = make_user("pat@example.org")
    client.force_login(person)
    client.post("/account/settings/sharing/confirm/", {"code": code})
    page = client.get("/account/settings/sharing/").content.decode()
    assert "Stop sharing with sam@clinic.example" in page
    share = Share.objects.get()
    assert desk.get(f"/clinic/patients/{person.pk}/").status_code == 200
    client.post(f"/account/settings/sharing/{share.pk}/stop/")
    share.refresh_from_db()
    assert share.stopped_at is not None
    assert desk.get(f"/clinic/patients/{person.pk}/").status_code == 404
    assert person.email not in desk.get("/clinic/").content.decode()


def test_nobody_stops_another_persons_share(client, clinician, desk):
    code = _code(desk)
    person = make_user("pat@example.org")
    client.force_login(person)
    client.post("/account/settings/sharing/confirm/", {"code": code})
    client.force_login(make_user("mallory@example.org"))
    assert (
        client.post(f"/account/settings/sharing/{Share.objects.get().pk}/stop/").status_code == 404
    )
    assert Share.objects.get().stopped_at is None


def test_sharing_pages_need_a_signed_in_person(client):
    for url in ("/account/settings/sharing/", "/account/settings/access-log/"):
        assert client.get(url)["Location"].startswith("/account/sign-in/")
