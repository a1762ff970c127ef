"""A copy of the repository as a fresh clone has it: tracked and new files, never
ignored ones (no .venv, no dbt target folder). Tests change the copy, not the checkout."""

import shutil
import subprocess
from pathlib import Path

from pipelines.settings import PROJECT_ROOT


def copy_repository(root: Path) -> Path:
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        if (PROJECT_ROOT / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT_ROOT / name, root / name)
    return root
