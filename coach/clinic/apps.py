from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "coach.clinic"
    label = "clinic"

    def ready(self) -> None:
        from coach.diary import export

        from .audit import export_section

        export.extra_sections.connect(export_section, dispatch_uid="clinic-access-log")
