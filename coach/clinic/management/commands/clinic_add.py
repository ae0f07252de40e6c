"""manage.py clinic_add --clinic NAME --email E [--admin]: make someone a clinician of a
clinic (the clinic, and an account without a password, made when new).

Example: manage.py clinic_add --clinic "Riverside Physio" --email sam@riverside.example --admin
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coach.clinic import services


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--clinic", required=True, help="The clinic's name (made if new).")
        parser.add_argument("--email", required=True, help="The clinician's email.")
        parser.add_argument("--admin", action="store_true", help="May invite colleagues.")
        parser.add_argument(
            "--site", default="", help="The site's address for the password link (SITE_URL)."
        )

    def handle(self, *args, clinic: str, email: str, admin: bool, site: str, **options) -> None:
        from django.conf import settings

        if not clinic.strip() or "@" not in email:
            raise CommandError("Give a clinic name and an email address.")
        added = services.membership_add(
            clinic_name=clinic, email=email, role="admin" if admin else "clinician"
        )
        m = added.membership
        self.stdout.write(f"{m.user.email} is a {m.get_role_display().lower()} of {m.clinic}.")
        if added.new_account:
            uid = urlsafe_base64_encode(force_bytes(m.user.pk))
            token = default_token_generator.make_token(m.user)
            path = reverse("accounts:password_reset_confirm", args=[uid, token])
            self.stdout.write(
                "New account: they choose a password here (the link works once), then sign in "
                f"and set up their authenticator app:\n{(site or settings.SITE_URL)}{path}"
            )
