"""Done-when: clinic mode walked in a real browser, at phone and at desktop size. A clinician
signs in with a TOTP code and makes an invite; a person accepts it by code after seeing what
is shared, plays a session in which one stretch hurts; the clinician sees it on the patient
list on the next load, composes a routine and assigns it; the person's Today shows it; the
person stops sharing, and the clinician's next look is refused."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from coach.clinic.models import ClinicianMembership
from coach.practice.models import AssignedRoutine, PracticeSession

from ..web.clinic_factories import make_clinic, totp
from ..web.factories import make_user
from .conftest import SPEECH_STUB, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "stretch-gently-42"
PLAYER = "/routines/relief-sequence/play/"
TWIST = "bedside-knee-twist"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# Near the real date, so cookies the server dates by its clock stay valid in the browser.
T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)


def clinician_account():
    user = make_user("sam@clinic.example", consent=False, screened=False)
    ClinicianMembership.objects.create(clinic=make_clinic("Riverside Physio"), user=user)
    return user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(page, email: str, then: str) -> None:
    page.goto(f"{page.base}/account/sign-in/?next={then}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_up_and_screen(page, email: str) -> None:
    page.goto(f"{page.base}/account/sign-up/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Create my account").click()
    for radio in page.locator("input[type=radio][value=no]").all():
        radio.check()
    page.get_by_role("button", name="See what my answers mean").click()
    expect(page.get_by_role("link", name=re.compile("^(Start|Go on)"))).to_be_visible()


def play_with_one_hurt(page, time_machine) -> None:
    page.goto(f"{page.base}{PLAYER}")
    if "/account/check/" in page.url:
        page.get_by_role("button", name="None of these").click()
    expect(page).to_have_url(re.compile(re.escape(PLAYER) + "$"))
    timeline = json.loads(page.locator("#player-data").text_content())["timeline"]
    twist = next(s for s in timeline["steps"] if s.get("exercise_id") == TWIST)
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#stage")).to_be_visible()
    page.clock.run_for((twist["start"] + 3) * 1000)
    page.get_by_role("button", name="This hurts").click()
    # The server's clock moves with the page's, so the result does not end in its future.
    time_machine.move_to(T0 + timedelta(seconds=timeline["total_seconds"] + 120), tick=True)
    page.clock.run_for((timeline["total_seconds"] + 2) * 1000)
    expect(page.locator("#n-hurt")).to_have_text("1")
    expect(page.locator("#save-status")).to_contain_text("Saved")


@pytest.mark.parametrize("size", sorted(SIZES))
def test_clinic_walk(phone, browser, browser_context_args, time_machine, size):
    time_machine.move_to(T0, tick=True)
    person = phone
    person.set_viewport_size(SIZES[size])
    person.clock.install(time=T0)
    desk_context = browser.new_context(**{**browser_context_args, "viewport": SIZES[size]})
    desk_context.add_init_script(SPEECH_STUB)
    desk = desk_context.new_page()
    desk.base = person.base
    user, device = clinician_account()

    # The clinician signs in: password, then a code from the authenticator (computed here).
    sign_in(desk, user.email, "/clinic/")
    expect(desk.get_by_role("heading", name="Enter your code")).to_be_visible()
    desk.get_by_label("Code").fill(totp(device.key))
    desk.get_by_role("button", name="Continue").click()
    expect(desk.get_by_role("heading", name="Patients")).to_be_visible()
    desk.get_by_role("navigation", name="Clinic").get_by_role(
        "link", name="Invite a patient"
    ).click()
    desk.get_by_role("button", name="Make a new code").click()
    code = desk.locator(".invite-new .code").text_content().strip()
    expect(desk.locator(".invite-new .qr svg")).to_be_visible()
    screenshot(desk, f"clinic-invite-{size}")

    # The person signs up, enters the code, sees what is shared and confirms.
    sign_up_and_screen(person, "pat@example.org")
    person.goto(f"{person.base}/account/settings/sharing/")
    person.get_by_label("Code from your clinician").fill(code.lower())
    person.get_by_role("button", name="Continue").click()
    expect(person.get_by_role("heading", name=re.compile("Share your diary with"))).to_be_visible()
    for shared in ("Your check-ins", "Your sessions", "Your plan"):
        expect(person.get_by_text(shared, exact=False).first).to_be_visible()
    expect(person.get_by_label("Also share the notes I write in my check-ins")).not_to_be_checked()
    person.get_by_role("button", name="Share my diary").click()
    expect(person.get_by_text("You now share your diary with sam@clinic.example")).to_be_visible()

    # A session in which the knee twist hurts.
    play_with_one_hurt(person, time_machine)
    assert PracticeSession.objects.get().outcomes.filter(outcome="hurt").count() == 1

    # The clinician sees it on the patient list at the next load.
    desk.reload()
    desk.goto(f"{desk.base}/clinic/")
    row = desk.locator("tr", has_text="pat@example.org")
    expect(row.locator(".hurt-count")).to_have_text("1")
    expect(row).to_contain_text("1 of 7")
    screenshot(desk, f"clinic-list-{size}")

    # ...composes a routine and assigns it.
    row.get_by_role("link", name="pat@example.org").click()
    desk.get_by_role("link", name="Compose a routine").click()
    desk.get_by_label("Name").fill("Morning set")
    desk.get_by_label("Row 1: stretch").select_option("supine-piriformis")
    desk.locator("#ex-0-hold_seconds").fill("90")
    desk.get_by_role("button", name="Assign to pat@example.org").click()
    expect(desk.get_by_text("Row 1, hold (s): must be between 10 and 60 s")).to_be_visible()
    desk.locator("#ex-0-hold_seconds").fill("25")
    desk.locator("#ex-0-note").fill("Keep the ankle relaxed")
    desk.get_by_role("button", name="Assign to pat@example.org").click()
    expect(desk.get_by_text("Morning set is on pat@example.org's plan")).to_be_visible()
    assert AssignedRoutine.objects.get().current

    # The person's Today shows it.
    person.goto(f"{person.base}/today/")
    block = person.locator("section.assigned")
    expect(block).to_contain_text("From your clinician")
    expect(block.get_by_role("link", name="Morning set")).to_be_visible()
    screenshot(person, f"clinic-today-{size}")

    # The person stops sharing; the clinician's next look is refused.
    patient_page = desk.url
    person.goto(f"{person.base}/account/settings/sharing/")
    person.get_by_role("button", name="Stop sharing with sam@clinic.example").click()
    expect(person.get_by_text("You have stopped sharing with sam@clinic.example")).to_be_visible()
    response = desk.goto(patient_page)
    assert response.status == 404
    expect(desk.get_by_text("pat@example.org")).to_have_count(0)
    desk_context.close()
