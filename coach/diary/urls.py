from django.urls import path

from . import account_views, views

app_name = "diary"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("checkin/", views.checkin, name="checkin"),
    path("checkin/<int:pk>/delete/", views.checkin_delete, name="checkin_delete"),
    path("history/", views.history, name="history"),
    # Export and deletion read every app's rows, so they live here, under the account's address.
    path("account/export/", account_views.export_page, name="export"),
    path("account/export/sciatica-coach.json", account_views.export_json, name="export_json"),
    path("account/export/sciatica-coach-csv.zip", account_views.export_csv, name="export_csv"),
    path("account/export/pain-fhir.json", account_views.export_fhir, name="export_fhir"),
    path("account/delete/", account_views.account_delete, name="delete"),
    path("account/deleted/", account_views.account_deleted, name="deleted"),
]
