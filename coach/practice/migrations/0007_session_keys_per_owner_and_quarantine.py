"""Idempotency keys unique per person (or guest), not across everyone; a quarantined session is
kept but read by nothing that plans or draws pages (manage.py quarantine_sessions)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0006_assignedroutine"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="practicesession",
            name="quarantine_reason",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="practicesession",
            name="quarantined",
            field=models.BooleanField(
                default=False,
                help_text="Breaks the rules a result is checked by (stretching.result): kept, "
                "listed for the person, never read by the plan or the pages (manage.py "
                "quarantine_sessions).",
            ),
        ),
        migrations.AlterField(
            model_name="practicesession",
            name="idempotency_key",
            field=models.CharField(
                help_text="A retried post is saved once: unique per person (or guest).",
                max_length=64,
            ),
        ),
        migrations.AddConstraint(
            model_name="practicesession",
            constraint=models.UniqueConstraint(
                condition=models.Q(("user__isnull", False)),
                fields=("user", "idempotency_key"),
                name="session_key_once_per_person",
            ),
        ),
        migrations.AddConstraint(
            model_name="practicesession",
            constraint=models.UniqueConstraint(
                condition=models.Q(("user__isnull", True)),
                fields=("guest_key", "idempotency_key"),
                name="session_key_once_per_guest",
            ),
        ),
    ]
