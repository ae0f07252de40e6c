"""The access log is append-only: on PostgreSQL a trigger refuses UPDATE and DELETE of its
rows, whoever asks. On other databases the model refuses (models.AccessRecord). TRUNCATE,
which only the database's owner runs (Django's flush between tests), is left alone."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION clinic_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER clinic_access_log_no_change
    BEFORE UPDATE OR DELETE ON clinic_accessrecord
    FOR EACH ROW EXECUTE FUNCTION clinic_access_log_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS clinic_access_log_no_change ON clinic_accessrecord;
DROP FUNCTION IF EXISTS clinic_access_log_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("clinic", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
