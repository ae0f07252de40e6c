"""Static files for production: hashed names, compressed, and JS module imports rewritten to
the hashed names too, so a new player.js never runs with an old outbox.js."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
