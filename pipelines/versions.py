"""Versions recorded with every run: the code that ran and the rules it applied."""

from __future__ import annotations

import hashlib
import subprocess
from importlib.metadata import PackageNotFoundError, version

from pipelines.settings import DBT_PROJECT_DIR, PROJECT_ROOT


def code_version() -> str:
    try:
        package = version("tpp-kota-serang")
    except PackageNotFoundError:
        package = "unknown"
    try:
        commit = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short=12", "HEAD"],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout.strip()
        return f"{package}+{commit}{'.dirty' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        return package


def rule_version() -> str:
    """SHA-256 over the rule seeds (names and bytes): changes whenever a rule row does."""
    digest = hashlib.sha256()
    for seed in sorted((DBT_PROJECT_DIR / "seeds").glob("*.csv")):
        digest.update(seed.name.encode() + b"\0" + seed.read_bytes() + b"\0")
    return "rules-" + digest.hexdigest()[:16]
