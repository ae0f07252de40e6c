from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "coach.reminders"
    label = "reminders"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from coach.diary import export

        from . import exports

        export.extra_sections.connect(exports.section, dispatch_uid="reminders-export")
        pre_delete.connect(
            exports.forget_email, sender=get_user_model(), dispatch_uid="reminders-forget"
        )
