"""Clinic mode's addresses: the clinician's pages under /clinic/, the person's sharing pages
under their settings, their assigned routines, and the printable handouts."""

from django.urls import path

from . import (
    handout_views,
    otp_views,
    patient_views,
    routine_views,
    sharing_views,
)
from . import (
    my_routine_views as mine,
)

app_name = "clinic"

urlpatterns = [
    # the clinician
    path("clinic/", patient_views.patients, name="patients"),
    path("clinic/setup/", otp_views.setup, name="setup"),
    path("clinic/verify/", otp_views.verify, name="verify"),
    path("clinic/recovery-codes/", otp_views.recovery_codes, name="recovery_codes"),
    path("clinic/team/", otp_views.team, name="team"),
    path("clinic/join/<str:token>/", otp_views.join, name="join"),
    path("clinic/invites/", sharing_views.invites, name="invites"),
    path("clinic/patients/<int:patient_id>/", patient_views.patient, name="patient"),
    path(
        "clinic/patients/<int:patient_id>/routines/new/",
        routine_views.routine_new,
        name="routine_new",
    ),
    path(
        "clinic/patients/<int:patient_id>/routines/<slug:routine_id>/",
        routine_views.routine_edit,
        name="routine_edit",
    ),
    path(
        "clinic/patients/<int:patient_id>/routines/<slug:routine_id>/versions/",
        routine_views.routine_versions,
        name="routine_versions",
    ),
    path(
        "clinic/patients/<int:patient_id>/routines/<slug:routine_id>/remove/",
        routine_views.routine_remove,
        name="routine_remove",
    ),
    path(
        "clinic/patients/<int:patient_id>/routines/<slug:routine_id>/handout.pdf",
        handout_views.patient_handout,
        name="patient_handout",
    ),
    path(
        "clinic/patients/<int:patient_id>/routines/<slug:routine_id>/fhir.json",
        handout_views.patient_fhir,
        name="patient_fhir",
    ),
    # the person
    path("account/settings/sharing/", sharing_views.sharing, name="sharing"),
    path("account/settings/sharing/confirm/", sharing_views.share_confirm, name="share_confirm"),
    path("account/settings/sharing/<int:pk>/stop/", sharing_views.share_stop, name="share_stop"),
    path("account/settings/access-log/", sharing_views.access_log, name="access_log"),
    path("my-routines/<slug:routine_id>/", mine.my_routine, name="my_routine"),
    path("my-routines/<slug:routine_id>/play/", mine.my_player, name="my_player"),
    path("my-routines/<slug:routine_id>/sessions/", mine.my_results, name="my_results"),
    path("my-routines/<slug:routine_id>/handout.pdf", handout_views.my_handout, name="my_handout"),
    # anyone
    path("routines/<slug:routine_id>/handout.pdf", handout_views.routine_handout, name="handout"),
]
