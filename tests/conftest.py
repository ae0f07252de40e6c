import os

# pytest-django's live server and Playwright's sync API share a thread with an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
