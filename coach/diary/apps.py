from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "coach.diary"
    label = "diary"
