"""The editor as a client sees it: a running `bulletin serve`, its editor address, forms read from
its pages and posted back as a browser without JavaScript would (tests/test_editor.py, the bench)."""
from __future__ import annotations

import difflib
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The (name, value) pairs a browser would post for each form of a page (templates skipped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._template = 0
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._template += 1
        if self._template:
            return
        if tag == "form":
            self.forms.append({"action": a.get("action"), "pairs": []})
        elif tag == "input" and a.get("name") and self.forms:
            kind = a.get("type", "text")
            if kind == "file" or (kind == "checkbox" and "checked" not in a):
                return
            self.forms[-1]["pairs"].append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]
        elif tag == "option" and self._select is not None:
            if self._select[2] is None:
                self._select[2] = a.get("value", "")
            if "selected" in a:
                self._select[1] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
        elif tag == "select" and self._select is not None:
            name, chosen, first = self._select
            self.forms[-1]["pairs"].append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.forms[-1]["pairs"].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None and not self._template:
            self._textarea[1] += data


def form_of(html: str, index: int = 0) -> tuple[str, list[tuple[str, str]]]:
    reader = FormReader()
    reader.feed(html)
    forms = [f for f in reader.forms if f["action"] and "/_edit/" in f["action"] and "search" not in f["action"]]
    return forms[index]["action"], forms[index]["pairs"]


def changed(pairs, **values) -> list[tuple[str, str]]:
    names = {k.replace("__", "."): v for k, v in values.items()}
    return [(k, names.get(k, v)) for k, v in pairs]


class Preview:
    def __init__(self, project, *args, start_seconds: float = 60):
        self.process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0", *args], cwd=project,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.lines: list[str] = []
        self.url = self.editor = None
        threading.Thread(target=self._read, daemon=True).start()
        deadline = time.monotonic() + start_seconds
        while self.url is None or (self.editor is None and not any("网页编辑已关闭" in l for l in self.lines)):
            assert time.monotonic() < deadline and self.process.poll() is None, "".join(self.lines)
            time.sleep(0.05)
        self.origin = self.url.rstrip("/")

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)
            found = re.search(r"(http://[\d.]+:\d+/)(\S*)", line)
            if found and "_edit" in found.group(2):
                self.editor = found.group(1) + found.group(2)
            elif found:
                self.url = found.group(1)

    def request(self, url, data=None, headers=None, origin=True):
        headers = dict(headers or {})
        if data is not None:
            if isinstance(data, list):
                data = urllib.parse.urlencode(data).encode("utf-8")
                headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            if origin:
                headers.setdefault("Origin", self.origin)
        whole = url if url.startswith("http") else self.origin + url if url.startswith("/") else self.editor + url
        request = urllib.request.Request(whole, data=data, headers=headers)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=20) as response:
                return response.status, response.read().decode("utf-8"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace"), error.headers

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(timeout=20)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def diff(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+) between two texts."""
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.05)
