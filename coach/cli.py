"""The `sciatica` entry point: the core's command line, with a person's plan, safety answers
and sessions read from and saved to the same database the web app uses. Django is set up only
when a person is named (`plan`, `play --email`), so the other commands start fast."""

import difflib
import os
import sys
from collections.abc import Sequence

from stretching.cli import PersonError, PersonPlan, Saved
from stretching.cli import main as core_main
from stretching.gate import Facts
from stretching.session import SessionResult


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coach.settings")
    import django

    django.setup()


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


def database_planner(email: str | None) -> PersonPlan:
    """Today's plan for the person with this email (or the only person) in the app's database,
    with what the safety gate needs and the same writers the web app uses."""
    _django()
    from django.db import DatabaseError
    from django.utils import timezone

    from coach.accounts.services import quick_check_record
    from coach.diary.plans import plan_for_user, recheck_asked_at
    from coach.practice.gating import facts_for
    from coach.practice.results import expected_for
    from coach.practice.services import session_record
    from stretching import catalogue
    from stretching.result import ResultError, check_result

    try:
        user = _person(email)
    except DatabaseError as exc:  # no tables yet: the app's database was never set up
        raise PersonError(
            "The app's database is not set up yet: run `make run` (or `.venv/bin/python "
            "manage.py migrate`) first."
        ) from exc
    plan = plan_for_user(user, now=timezone.localtime())
    asked = recheck_asked_at(user, plan)

    def quick_check(ticked: Sequence[str]) -> Facts:
        quick_check_record(user=user, browser=None, ticked=ticked)
        return facts_for(user=user, browser=None, recheck_asked_at=asked)

    def save(result: SessionResult) -> Saved:
        try:  # the one check every door makes (stretching.result)
            result = check_result(result, expected_for(user=user))
        except ResultError as exc:
            return Saved(problem=str(exc))
        session, _ = session_record(result=result, source="cli", user=user)
        return Saved(session.pk)

    return PersonPlan(
        person=user.email,
        plan=plan,
        catalogue=catalogue.default(),
        store=save,
        safety=facts_for(user=user, browser=None, recheck_asked_at=asked),
        quick_check=quick_check,
        clock=timezone.now,
    )


def main() -> int:
    return core_main(planner=database_planner)


if __name__ == "__main__":
    sys.exit(main())
