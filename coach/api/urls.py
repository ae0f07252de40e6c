from django.urls import path

from . import views
from .api import api

urlpatterns = [
    path("api/v1/reference", views.reference, name="api_reference"),
    path("api/v1/", api.urls),
    path("account/api-tokens/", views.tokens, name="api_tokens"),
    path("account/api-tokens/<int:pk>/revoke", views.token_revoke_view, name="api_token_revoke"),
]
