"""Who may read what the pipeline writes (contracts.md §4, `TPP_GROUP`).

Every file here pairs a NIP and a name with pay, a sanction or a predikat: personal data
(UU 27/2022). So whatever the caller's umask:

- unset `TPP_GROUP`: owner only, files 0600 and folders 0700;
- `TPP_GROUP=<group>`: the group payroll and auditors share may read, files 0640 and
  folders 0750, all of that group. Folders also get the set-group-ID bit, so what dbt,
  DuckDB and Great Expectations create inside them takes the group as it is created.

The umask makes every file created by this process and its children (dbt, Dagster) no
wider than that from the first byte; `secure` then sets mode and group on the trees the
pipeline owns (warehouse file and its companions, export root), which also tightens what
an older version or another umask left there. It never widens anything outside them and
leaves alone paths of another owner (it could not change them).
"""

from __future__ import annotations

import grp
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

GROUP_VAR = "TPP_GROUP"


class AccessError(Exception):
    """TPP_GROUP names no group of this machine, or one this account may not give files to."""


@dataclass(frozen=True)
class Access:
    gid: int | None  # TPP_GROUP's id; None: owner only

    @property
    def umask(self) -> int:
        return 0o027 if self.gid is not None else 0o077

    @property
    def file_mode(self) -> int:
        return 0o640 if self.gid is not None else 0o600

    @property
    def dir_mode(self) -> int:
        return 0o2750 if self.gid is not None else 0o700


def policy() -> Access:
    name = os.environ.get(GROUP_VAR, "").strip()
    if not name:
        return Access(None)
    try:
        gid = grp.getgrnam(name).gr_gid
    except KeyError:
        raise AccessError(f"{GROUP_VAR}={name}: no such group on this machine (see `getent group`).") from None
    if os.geteuid() != 0 and gid != os.getegid() and gid not in os.getgroups():
        raise AccessError(
            f"{GROUP_VAR}={name}: this account is not a member of that group, so it cannot give files to it "
            f"(add it: usermod -aG {name} $USER, then log in again)."
        )
    return Access(gid)


def restrict() -> Access:
    """Set this process's umask from the policy (children inherit it)."""
    access = policy()
    os.umask(access.umask)
    return access


def make_folder(path: Path, access: Access | None = None) -> Path:
    """`mkdir -p` where every folder it creates gets the policy's mode and group."""
    access = access or policy()
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        _set(folder, access)
    return path


def secure(paths: list[Path], access: Access | None = None) -> None:
    """Mode and group of each path and, for a folder, of everything under it."""
    access = access or policy()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            continue
        _set(path, access)
        if path.is_dir() and not path.is_symlink():
            for root, dirs, files in os.walk(path):
                for name in (*dirs, *files):
                    _set(Path(root) / name, access)


def _set(path: Path, access: Access) -> None:
    try:
        info = path.lstat()
    except FileNotFoundError:  # gone meanwhile (DuckDB's spill file, a pruned result)
        return
    if info.st_uid != os.geteuid():  # another owner's: not ours to change (and we could not)
        return
    if access.gid is not None and info.st_gid != access.gid:
        os.lchown(path, -1, access.gid)
    if stat.S_ISLNK(info.st_mode):  # a link has no mode of its own on Linux
        return
    mode = access.dir_mode if stat.S_ISDIR(info.st_mode) else access.file_mode
    if stat.S_IMODE(info.st_mode) != mode:
        os.chmod(path, mode)


def protect(warehouse: Path, export_dir: Path) -> Access:
    """Before a run writes anything: the umask, and the warehouse folder and export root
    made with the policy's mode and group if missing. (What is there already is brought
    to the policy by `secure`, under the run lock: another run's files come and go.)"""
    access = restrict()
    make_folder(warehouse.parent, access)
    make_folder(export_dir, access)
    return access


