"""Personal access tokens: how a person's own scripts, watch or study reach the API."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessToken(models.Model):
    """A token a person made in Settings. Only its SHA-256 is kept; the token itself is shown
    once, when it is made."""

    READ = "read"
    READ_WRITE = "read-write"
    SCOPES = [(READ, _("Read")), (READ_WRITE, _("Read and write"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=80)
    scope = models.CharField(max_length=12, choices=SCOPES, default=READ)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text="The token's first characters, to tell it.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.READ_WRITE
