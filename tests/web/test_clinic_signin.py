"""Clinician sign-in takes a second factor: every clinic page needs a TOTP code (computed here
with RFC 6238, as a phone would) or a recovery code; people who are not clinicians get 404."""

import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from coach.clinic.models import ClinicianInvitation, ClinicianMembership

from .clinic_factories import make_clinic, make_clinician, sign_in_clinician, totp
from .factories import make_user

pytestmark = pytest.mark.django_db


def test_it_asks_a_signed_in_clinician_for_a_code_before_any_clinic_page(client):
    clinician = make_clinician("sam@clinic.example")
    client.force_login(clinician)
    for url in ("/clinic/", "/clinic/invites/", "/clinic/team/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/clinic/verify/?next=")


def test_a_real_totp_code_opens_the_clinic_pages(client):
    clinician = make_clinician("sam@clinic.example")
    client.force_login(clinician)
    page = client.get("/clinic/verify/?next=/clinic/")
    assert "authenticator app" in page.content.decode()
    response = client.post(
        "/clinic/verify/", {"code": totp(clinician.totp_key), "next": "/clinic/"}
    )
    assert response.status_code == 302 and response["Location"] == "/clinic/"
    assert client.get("/clinic/").status_code == 200


def test_a_wrong_or_old_code_is_refused(client):
    clinician = make_clinician("sam@clinic.example")
    client.force_login(clinician)
    stale = totp(clinician.totp_key, at=time.time() - 600)
    response = client.post("/clinic/verify/", {"code": stale, "next": "/clinic/"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert client.get("/clinic/").status_code == 302


def test_a_recovery_code_works_once(client):
    clinician = make_clinician("sam@clinic.example")
    sign_in_clinician(client, clinician)
    page = client.post("/clinic/recovery-codes/")
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", page.content.decode())
    assert len(codes) == 10
    client.logout()
    client.force_login(clinician)
    assert client.post("/clinic/verify/", {"code": codes[0]}).status_code == 302
    assert client.get("/clinic/").status_code == 200
    client.logout()
    client.force_login(clinician)
    again = client.post("/clinic/verify/", {"code": codes[0]})
    assert again.status_code == 200 and client.get("/clinic/").status_code == 302


def test_a_new_clinician_pairs_an_app_then_gets_recovery_codes(client):
    user = make_user("new@clinic.example", consent=False, screened=False)
    ClinicianMembership.objects.create(clinic=make_clinic(), user=user)
    client.force_login(user)
    assert client.get("/clinic/")["Location"].startswith("/clinic/setup/")
    page = client.get("/clinic/setup/?next=/clinic/")
    assert "<svg" in page.content.decode() and "otpauth" not in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/clinic/setup/", {"code": totp(device.key), "next": "/clinic/"})
    assert "Your recovery codes" in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/clinic/").status_code == 200


def test_people_who_are_not_clinicians_get_404_and_anonymous_visitors_sign_in(client):
    person = make_user("pat@example.org")
    assert client.get("/clinic/")["Location"].startswith("/account/sign-in/")
    client.force_login(person)
    for url in ("/clinic/", "/clinic/verify/", "/clinic/setup/"):
        assert client.get(url).status_code == 404


def test_clinic_add_makes_a_clinician_and_prints_a_password_link():
    from io import StringIO

    out = StringIO()
    call_command(
        "clinic_add", "--clinic", "Hillside", "--email", "Lee@Hillside.example", stdout=out
    )
    m = ClinicianMembership.objects.get(user__email="lee@hillside.example")
    assert (m.clinic.name, m.role) == ("Hillside", "clinician")
    assert "/account/password/reset/" in out.getvalue()
    assert not m.user.has_usable_password()


def test_an_admin_invites_a_colleague_by_email_who_joins_once(client):
    admin = make_clinician("boss@clinic.example", role="admin")
    sign_in_clinician(client, admin)
    client.post("/clinic/team/", {"email": "kim@clinic.example"})
    (message,) = mail.outbox
    assert message.to == ["kim@clinic.example"]
    link = re.search(r"http://testserver(/clinic/join/[^/\s]+/)", message.body).group(1)
    assert link in message.alternatives[0][0]
    client.logout()
    joined = client.post(link, {"password": "a-long-password-42"})
    assert joined.status_code == 302 and joined["Location"] == "/clinic/setup/"
    assert ClinicianMembership.objects.filter(user__email="kim@clinic.example").exists()
    client.logout()
    assert client.get(link).status_code == 404
    assert ClinicianInvitation.objects.get().accepted_at is not None


def test_a_clinician_who_is_not_an_admin_cannot_invite(client):
    clinician = make_clinician("sam@clinic.example")
    sign_in_clinician(client, clinician)
    client.post("/clinic/team/", {"email": "kim@clinic.example"})
    assert mail.outbox == []
