"""The access log: every clinician's view, change and export of a person's data, append-only
(the model refuses to change or delete a row anywhere; on PostgreSQL a trigger refuses even
raw SQL), read by the person on their own page and part of their export."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.test import Client

from coach.clinic.models import AccessRecord

from .clinic_factories import assign, make_clinician, make_share, sign_in_clinician
from .factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def looked_at():
    """A person whose clinician looked at their page, changed their routine and exported it."""
    person = make_user("pat@example.org")
    clinician = make_clinician("sam@clinic.example")
    share = make_share(person, clinician)
    row = assign(share)
    desk = Client(REMOTE_ADDR="203.0.113.9")
    sign_in_clinician(desk, clinician)
    desk.get(f"/clinic/patients/{person.pk}/")
    desk.post(f"/clinic/patients/{person.pk}/routines/{row.routine_id}/remove/")
    desk.get(f"/clinic/patients/{person.pk}/routines/{row.routine_id}/versions/")
    return person


def test_views_changes_and_exports_are_recorded_with_who_whom_when_and_where(looked_at):
    records = list(AccessRecord.objects.order_by("id"))
    assert [r.action for r in records] == ["view", "change", "view"]
    assert {(r.actor_email, r.patient_id, r.address) for r in records} == {
        ("sam@clinic.example", looked_at.pk, "203.0.113.9")
    }
    assert records[1].what.startswith("took routine clinic-")


def test_the_model_refuses_to_change_or_delete_a_record(looked_at):
    record = AccessRecord.objects.first()
    record.what = "nothing to see"
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    with pytest.raises(PermissionDenied):
        AccessRecord.objects.filter(pk=record.pk).update(what="nothing")
    with pytest.raises(PermissionDenied):
        AccessRecord.objects.all().delete()
    assert AccessRecord.objects.count() == 3


def test_on_postgresql_the_database_itself_refuses_update_and_delete(looked_at):
    table = AccessRecord._meta.db_table
    refused = []
    for sql in (f"UPDATE {table} SET what = 'x'", f"DELETE FROM {table}"):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
        except DatabaseError as exc:
            assert "append-only" in str(exc)
            refused.append(sql.split()[0])
    if connection.vendor == "postgresql":
        assert refused == ["UPDATE", "DELETE"]
        assert set(AccessRecord.objects.values_list("what", flat=True)) != {"x"}
    else:  # the trigger is PostgreSQL's; elsewhere the model is the guard (test above)
        assert refused == []


def test_the_person_reads_who_looked_at_their_data(looked_at, client):
    client.force_login(looked_at)
    page = client.get("/account/settings/access-log/").content.decode()
    assert page.count("sam@clinic.example") == 3
    assert "203.0.113.9" in page and "Riverside Physio" in page
    client.force_login(make_user("other@example.org"))
    other = client.get("/account/settings/access-log/").content.decode()
    assert "sam@clinic.example" not in other and "Nobody has looked at your data." in other


def test_the_access_log_is_part_of_the_persons_export(looked_at, client):
    client.force_login(looked_at)
    data = json.loads(client.get("/account/export/sciatica-coach.json").content)
    log = data["access_log"]
    assert [entry["action"] for entry in log] == ["view", "change", "view"]
    assert {entry["who"] for entry in log} == {"sam@clinic.example"}
    assert {entry["from"] for entry in log} == {"203.0.113.9"}
