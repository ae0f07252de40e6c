"""The tasks the worker runs (Django's tasks framework, database backend: django-tasks-db)."""

from django.tasks import task

from . import sending


@task()
def send_slots(slot_ids: list[int]) -> dict[str, int]:
    """Send each claimed slot; a count of what happened."""
    counts: dict[str, int] = {}
    for slot_id in slot_ids:
        outcome = sending.deliver_slot(slot_id).split(":")[0].split(" at ")[0]
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


@task()
def send_tip(subscription_id: int, number: int) -> str:
    return sending.deliver_tip(subscription_id, number)
