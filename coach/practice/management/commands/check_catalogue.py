from django.core.management.base import BaseCommand, CommandError

from stretching import catalogue


class Command(BaseCommand):
    help = "Load and validate the exercise and routine data files."

    def handle(self, *args, **options):
        try:
            c = catalogue.load()
        except catalogue.CatalogueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Catalogue ready: {len(c.exercises)} exercises, {len(c.routines)} routines."
        )
