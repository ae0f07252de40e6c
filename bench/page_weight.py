"""What a phone downloads to open the player cold: requests, bytes on the wire, other hosts.

A fresh browser context answers the safety screen through the context's own request client
(which shares the cookies but not the browser's cache), then a new page opens the player.
Only that navigation and what it loads until the network is idle are counted; bytes are
CDP's encodedDataLength (compressed body plus headers, as received)."""

import html
import re
from urllib.parse import urlsplit

from common import CHROME_FLAGS, CHROMIUM, PLAYER_PATH
from playwright.sync_api import sync_playwright

BUDGET_BYTES = 60_000  # 60 KB, counted as 1 KB = 1000 bytes
VIEWPORT = {"width": 390, "height": 844}


def screen_in_context(context, base_url: str) -> None:
    """Answer every safety question "no" with the CSRF token from the form, as a visitor."""
    from stretching.screening import QUESTIONS_BY_ID

    url = f"{base_url}/account/screen/?next={PLAYER_PATH}"
    form = context.request.get(url)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text())
    if form.status != 200 or match is None:
        raise RuntimeError(f"GET {url}: status {form.status}, no CSRF token in the form")
    data = {qid: "no" for qid in QUESTIONS_BY_ID}
    data["csrfmiddlewaretoken"] = html.unescape(match.group(1))
    answer = context.request.post(url, form=data, headers={"Referer": url})
    if answer.status != 200:
        raise RuntimeError(f"POST {url}: status {answer.status}")


class Recorder:
    """Collects the CDP Network events of one page."""

    def __init__(self) -> None:
        self.requests: dict[str, dict] = {}
        self.order: list[str] = []

    def attach(self, cdp) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)

    def _entry(self, rid: str) -> dict:
        if rid not in self.requests:
            self.requests[rid] = {
                "url": "",
                "type": "",
                "status": None,
                "encoding": "",
                "wire": 0,
                "body": 0,
                "done": False,
                "failed": "",
                "from_cache": False,
            }
            self.order.append(rid)
        return self.requests[rid]

    def _sent(self, e: dict) -> None:
        rid = e["requestId"]
        if e.get("redirectResponse") and rid in self.requests:
            # A redirect reuses the request id: keep the hop as a row of its own.
            hop = self.requests.pop(rid)
            hop |= {
                "status": e["redirectResponse"]["status"],
                "done": True,
                "wire": int(e["redirectResponse"].get("encodedDataLength", 0)),
            }
            key = f"{rid}#{len(self.order)}"
            self.requests[key] = hop
            self.order[self.order.index(rid)] = key
        entry = self._entry(rid)
        entry["url"], entry["type"] = e["request"]["url"], e.get("type", "")

    def _response(self, e: dict) -> None:
        entry = self._entry(e["requestId"])
        response = e["response"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        entry["status"] = response["status"]
        entry["encoding"] = headers.get("content-encoding", "")
        entry["mime"] = response.get("mimeType", "")
        entry["from_cache"] = bool(response.get("fromDiskCache") or response.get("fromMemoryCache"))
        entry["type"] = e.get("type", entry["type"])

    def _data(self, e: dict) -> None:
        self._entry(e["requestId"])["body"] += e.get("dataLength", 0)

    def _finished(self, e: dict) -> None:
        entry = self._entry(e["requestId"])
        entry["wire"], entry["done"] = int(e.get("encodedDataLength", 0)), True

    def _failed(self, e: dict) -> None:
        entry = self._entry(e["requestId"])
        entry["failed"], entry["done"] = e.get("errorText", "failed"), True

    def rows(self, start: int = 0) -> list[dict]:
        return [self.requests[rid] for rid in self.order[start:]]


def summarise(rows: list[dict]) -> dict:
    network = [r for r in rows if urlsplit(r["url"]).scheme in ("http", "https")]
    others = sorted(
        {urlsplit(r["url"]).netloc for r in network if urlsplit(r["url"]).hostname != "127.0.0.1"}
    )
    return {
        "requests": len(network),
        "bytes": sum(r["wire"] for r in network),
        "decoded_bytes": sum(r["body"] for r in network),
        "other_hosts": others,
        "failed": [f"{r['url']} ({r['failed']})" for r in network if r["failed"]],
        "unfinished": [r["url"] for r in network if not r["done"]],
        "rows": network,
    }


def run(base_url: str) -> dict:
    player_url = base_url + PLAYER_PATH
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_FLAGS)
        try:
            context = browser.new_context(
                viewport=VIEWPORT, device_scale_factor=3, is_mobile=True, has_touch=True
            )
            context_hosts: list[str] = []
            context.on("request", lambda r: context_hosts.append(r.url))
            screen_in_context(context, base_url)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            recorder = Recorder()
            recorder.attach(cdp)
            cdp.send("Network.enable")
            response = page.goto(player_url, wait_until="networkidle")
            page.wait_for_timeout(500)  # late requests after idle would show up here
            if response is None or response.status != 200 or urlsplit(page.url).path != PLAYER_PATH:
                raise RuntimeError(
                    f"the player did not open: ended on {page.url} "
                    f"(status {response.status if response else None})"
                )
            cold = summarise(recorder.rows())
            # Informative: the routine's remaining figures, as the session would fetch them.
            mark = len(recorder.order)
            figures = page.evaluate("""async () => {
                const data = JSON.parse(document.getElementById('player-data').textContent);
                const urls = [...new Set(Object.values(data.exercises).map(e => e.figure))];
                await Promise.all(urls.map(u => new Promise(ok => {
                    const img = new Image(); img.onload = img.onerror = ok; img.src = u; })));
                return urls.length;
            }""")
            page.wait_for_timeout(300)
            rest = summarise(recorder.rows(mark))
            cookies = {c["name"]: c["value"] for c in context.cookies()}
            context.close()
        finally:
            browser.close()
    other_from_context = sorted(
        {
            urlsplit(u).netloc
            for u in context_hosts
            if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname != "127.0.0.1"
        }
    )
    other_hosts = sorted(
        set(cold["other_hosts"]) | set(other_from_context) | set(rest["other_hosts"])
    )
    return {
        "url": PLAYER_PATH,
        "viewport": "390x844 (mobile, DPR 3)",
        "cold": cold,
        "figure_count": figures,
        "rest_of_figures": rest,
        "other_hosts": other_hosts,
        "budget_bytes": BUDGET_BYTES,
        "session_cookie": cookies.get("sessionid", ""),
        "passed": cold["bytes"] <= BUDGET_BYTES and not other_hosts and not cold["failed"],
    }
