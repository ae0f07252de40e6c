from django.urls import path

from . import views

app_name = "diary"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("checkin/", views.checkin, name="checkin"),
    path("checkin/<int:pk>/delete/", views.checkin_delete, name="checkin_delete"),
    path("history/", views.history, name="history"),
]
