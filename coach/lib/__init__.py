"""Small Django-light helpers shared by the apps: query parameters, cache headers, addresses."""
