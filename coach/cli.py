"""The `sciatica` entry point: the core's command line, with played sessions saved to the
same database the web app uses and plans read from it. Django is set up only when a session
is saved or a plan is read, so the other commands start fast."""

import difflib
import os
import sys

from stretching.cli import PersonError, PersonPlan, Store
from stretching.cli import main as core_main
from stretching.session import SessionResult


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coach.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def database_store() -> Store:
    _django()
    from coach.practice.services import session_record

    def save(result: SessionResult) -> str:
        session, _ = session_record(result=result, source="cli")
        return f"Saved as session {session.pk}."

    return save


def _person(email: str | None):
    """The account with this email, or the only account; PersonError says what to type."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.order_by("pk")
    example = "for example: sciatica plan --email you@example.org"
    if email is not None:
        found = people.filter(email__iexact=email.strip()).first()
        if found is None:
            known = [p.email.lower() for p in people if p.email]
            close = difflib.get_close_matches(email.strip().lower(), known, n=3, cutoff=0.8)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise PersonError(f"No account with the email '{email}'.{hint}")
        return found
    count = people.count()
    if count == 1:
        return people.get()
    if count == 0:
        raise PersonError("There are no accounts yet. Sign up in the web app first.")
    raise PersonError(f"There are {count} accounts; say whose plan with --email, {example}")


def _blocked(user, plan) -> str:
    """Why this person may not start a session from the terminal now, or ''."""
    from coach.accounts.models import ScreeningResponse
    from coach.accounts.selectors import consent_active
    from coach.diary.models import CheckIn
    from stretching.screening import SCREEN_VERSION, evaluate

    if not consent_active(user):
        return (f"{user.email} has withdrawn consent to store health data, so nothing can be "
                "saved against them. Give consent again in Settings on the web app, or play "
                "without --email.")
    screen = ScreeningResponse.objects.filter(user=user, kind="full").first()
    if screen is None or screen.screen_version != SCREEN_VERSION:
        return "Please answer the safety questions on the web app before your first session."
    result = evaluate(screen.answers, cleared_on=screen.cleared_on)
    if result.locked:
        return f"{result.headline} {result.message}"
    latest = CheckIn.objects.filter(user=user).first()
    rechecked = latest is None or ScreeningResponse.objects.filter(
        user=user, answered_at__gt=latest.at).exists()
    if plan.flags.tier_a_recheck_needed and not rechecked:
        return ("Your last check-in noted new numbness, weakness or symptoms in both legs. "
                "Please answer the quick safety check on the web app before stretching.")
    return ""


def database_planner(email: str | None) -> PersonPlan:
    """Today's plan for the person with this email (or the only person) in the app's database."""
    _django()
    from django.utils import timezone

    from coach.diary.services import checkins_link_to_session
    from coach.practice.plans import plan_for_user
    from coach.practice.services import session_record
    from stretching import catalogue

    user = _person(email)
    plan = plan_for_user(user, now=timezone.localtime())

    def save(result: SessionResult) -> str:
        session, created = session_record(result=result, source="cli", user=user)
        if created:
            checkins_link_to_session(session=session)
        return f"Saved as session {session.pk} for {user.email}."

    return PersonPlan(person=user.email, plan=plan, catalogue=catalogue.default(), store=save,
                      blocked=_blocked(user, plan))


def main() -> int:
    return core_main(store=database_store, planner=database_planner)


if __name__ == "__main__":
    sys.exit(main())