def written(warehouse: Path, export_dir: Path) -> list[Path]:
    """What a run writes: the warehouse file, what DuckDB, the run lock and dbt put beside
    it — the whole folder when it holds nothing else, so that its own mode and group
    follow too — and the export root (exports, revisions, reports, validation, docs)."""
    beside = [
        warehouse,
        warehouse.with_name(warehouse.name + ".wal"),
        warehouse.with_name(warehouse.name + ".lock"),
        warehouse.with_name(warehouse.name + ".tmp"),  # DuckDB's spill folder
        warehouse.parent / "logs",
    ]
    try:
        own_folder = all(path in beside for path in warehouse.parent.iterdir())
    except OSError:
        own_folder = False
    return [*([warehouse.parent] if own_folder else beside), export_dir]


def run_warnings(landing_folder: Path, warehouse: Path, export_dir: Path) -> list[str]:
    """What a run accepts but a person should fix, said once per run (summary, audit.runs)."""
    found = [_open_to_others(landing_folder)]
    access = policy()
    if access.gid is not None:
        found += [_closed_to_group(path, access.gid) for path in (warehouse, export_dir)]
    return [warning for warning in found if warning]


def _open_to_others(folder: Path) -> str | None:
    """A landing folder every local account may read is accepted (the landing zone
    belongs to whoever delivers the files), but it holds personal data."""
    modes = {}
    for path in [folder, *(folder.rglob("*") if folder.is_dir() else [])]:
        try:
            modes[path] = path.stat().st_mode
        except OSError:  # renamed or unreadable while the delivery goes on: not counted
            continue
    open_paths = sorted(p for p, mode in modes.items() if mode & stat.S_IROTH)
    if not open_paths:
        return None
    return (
        f"Landing folder {folder} is readable by every account on this machine "
        f"({len(open_paths)} of {len(modes)} paths, e.g. {open_paths[0].name} mode "
        f"{stat.S_IMODE(modes[open_paths[0]]):04o}): it holds personal data; restrict it (chmod -R o-rwx {folder})."
    )


def _closed_to_group(path: Path, gid: int) -> str | None:
    """A folder above the warehouse or export root that TPP_GROUP cannot pass through: the
    files are the group's, yet out of its reach (e.g. data/ from an owner-only run)."""
    for folder in reversed(path.parents):
        if not folder.exists():  # what is missing the run makes, with the group's modes
            break
        if not _passable(folder, gid):
            name = grp.getgrgid(gid).gr_name
            return (
                f"{GROUP_VAR}={name} cannot reach {path}: the folder {folder} is closed to it "
                f"(chgrp {name} {folder} && chmod g+x {folder})."
            )
    return None


def _passable(folder: Path, gid: int) -> bool:
    info = folder.stat()
    return bool(info.st_mode & stat.S_IXOTH or (info.st_gid == gid and info.st_mode & stat.S_IXGRP))


NIP_LIKE = re.compile(r"\d(?: ?\d){17}")  # 18 digits, also as written with spaces
IDENTIFIER_ERRORS = re.compile(r"\b(Binder|Catalog|Parser) Error\b")


def without_values(text: str) -> str:
    """A library's error message (dbt, DuckDB, Great Expectations) fit for a log: one line,
    each of its lines cut from its first quote to its last (the value a database choked
    on may be a name, with an apostrophe of its own) unless it is an error about names
    of columns or tables, DuckDB's excerpt of the SQL ("LINE 1: …" and its caret line)
    left out, and NIP-like digit runs masked."""
    kept, skip_caret = [], False
    for line in text.splitlines():
        if skip_caret and set(line.strip()) <= {"^"}:
            skip_caret = False
            continue
        skip_caret = line.lstrip().startswith("LINE ")
        if skip_caret:
            continue
        # a binder, catalog or parser error quotes names of columns and tables, not data
        kept.append(line if IDENTIFIER_ERRORS.search(line) else re.sub(r"[\"'`].*[\"'`]", "'…'", line))
    return NIP_LIKE.sub("<NIP>", " ".join(" ".join(kept).split()))
