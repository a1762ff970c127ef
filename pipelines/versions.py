"""The version of the code recorded with every run (the rules' version is
`pipelines.rules.rule_version`, per period)."""

from __future__ import annotations

import subprocess
from importlib.metadata import PackageNotFoundError, version

from pipelines.settings import PROJECT_ROOT


def code_version() -> str:
    try:
        package = version("tpp-kota-serang")
    except PackageNotFoundError:
        package = "unknown"
    try:
        commit = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        return f"{package}+{commit}{'.dirty' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        return package
