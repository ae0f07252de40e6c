"""Hold many half-sent requests open against a server and time a plain GET meanwhile.

    python deploy/slow_clients.py http://127.0.0.1:8000/ --clients 64

Half of the connections send only part of their headers, the other half whole headers and half
of a body, and all of them stay open. Prints how long `GET <url>` then takes (or that it got no
answer within the time limit). tests/web/test_serve_slow_clients.py runs the same measurement.
"""

import argparse
import contextlib
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit


def _half_request(host: str, port: int, n: int) -> socket.socket:
    conn = socket.create_connection((host, port), timeout=5)
    if n % 2:
        conn.sendall(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: slow".encode())
    else:
        head = (
            f"POST /account/sign-in/ HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        )
        conn.sendall(head.encode() + b"username=" + b"a" * 400)
    return conn


@contextlib.contextmanager
def slow_clients(url: str, count: int) -> Iterator[list[socket.socket]]:
    """`count` connections to the server of `url`, each with a request half sent, held open."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    conns: list[socket.socket] = []
    try:
        for n in range(count):
            conns.append(_half_request(host, port, n))
        time.sleep(0.5)  # let the server take them all in
        yield conns
    finally:
        for conn in conns:
            conn.close()


def time_get(url: str, timeout: float) -> float | None:
    """Seconds until `url` answers 200, or None when it does not within `timeout`."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            ok = response.status == 200
    except (urllib.error.URLError, OSError):
        return None
    return time.monotonic() - started if ok else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--timeout", type=float, default=15.0)
    args = parser.parse_args()
    with slow_clients(args.url, args.clients):
        took = time_get(args.url, args.timeout)
    if took is None:
        print(f"{args.clients} slow clients: no answer from {args.url} within {args.timeout:g} s")
    else:
        print(f"{args.clients} slow clients: {args.url} answered in {took * 1000:.0f} ms")


if __name__ == "__main__":
    main()
