"""Every message the app shows has its Spanish text: the check that `make test` runs.

Messages are gathered afresh from the code and templates (Django's makemessages, into a copy of
the tree), so a string wrapped for translation and never translated fails here, as does a
translation left fuzzy or a compiled catalogue (.mo) older than its .po."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def entries(po: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each message of a .po file, the header left out."""
    found = []
    for block in re.split(r"\n\s*\n", po.read_text()):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or all(line.startswith("#~") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            m = re.match(r'(msgid|msgid_plural|msgstr(?:\[\d+\])?|msgctxt) "(.*)"$', line)
            if m:
                current = m.group(1)
                fields[current] = m.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        strs = [v for k, v in fields.items() if k.startswith("msgstr")]
        found.append((fields["msgid"], "" if any(s == "" for s in strs) else strs[0], fuzzy))
    return found


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory) -> Path:
    """A copy of the tree with its Spanish catalogues made anew from the code."""
    copy = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "coach", copy / "coach", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        ROOT / "stretching", copy / "stretching", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "stretching/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**_env(copy)},
    )
    return copy


def _env(copy: Path) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["VAR_DIR"] = str(copy / "var")
    env.pop("DATABASE_URL", None)
    return env


def test_every_message_has_its_spanish_text(fresh_catalogues):
    pos = sorted(fresh_catalogues.glob("coach/**/locale/es/LC_MESSAGES/django.po"))
    assert pos, "no Spanish catalogue was made"
    missing = [
        f"{po.relative_to(fresh_catalogues)}: {msgid!r}{' (fuzzy)' if fuzzy else ''}"
        for po in pos
        for msgid, msgstr, fuzzy in entries(po)
        if not msgstr or fuzzy
    ]
    assert not missing, "messages without Spanish text:\n" + "\n".join(missing)


def test_the_compiled_catalogues_match_their_sources(tmp_path):
    pos = sorted(ROOT.glob("coach/**/locale/es/LC_MESSAGES/django.po"))
    assert pos
    for po in pos:
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run make messages"
        fresh = tmp_path / "fresh.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", fresh, po], check=True)
        assert fresh.read_bytes() == mo.read_bytes(), (
            f"{mo.relative_to(ROOT)} is older than its .po: run make messages"
        )
