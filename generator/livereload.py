"""Live reload for `bulletin serve`: a small script injected into served pages, and the event stream.

Only the preview server injects it; `bulletin build` output never contains it. The browser
listens with EventSource (Server-Sent Events: no library, nothing from the internet) and
reloads after each rebuild, keeping its scroll position.
"""
from __future__ import annotations

import json
import threading

EVENTS_PATH = "/__bulletin/events"

SCRIPT = """<script>/* bulletin serve: live reload */
(function () {
  var key = "bulletin-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) { sessionStorage.removeItem(key); window.addEventListener("load", function () { window.scrollTo(0, +saved); }); }
  var source = new EventSource("%s");
  function reload() { sessionStorage.setItem(key, String(window.scrollY)); location.reload(); }
  source.addEventListener("reload", reload);
  source.addEventListener("pages", function (event) {  /* an edited page, written before the rest */
    if (JSON.parse(event.data).indexOf(location.pathname.replace(/index\\.html$/, "")) !== -1) { reload(); }
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
    """Counts rebuilds; event-stream handlers wait for the count to move.

    A rebuild reloads every page; an edited page written ahead of its rebuild (the preview's
    quick path) reloads just the pages named, at once, without waiting for the indexes."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self.generation = 0
        self.closed = False
        self._pages: dict[int, tuple[str, ...]] = {}  # generation -> the only pages it changed

    def notify(self, pages: tuple[str, ...] = ()) -> None:
        with self._condition:
            self.generation += 1
            if pages:
                self._pages[self.generation] = pages
            self._pages = {g: p for g, p in self._pages.items() if g > self.generation - 100}
            self._condition.notify_all()

    def event(self, seen: int, current: int) -> str:
        """The event that brings a page that saw generation `seen` up to `current`."""
        with self._condition:
            only = [self._pages.get(g) for g in range(seen + 1, current + 1)]
        if only and all(only):
            return f"event: pages\ndata: {json.dumps(sorted({p for pages in only for p in pages}))}\n\n"
        return f"event: reload\ndata: {current}\n\n"

    def wait(self, seen: int, timeout: float) -> int:
        with self._condition:
            self._condition.wait_for(lambda: self.generation != seen or self.closed, timeout=timeout)
            return self.generation

    def close(self) -> None:
        with self._condition:
            self.closed = True
            self._condition.notify_all()
