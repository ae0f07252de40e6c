from django.core.management.base import BaseCommand

from coach.practice import quarantine


class Command(BaseCommand):
    help = (
        "Find stored sessions that break the rules every result is checked by (ended before "
        "started, out-of-range times or numbers, unknown routines, practised far beyond the "
        "plan) and quarantine them: kept and listed for the person, left out of the plan and "
        "the pages. Example: manage.py quarantine_sessions --dry-run"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be quarantined; change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        findings = quarantine.find()
        for f in findings:
            owner = f"user {f.user_id}" if f.user_id is not None else "a guest"
            self.stdout.write(f"session {f.session_id} ({owner}): {f.reason}")
        if not dry_run:
            quarantine.quarantine(findings)
        verb = "would be quarantined" if dry_run else "quarantined"
        self.stdout.write(f"{len(findings)} sessions {verb}.")
