"""`manage.py check --deploy` is clean in the production environment docs/deploy.md gives
(deploy/production.env, quoted there word for word), and the HSTS settings come from it."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = ROOT / "deploy/production.env"


def production_env() -> dict[str, str]:
    lines = PRODUCTION_ENV.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def check_deploy(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`manage.py check --deploy` with only `env` (plus a generated key and a scratch VAR_DIR)."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    env = base | {"SECRET_KEY": secrets.token_urlsafe(50), "VAR_DIR": str(tmp_path)} | env
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_environment_passes_check_deploy_with_nothing_silenced(
    tmp_path,
):
    result = check_deploy(tmp_path, production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_docs_deploy_quotes_the_production_environment_word_for_word():
    doc = (ROOT / "docs/deploy.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)```", doc, re.S)
    assert PRODUCTION_ENV.read_text() in blocks


def test_hsts_defaults_to_production_values_when_debug_is_off(tmp_path):
    env = {k: v for k, v in production_env().items() if not k.startswith("SECURE_HSTS")}
    result = check_deploy(tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "value", "warning"),
    [
        ("SECURE_HSTS_SECONDS", "0", "security.W004"),
        ("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0", "security.W005"),
        ("SECURE_HSTS_PRELOAD", "0", "security.W021"),
        ("SECURE_SSL_REDIRECT", "0", "security.W008"),
    ],
)
def test_each_https_setting_is_read_from_the_environment(tmp_path, name, value, warning):
    result = check_deploy(tmp_path, production_env() | {name: value})
    assert result.returncode != 0
    assert warning in result.stderr + result.stdout
