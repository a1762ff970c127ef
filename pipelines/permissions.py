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
    info = path.lstat()
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
    """Before a run writes: the umask, the warehouse folder and export root made with the
    policy's mode and group if missing, and what is already there brought to it."""
    access = restrict()
    make_folder(warehouse.parent, access)
    make_folder(export_dir, access)
    secure(written(warehouse, export_dir), access)
    return access


def written(warehouse: Path, export_dir: Path) -> list[Path]:
    """What a run writes: the warehouse file, what DuckDB, the run lock and dbt put beside
    it, and the export root (exports, revisions, reports, validation results, docs)."""
    return [
        warehouse,
        warehouse.with_name(warehouse.name + ".wal"),
        warehouse.with_name(warehouse.name + ".lock"),
        warehouse.with_name(warehouse.name + ".tmp"),  # DuckDB's spill folder
        warehouse.parent / "logs",
        export_dir,
    ]


def open_to_others(folder: Path) -> str | None:
    """A landing folder that every local account may read: the warning of the run (it is
    accepted: the landing zone belongs to whoever delivers the files)."""
    if not folder.is_dir():
        return None
    paths = [folder, *sorted(p for p in folder.rglob("*") if not p.is_symlink())]
    open_paths = [p for p in paths if p.stat().st_mode & stat.S_IROTH]
    if not open_paths:
        return None
    return (
        f"Landing folder {folder} is readable by every account on this machine "
        f"({len(open_paths)} of {len(paths)} paths, e.g. {open_paths[0].name} mode "
        f"{stat.S_IMODE(open_paths[0].stat().st_mode):04o}): it holds personal data; "
        f"restrict it (chmod -R o-rwx {folder})."
    )
