"""Deleting the account, confirmed with the password, leaves no row of that person anywhere."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client

from coach.accounts.guest import GUEST_KEY
from coach.accounts.models import Consent, ScreeningResponse
from coach.diary.models import CheckIn
from coach.practice.models import ExerciseOutcome, PracticeSession

from .factories import PASSWORD, make_checkin, make_recheck, make_screen, make_session, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()


def rows_referring_to(targets: dict[type[models.Model], set]) -> list[str]:
    """Every row in every table with a foreign key to one of the given rows."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.get_fields():
            if f.many_to_one and f.concrete and f.related_model in targets:
                ids = targets[f.related_model]
                count = model._default_manager.filter(**{f"{f.attname}__in": ids}).count()
                if count:
                    found.append(f"{model._meta.label}.{f.name}: {count}")
    return found


@pytest.fixture
def everything():
    """A person with a row in every table the app has, and someone else's to keep."""
    user = make_user("alice@example.org")
    session = make_session(user, hurt=("bedside-knee-twist",))
    make_checkin(user, session=session)
    make_recheck(user)
    make_screen(user, yes=("b1",))
    other = make_user("bob@example.org")
    make_checkin(other)
    make_session(other)
    return user, other


def test_it_removes_every_row_of_the_person_and_keeps_everyone_elses(client, everything):
    user, other = everything
    # a failed sign-in and a real one, on another device: axes rows and a stored session
    elsewhere = Client()
    elsewhere.post("/account/sign-in/", {"username": "alice@example.org", "password": "x"})
    elsewhere.post("/account/sign-in/", {"username": "alice@example.org", "password": PASSWORD})
    assert AccessAttempt.objects.filter(username="alice@example.org").exists()
    assert AccessLog.objects.filter(username="alice@example.org").exists()
    session_ids = set(PracticeSession.objects.filter(user=user).values_list("pk", flat=True))

    client.force_login(user)
    page = client.get("/account/delete/").content.decode()
    assert "This cannot be undone." in page
    response = client.post("/account/delete/", {"password": PASSWORD}, follow=True)
    assert "Your account and all its data have been deleted." in response.content.decode()

    assert not User.objects.filter(pk=user.pk).exists()
    assert rows_referring_to({User: {user.pk}, PracticeSession: session_ids}) == []
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert not model.objects.filter(username__iexact="alice@example.org").exists()
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    assert "_auth_user_id" not in client.session
    assert elsewhere.get("/today/")["Location"].startswith("/account/sign-in/")

    assert CheckIn.objects.filter(user=other).count() == 1
    assert PracticeSession.objects.filter(user=other).count() == 1
    assert Consent.objects.filter(user=other).count() == 1
    assert ScreeningResponse.objects.filter(user=other).count() == 1
    assert ExerciseOutcome.objects.filter(session__user=other).count() == 5


def test_it_also_removes_sessions_played_as_a_guest_in_this_browser(client, everything):
    user, _ = everything
    client.force_login(user)
    session = client.session
    session[GUEST_KEY] = "guest-1"
    session.save()
    make_session(guest_key="guest-1")
    stranger = make_session(guest_key="guest-2")
    client.post("/account/delete/", {"password": PASSWORD})
    assert list(PracticeSession.objects.filter(user__isnull=True)) == [stranger]


def test_it_deletes_nothing_without_the_right_password(client, everything):
    user, _ = everything
    client.force_login(user)
    text = client.post("/account/delete/", {"password": "wrong"}).content.decode()
    assert "That is not your password. Nothing was deleted." in text
    text = client.post("/account/delete/", {}).content.decode()
    assert "Please enter your password to confirm." in text
    assert User.objects.filter(pk=user.pk).exists()
    assert CheckIn.objects.filter(user=user).count() == 1


def test_it_only_ever_deletes_the_signed_in_person(client, everything):
    user, other = everything
    client.force_login(other)
    client.post("/account/delete/", {"password": PASSWORD})
    assert User.objects.filter(pk=user.pk).exists()
    assert CheckIn.objects.filter(user=user).count() == 1
    assert not User.objects.filter(pk=other.pk).exists()


def test_it_sends_anonymous_people_to_sign_in(client, everything):
    assert client.get("/account/delete/")["Location"].startswith("/account/sign-in/")
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response["Location"].startswith("/account/sign-in/")
    assert User.objects.count() == 2
