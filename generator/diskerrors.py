"""What the disk refused: a file-system error while writing, as a problem a librarian can act on.

A full disk, a read-only USB stick or share, a folder in use (a mount point cannot be swapped),
no permission, a failing disk: each is said in the site's language, naming the folder, with what
to do. Publishing swaps output/ whole, so it is as it was; the command exits with its own code.
"""
from __future__ import annotations

import errno
from pathlib import Path

from generator.problems import Problem, relative_name

EXIT_CODE = 3  # README: exit codes

FAILURES = {
    errno.ENOSPC: "disk_full",
    errno.EROFS: "disk_read_only",
    errno.EACCES: "disk_no_permission",
    errno.EPERM: "disk_no_permission",
    errno.EBUSY: "disk_busy",
    errno.EIO: "disk_error",
}
if hasattr(errno, "EDQUOT"):  # over the user's quota on a shared server: full, as far as we are concerned
    FAILURES[errno.EDQUOT] = "disk_full"


def disk_problem(exc: OSError, root: Path, output_dir: Path | None = None) -> Problem | None:
    """The problem to show for a file-system error, or None when it is not one of the disk's
    (a bug, which keeps its traceback)."""
    code = FAILURES.get(exc.errno) if isinstance(exc, OSError) else None
    if code is None:
        return None
    folder = _folder(exc, root, output_dir)
    return Problem(code, folder, None, {"folder": folder})


def _folder(exc: OSError, root: Path, output_dir: Path | None) -> str:
    """The folder to name: output/ for everything of publishing (its staging folder, its lock, the
    swap: the librarian knows only output/), else the folder the file was to be written in."""
    paths = [Path(p) for p in (exc.filename, exc.filename2) if p]
    if output_dir is not None and (not paths or any(_publishing(p, output_dir) for p in paths)):
        return _shown(output_dir, root)
    return _shown(paths[0].absolute().parent, root) if paths else "-"


def _publishing(path: Path, output_dir: Path) -> bool:
    """True for output/ and what sits beside it for a build: .output.staging, .output.old, .output.lock."""
    try:
        relative = path.absolute().relative_to(output_dir.parent)
    except ValueError:
        return False
    head = relative.parts[0] if relative.parts else ""
    return head == output_dir.name or head.startswith(f".{output_dir.name}.")


def _shown(folder: Path, root: Path) -> str:
    name = relative_name(folder, root)
    return name + "/" if not Path(name).is_absolute() else name
