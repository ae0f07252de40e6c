"""The `sciatica` entry point: the core's command line, with played sessions saved to the
same database the web app uses. Django is set up only when a session is saved, so the
read commands start fast."""

import os
import sys

from stretching.cli import Store
from stretching.cli import main as core_main
from stretching.session import SessionResult


def database_store() -> Store:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coach.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from coach.practice.services import session_record

    def save(result: SessionResult) -> str:
        session, _ = session_record(result=result, source="cli")
        return f"Saved as session {session.pk}."

    return save


def main() -> int:
    return core_main(store=database_store)


if __name__ == "__main__":
    sys.exit(main())
