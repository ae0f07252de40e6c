from django.core.management.base import BaseCommand, CommandError

from stretching import catalogue, tips


class Command(BaseCommand):
    help = "Load and validate the exercise, routine and tip data files."

    def handle(self, *args, **options):
        try:
            c = catalogue.load()
            series = tips.load(exercise_ids=c.exercises)
        except catalogue.CatalogueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Catalogue ready: {len(c.exercises)} exercises, {len(c.routines)} routines, "
            f"{len(series.tips)} tips."
        )
