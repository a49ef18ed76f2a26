"""Live reload for `bulletin serve`: a small script injected into served pages, and the event stream.

Only the preview server injects it; `bulletin build` output never contains it. The browser
listens with EventSource (Server-Sent Events: no library, nothing from the internet) and
reloads after each rebuild, keeping its scroll position.
"""
from __future__ import annotations

import threading

EVENTS_PATH = "/__bulletin/events"

SCRIPT = """<script>/* bulletin serve: live reload */
(function () {
  var key = "bulletin-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) { sessionStorage.removeItem(key); window.addEventListener("load", function () { window.scrollTo(0, +saved); }); }
  var source = new EventSource("%s");
  source.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
})();
</script>""" % EVENTS_PATH


def inject(html: bytes, extra: str = "") -> bytes:
    """Put the reload script (and an error banner, if any) just before </body>."""
    addition = (extra + SCRIPT).encode("utf-8")
    marker = html.rfind(b"</body>")
    if marker == -1:
        return html + addition
    return html[:marker] + addition + html[marker:]


class Broadcaster:
    """Counts rebuilds; event-stream handlers wait for the count to move."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.generation = 0
        self.closed = False

    def notify(self) -> None:
        with self._condition:
            self.generation += 1
            self._condition.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self._condition:
            self._condition.wait_for(lambda: self.generation != seen or self.closed, timeout=timeout)
            return self.generation

    def close(self) -> None:
        with self._condition:
            self.closed = True
            self._condition.notify_all()
