"""The app served as in production: DEBUG off, collected static files, gunicorn with 2 workers,
in a throw-away VAR_DIR. Always stopped on the way out."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from common import BIN, ROOT


@dataclass
class Server:
    base_url: str
    var_dir: Path
    commands: list[str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited {proc.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


@contextlib.contextmanager
def production_server() -> Iterator[Server]:
    var_dir = Path(tempfile.mkdtemp(prefix="sciatica-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(var_dir),
    }
    port = _free_port()
    prefix = "VAR_DIR=<tmp> DEBUG=0 SECRET_KEY=bench ALLOWED_HOSTS=127.0.0.1"
    commands = [
        f"{prefix} python manage.py migrate --no-input",
        f"{prefix} python manage.py collectstatic --no-input",
        f"{prefix} gunicorn coach.wsgi -w 2 -b 127.0.0.1:{port}",
    ]
    proc = None
    try:
        for args in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
        log = var_dir / "gunicorn.log"
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [str(BIN / "gunicorn"), "coach.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        base_url = f"http://127.0.0.1:{port}"
        _wait_ready(base_url + "/", proc, log)
        yield Server(base_url, var_dir, commands)
    finally:
        if proc is not None:
            _stop(proc)
        shutil.rmtree(var_dir, ignore_errors=True)
