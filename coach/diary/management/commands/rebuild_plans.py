import multiprocessing
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from coach.diary import plan_state


def _rebuild(ids: Sequence[int]) -> tuple[int, int]:
    """One batch, in this process or a worker: (people, events)."""
    return len(ids), plan_state.rebuild_people(ids)


class Command(BaseCommand):
    help = (
        "Rebuild kept plan states from each person's whole history, after a change to the "
        "rules or the catalogue. No migration is needed for that: this alone fills every "
        "person's row, while pages replay the history of anyone not yet rebuilt. "
        "Example: manage.py rebuild_plans --all --jobs 2"
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email", help="Rebuild this person's plan state only.")
        who.add_argument("--all", action="store_true", help="Rebuild everyone's, in batches.")
        parser.add_argument(
            "--batch", type=int, default=200, help="People read and written together (200)."
        )
        parser.add_argument(
            "--jobs", type=int, default=1, help="Processes rebuilding batches side by side (1)."
        )

    def handle(self, *args, email=None, all=False, batch=200, jobs=1, **options):
        people = get_user_model().objects.order_by("pk")
        if email:
            user = people.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"There is no account with the email {email}.")
            events = plan_state.rebuild_people([user.pk])
            self.stdout.write(f"Rebuilt the plan state of {user.email} from {events:,} events.")
            return
        if batch < 1 or jobs < 1:
            raise CommandError("--batch and --jobs must be at least 1.")
        ids = list(people.values_list("pk", flat=True))
        batches = [ids[i : i + batch] for i in range(0, len(ids), batch)]
        done, events, began = 0, 0, time.perf_counter()
        for people_done, events_done in self._run(batches, jobs):
            done, events = done + people_done, events + events_done
            rate = done / max(time.perf_counter() - began, 1e-6)
            self.stdout.write(
                f"{done:,} of {len(ids):,} people ({events:,} events), {rate:,.0f} people/s"
            )
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"Rebuilt the plan states of {done:,} people from {events:,} events in {seconds:.0f} s."
        )

    def _run(self, batches: list[list[int]], jobs: int) -> Iterator[tuple[int, int]]:
        if jobs == 1 or len(batches) < 2:
            for ids in batches:
                yield _rebuild(ids)
            return
        connections.close_all()  # each worker opens its own
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            for future in as_completed([pool.submit(_rebuild, ids) for ids in batches]):
                yield future.result()
