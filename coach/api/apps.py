from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "coach.api"
    label = "api"
    verbose_name = "JSON API"
