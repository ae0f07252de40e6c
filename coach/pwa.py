"""The installable app: the web app manifest, the service worker at the site root, the page
shown offline, and the quick safety check as data for a session started offline.

The worker precaches the app shell (every style sheet, script and icon, the drawings, the
offline page) in a cache named after a digest of all of it, so any change to a file makes a new
version; the list is built here from the static files and the catalogue. The quick check is
kept once for each language (/offline/quick-check.json?lang=es), as the page asks for its own.
"""

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from coach.practice.figure_views import _render as figure_text
from stretching import figures, i18n
from stretching.gate import RECHECK_VALID_MINUTES, quick_check_question
from stretching.screening import recheck, words

app_name = "pwa"

NAME = "Sciatica Coach"
SHORT_NAME = "Sciatica"
DESCRIPTION = gettext_lazy(
    "General stretching routines, a guided timer and a pain diary for people with sciatica."
)
MANIFEST_LANG = {"en": "en-GB", "es": "es"}
"""The manifest's language tag for each of the site's languages."""
SHELL_FILES = (".css", ".js", ".svg", ".png")
IGNORED = ["CVS", ".*", "*~"]
ICONS = [
    ("coach/icons/icon-192.png", 192, "any"),
    ("coach/icons/icon-512.png", 512, "any"),
    ("coach/icons/maskable-512.png", 512, "maskable"),
]
APPLE_TOUCH_ICON = "coach/icons/apple-touch-icon.png"
REVALIDATE = "no-cache"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATES = ("pwa/sw.js", "pwa/offline.html", "base.html")


def site_colours() -> dict[str, str]:
    """The theme (the accent) and background colours, read from the site's own style sheet."""
    css = Path(str(finders.find("coach/site.css"))).read_text()
    found = dict(re.findall(r"--(accent|bg):\s*(#[0-9a-fA-F]{3,8})\b", css))
    return {"theme_color": found["accent"], "background_color": found["bg"]}


def static_names() -> list[str]:
    """Every style sheet, script and image among the static files."""
    names = set()
    for finder in finders.get_finders():
        for name, _storage in finder.list(IGNORED):
            name = name.replace("\\", "/")
            if name.endswith(SHELL_FILES):
                names.add(name)
    return sorted(names)


def figure_urls() -> list[str]:
    return [reverse("figure_svg", args=[fid]) for fid in figure_ids()]


def figure_ids() -> list[str]:
    """Every picture the player may show: each stretch's, and each set done differently."""
    return sorted(figures.FIGURE_IDS)


def quick_check_url(lang: str) -> str:
    """Where the quick check is in `lang`: each language its own address, for the worker keeps
    what it keeps by address."""
    return f"{reverse('pwa:quick_check')}?lang={lang}"


def precache_urls() -> list[str]:
    """What the worker keeps on install: the app shell, the drawings and the offline pages (the
    quick check in every language, and at its plain address, which answers in English)."""
    checks = [reverse("pwa:quick_check"), *(quick_check_url(lang) for lang in i18n.LANGUAGES)]
    pages = [reverse("pwa:offline"), *checks, reverse("pwa:manifest")]
    return [*(static(n) for n in static_names()), *figure_urls(), *pages]


def _digest() -> str:
    h = hashlib.sha256()
    for name in static_names():
        h.update(name.encode() + Path(str(finders.find(name))).read_bytes())
    for fid in figure_ids():
        h.update(figure_text(fid, None).encode())
    for template in TEMPLATES:
        h.update((TEMPLATE_DIR / template).read_bytes())
    checks = [quick_check(lang) for lang in i18n.LANGUAGES]
    manifests = [manifest_data(lang) for lang in i18n.LANGUAGES]
    h.update(json.dumps([checks, manifests], sort_keys=True).encode())
    return h.hexdigest()


_cached_digest = lru_cache(maxsize=1)(_digest)


def version() -> str:
    """Changes whenever anything the worker keeps (or the worker itself) changes."""
    digest = _digest() if settings.DEBUG else _cached_digest()
    release = getattr(settings, "PWA_RELEASE", "")  # a test bumps it to publish a new worker
    return hashlib.sha256(f"{digest}{release}".encode()).hexdigest()[:12]


def kept_pages() -> dict:
    """Pages the worker keeps once opened (network first, the kept copy when offline)."""
    checkin = reverse("diary:checkin")
    return {
        "exact": [reverse("home"), reverse("diary:today"), reverse("diary:history"), checkin],
        "prefixes": ["/routines/", "/exercises/", reverse("learn:index")],
        # Opening Today also keeps the check-in form, so one can be made offline after a session.
        "companions": {reverse("diary:today"): [f"{checkin}?context=after"]},
        "anyQuery": [checkin],
    }


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    context = {
        name: json.dumps(value)
        for name, value in {
            "outbox_url": static("coach/outbox.js"),
            "words_url": static("coach/words.js"),
            "push_url": static("coach/sw_push.js"),
            "version": version(),
            "precache": precache_urls(),
            "offline_url": reverse("pwa:offline"),
            "kept": kept_pages(),
        }.items()
    }
    context["static_prefix"] = settings.STATIC_URL
    response = HttpResponse(
        render_to_string("pwa/sw.js", context), content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = REVALIDATE  # the browser asks for a new version every time
    response["Service-Worker-Allowed"] = "/"
    return response


def manifest_data(lang: str = i18n.DEFAULT_LANGUAGE) -> dict:
    """The installed app's name, start and colours, its description in `lang`."""
    with translation.override(lang):
        description = str(DESCRIPTION)
    return {
        "id": "/",
        "name": NAME,
        "short_name": SHORT_NAME,
        "description": description,
        "lang": MANIFEST_LANG.get(lang, lang),
        "start_url": reverse("diary:today"),
        "scope": "/",
        "display": "standalone",
        **site_colours(),
        "icons": [
            {"src": static(name), "sizes": f"{px}x{px}", "type": "image/png", "purpose": purpose}
            for name, px, purpose in ICONS
        ],
    }


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    lang = i18n.language(request.GET.get("lang")) or i18n.DEFAULT_LANGUAGE
    response = JsonResponse(manifest_data(lang), content_type="application/manifest+json")
    response["Cache-Control"] = REVALIDATE
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    response = render(request, "pwa/offline.html", {"kept": kept_pages()})
    response["Cache-Control"] = REVALIDATE
    return response


def quick_check(lang: str = i18n.DEFAULT_LANGUAGE) -> dict:
    """The quick Tier A check in `lang` with each question's own outcome and the words for each
    outcome, all from stretching.screening and its translations, so the phone says what the
    server would."""
    questions, outcomes = [], {}
    for q in words(lang).tier("A"):
        result = recheck([q.id], lang)
        questions.append({"id": q.id, "text": q.text, "help": q.help, "outcome": result.status})
        outcomes[result.status] = {"headline": result.headline, "message": result.message}
    return {
        "lang": lang,
        "title": quick_check_question(lang),
        "questions": questions,
        "outcomes": outcomes,
        "url": reverse("accounts:check"),
        "validMinutes": RECHECK_VALID_MINUTES,
    }


@require_GET
def quick_check_data(request: HttpRequest) -> JsonResponse:
    lang = i18n.language(request.GET.get("lang")) or i18n.DEFAULT_LANGUAGE
    response = JsonResponse(quick_check(lang))
    response["Cache-Control"] = REVALIDATE
    return response


urlpatterns = [
    path("sw.js", service_worker, name="service_worker"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("offline/", offline, name="offline"),
    path("offline/quick-check.json", quick_check_data, name="quick_check"),
]
