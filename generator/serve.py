"""`bulletin serve`: build, serve output/ on 127.0.0.1, rebuild what changed, reload the browser.

One watcher (watchdog) collects changed paths; after a quiet moment (an editor's save is a burst
of events) one rebuild runs. The Builder keeps its memo and page fingerprints in memory, so a
rebuild renders only the pages whose inputs changed and writes them into output/ in place.
A content error leaves the last good pages served, with the problems shown on top of them.
"""
from __future__ import annotations

import html
import signal
import sys
import traceback
import threading
import time
import webbrowser
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import Builder, BuildResult
from generator.config import Config, load_config
from generator.console import Console
from generator.diskerrors import disk_problem
from generator.editor import PREFIX as EDIT_PREFIX, is_loopback
from generator.livereload import EVENTS_PATH, Broadcaster, inject
from generator.lock import BuildLock, Busy, busy_problem
from generator.outputs import BuildOptions
from generator.problems import BuildFailed, Problem, Problems

DEBOUNCE_SECONDS = 0.02  # an editor's save burst (write, rename) arrives within a few ms


class Preview:
    """The state the server and the watcher share: the builder, the last problems, the broadcaster."""

    def __init__(self, config_path: Path, config: Config, console: Console, options: BuildOptions):
        self.config_path = config_path
        self.config = config
        self.console = console
        self.options = options
        self.builder = Builder(config, options, persist=False)
        self.errors: list[Problem] = []
        self.broadcaster = Broadcaster()
        self.lock = threading.Lock()
        self.editor = None  # generator.editor.server.Editor, while listening on a loopback address

    def rebuild(self, changed: list[str]) -> None:
        started = time.perf_counter()
        with self.lock:
            problems = Problems()
            try:
                # Only while it rebuilds: a `bulletin build` meanwhile waits for this one, not the preview.
                with BuildLock(self.config.output_dir, on_wait=self.say_waiting):
                    result = self._build(changed, problems)
            except BuildFailed as failed:
                self.errors = [p for p in failed.problems if p.is_error]
                self.console.problems(failed.problems)
                self.console.info("serve_failed", count=len(self.errors))
            except Exception as exc:  # a bug must not stop the preview; show it and keep serving
                self.errors = [self.problem_of(exc)]
                self.console.problems(self.errors)
                if self.errors[0].code == "internal_error":
                    traceback.print_exc()
            else:
                self.errors = []
                milliseconds = (time.perf_counter() - started) * 1000
                names = "、".join(self._short(p) for p in changed[:3]) + ("…" if len(changed) > 3 else "")
                self.console.info("serve_rebuilt", changed=names or "-", pages=len(result.rendered), ms=milliseconds)
        self.broadcaster.notify()

    def _build(self, changed: list[str], problems: Problems) -> BuildResult:
        if any(Path(p).resolve() == self.config_path.resolve() for p in changed):
            config, warnings = load_config(self.config_path, self.config.output_dir)
            self.config = config
            self.builder = Builder(self.config, self.options, persist=False)
            problems.extend(warnings)
        else:
            written = self.builder.render_own_pages_first([Path(p) for p in changed])
            if written:  # the edited page is on disk: an open tab of it reloads now
                self.broadcaster.notify(tuple("/" + p.removesuffix("index.html") for p in written))
        return self.builder.build(problems, in_place=True, changed=[Path(p) for p in changed])

    def say_waiting(self) -> None:
        self.console.info("build_waiting", output=self.config.output_dir)

    def problem_of(self, exc: Exception) -> Problem:
        """What to show for a build that did not finish: another build kept output/ too long, the
        disk refused a write, or (anything else) a fault of the program."""
        if isinstance(exc, Busy):
            return busy_problem(exc, self.config.root)
        failure = disk_problem(exc, self.config.root, self.config.output_dir) if isinstance(exc, OSError) else None
        return failure or Problem("internal_error", "-", None, {"detail": f"{type(exc).__name__}: {exc}"})

    def _short(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.config.root).as_posix()
        except ValueError:
            return path

    def error_banner(self) -> str:
        if not self.errors:
            return ""
        items = "".join(f"<li><pre>{html.escape(self.console.format_problem(p))}</pre></li>" for p in self.errors)
        title = html.escape(self.console.say("serve_error_title"))
        note = html.escape(self.console.say("serve_error_note"))
        return ('<div id="bulletin-errors" role="alert" style="position:fixed;inset:0 0 auto 0;z-index:99999;max-height:70vh;'
                'overflow:auto;background:#fff3f0;color:#5c1200;border-bottom:4px solid #b4431f;padding:12px 20px;'
                'font:15px/1.6 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.2)">'
                f"<strong>{title}</strong><p>{note}</p><ul style='padding-left:1.2em'>{items}</ul></div>")


class Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, format: str, *args) -> None:  # the terminal shows rebuilds, not requests
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] == EVENTS_PATH:
            return self._events()
        if self.path.startswith(EDIT_PREFIX):
            return self._edit("GET")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the standard redirect to the folder's URL with a slash
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._html(path, HTTPStatus.OK)
        if not path.exists():
            not_found = Path(self.directory) / "404.html"
            if not_found.is_file():
                return self._html(not_found, HTTPStatus.NOT_FOUND)
        return super().do_GET()

    def do_POST(self) -> None:
        if self.path.startswith(EDIT_PREFIX):
            return self._edit("POST")
        self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)

    def _edit(self, method: str) -> None:
        if self.preview.editor is None:  # not on a loopback address: no editor at all
            return self.send_error(HTTPStatus.NOT_FOUND, "no editor", self.preview.console.say("serve_editor_off"))
        self.preview.editor.handle(self, method)

    def _html(self, path: Path, status: HTTPStatus) -> None:
        link = ""
        if self.preview.editor is not None:
            link = self.preview.editor.link(self, path.relative_to(self.directory).as_posix())
        body = inject(path.read_bytes(), self.preview.error_banner() + link)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        broadcaster = self.preview.broadcaster
        seen = broadcaster.generation
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not broadcaster.closed:
                current = broadcaster.wait(seen, timeout=15)
                if current != seen:
                    self.wfile.write(broadcaster.event(seen, current).encode())
                    seen = current
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        # A browser that goes away mid-answer (a closed tab, a reload) is no fault: say nothing.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            return
        super().handle_error(request, client_address)


class Watcher(FileSystemEventHandler):
    """Collects changed paths and starts one rebuild after a quiet moment."""

    def __init__(self, preview: Preview, ignored: list[Path]):
        self.preview = preview
        self.root = preview.config.root.resolve()
        self.config_file = preview.config_path.resolve()
        self.ignored = [p.resolve() for p in ignored]
        self.pending: set[str] = set()
        self.timer: threading.Timer | None = None
        self.guard = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or event.is_directory:
            return
        # An editor's save is often "write a temporary file, rename it over the old": the
        # rename's destination is the file that changed.
        paths = [event.dest_path] if getattr(event, "dest_path", "") else [event.src_path]
        relevant = [p for p in map(str, paths) if not self._ignored(p)]
        if not relevant:
            return
        with self.guard:
            self.pending.update(relevant)
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self._fire)
            self.timer.daemon = True
            self.timer.start()

    def _ignored(self, path: str) -> bool:
        resolved = Path(path).resolve()
        name = resolved.name
        if name.startswith(".") or name.endswith(("~", ".swp", ".tmp")):
            return True  # editors' temporary files; the rename that follows is what counts
        if resolved.parent == self.root and resolved != self.config_file:
            return True  # of the project folder's own files only config.yaml is an input
        return any(resolved == i or resolved.is_relative_to(i) for i in self.ignored)

    def _fire(self) -> None:
        with self.guard:
            changed, self.pending = sorted(self.pending), set()
        self.preview.rebuild(changed)


def serve(config_path: Path, config: Config, console: Console, host: str = "127.0.0.1", port: int = 8000,
          open_browser: bool = False, options: BuildOptions | None = None) -> int:
    preview = Preview(config_path, config, console, options or BuildOptions())
    problems = Problems()
    try:
        with BuildLock(config.output_dir, on_wait=preview.say_waiting):
            preview.builder.build(problems)
        console.problems(problems)
    except (BuildFailed, Busy, OSError) as failed:
        shown = failed.problems if isinstance(failed, BuildFailed) else [preview.problem_of(failed)]
        if shown[0].code == "internal_error":
            raise
        preview.errors = [p for p in shown if p.is_error]
        console.problems(shown)
        if not (config.output_dir / "index.html").is_file():
            console.info("serve_no_site")
            return 1

    handler = partial(type("BoundHandler", (Handler,), {"preview": preview}), directory=str(config.output_dir))
    server = PreviewServer((host, port), handler)
    url = f"http://{host}:{server.server_address[1]}/"
    observer = Observer()
    watcher = Watcher(preview, ignored=[config.output_dir, config.root / ".bulletin-cache"])
    for folder in (config.content_dir, config.themes_dir):
        if folder.is_dir():
            observer.schedule(watcher, str(folder), recursive=True)
    observer.schedule(watcher, str(config.root), recursive=False)  # config.yaml
    observer.start()
    if is_loopback(host):  # made before the address is printed: a Ctrl+C from then on is handled
        from generator.editor.server import Editor
        preview.editor = Editor(preview, server.server_address[1], host)
    console.info("serve_started", url=url)
    if preview.editor is not None:
        console.info("serve_editor", url=preview.editor.address(host if ":" not in host else f"[{host}]"))
    else:
        console.info("serve_editor_off")
    if open_browser:
        webbrowser.open(preview.editor.address(host) if preview.editor else url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        # Stopping takes a moment (the watcher's threads, a rebuild under way): a second Ctrl+C
        # pressed meanwhile would break it off with a traceback, so it is not listened to.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        observer.stop()
        preview.broadcaster.close()
        server.server_close()
        with preview.lock:  # let a rebuild under way finish, so output/ is whole
            pass
        observer.join(timeout=2)
        console.info("serve_stopped")
    return 0
