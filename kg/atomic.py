"""Every file the project writes goes through here: a reader never sees half of one, and no link
planted in a folder can redirect a write to a file elsewhere.

A file is written to a fresh temporary name inside its folder (created with O_EXCL|O_NOFOLLOW, so
an existing file or link of that name is never opened), then renamed over the target, all relative
to the folder opened once by descriptor. A target that is a symbolic link, or a path that resolves
outside the folder the caller allows, is refused rather than followed.

A build's outputs are one transaction (`staged_folder`): they are written into a new folder beside
the build folder, which replaces the old one only when everything was written.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import InputError

# A folder `staged_folder` may replace holds one of these (a build), or nothing at all.
BUILD_MARKERS = ("summary.json", "pension-kg.trig")


class UnsafePath(InputError, ValueError):
    """A write the writer refuses: through a link, outside its folder, over what is not a build."""


def check(path: Path, folder: Path | None = None) -> Path:
    """The real folder `path` would be written in, after refusing what `write_bytes` refuses.

    Callers that write several files check them all first, so that a refusal leaves nothing half-done.
    """
    if path.name in ("", ".", ".."):
        raise UnsafePath(f"{path}: not a file name")
    real_parent = path.parent.resolve()
    real_folder = (path.parent if folder is None else folder).resolve()
    if real_parent != real_folder and real_folder not in real_parent.parents:
        raise UnsafePath(f"{path}: outside {folder}; refusing to write there")
    target = real_parent / path.name
    if target.is_symlink():
        raise UnsafePath(f"{path}: is a symbolic link (to {os.readlink(target)}); refusing to write through it")
    return real_parent


def write_bytes(path: Path, data: bytes, folder: Path | None = None) -> None:
    """Write `data` to `path` atomically, within `folder` (default: the path's own folder)."""
    real_parent = check(path, folder)  # before mkdir: a refused path must not leave folders behind
    real_parent.mkdir(parents=True, exist_ok=True)
    dir_fd = os.open(real_parent, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        tmp = f".{path.name}.{secrets.token_hex(6)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(tmp, flags, 0o666, dir_fd=dir_fd)  # the umask applies, as for any new file
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            # a rename replaces whatever has the name meanwhile (a link too) and never writes through it
            os.replace(tmp, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            try:
                os.unlink(tmp, dir_fd=dir_fd)
            except FileNotFoundError:
                pass
            raise
    finally:
        os.close(dir_fd)


def write_text(path: Path, text: str, folder: Path | None = None) -> None:
    write_bytes(path, text.encode("utf-8"), folder)


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A new, empty folder beside `out` to write a build into.

    When the block ends normally, the new folder replaces `out` as a whole; when it raises, the new
    folder is removed and `out` is exactly as it was. A folder that is neither empty nor a build is
    refused, so that `--out .` can never replace a working directory.
    """
    target = check_replaceable(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    try:
        yield stage
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o777 & ~_umask()
        os.chmod(stage, mode)  # mkdtemp makes it private; give it the old folder's (or a normal) mode
        _swap(stage, target)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def check_replaceable(out: Path) -> Path:
    """The real folder `staged_folder(out)` would replace, after refusing one that is not a build
    (a build checks this first, so that `--out .` fails before any work)."""
    target = out.resolve()  # a symlinked build folder is replaced where it really is
    if target.exists():
        if not target.is_dir():
            raise UnsafePath(f"{out}: not a folder")
        if any(target.iterdir()) and not any((target / m).is_file() for m in BUILD_MARKERS):
            raise UnsafePath(f"{out}: not a build folder (no {BUILD_MARKERS[0]}); refusing to replace it")
    return target


def _swap(new: Path, target: Path) -> None:
    """Put `new` where `target` is: one atomic exchange where the system has it, else two renames."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # now the old build
        return
    old = target.with_name(f".{target.name}.old-{secrets.token_hex(6)}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Linux's renameat2(RENAME_EXCHANGE): swap two folders so a reader always finds one of them."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
