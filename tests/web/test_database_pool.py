"""DATABASE_POOL=1 turns on Django's connection pool for PostgreSQL (psycopg_pool, one per
process, instead of one persistent connection); SQLite has no pool and ignores it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from .test_backup_restore import _this_database

ROOT = Path(__file__).resolve().parents[2]
CONNECT = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coach.settings")
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
    answer = cursor.fetchone()[0]
pool = getattr(connection, "pool", None)
print(answer, connection.settings_dict["CONN_MAX_AGE"], pool.max_size if pool else "no pool")
"""


def connect(**env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_POOL")}
    done = subprocess.run(
        [sys.executable, "-c", CONNECT],
        cwd=ROOT,
        env={**environ, "DATABASE_URL": _this_database(), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.mark.django_db
def test_the_pool_is_turned_on_from_the_environment():
    pooled = connect(DATABASE_POOL="1", DATABASE_POOL_MAX="3")
    if connection.vendor == "postgresql":
        assert pooled == "1 0 3"  # a pool of at most 3, and no persistent connection beside it
        assert connect() == "1 None no pool"  # off: one persistent connection per process
    else:
        assert pooled == "1 None no pool"  # SQLite: nothing to pool, the setting is ignored
