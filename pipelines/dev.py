"""`make dev`: the Dagster UI and daemon on this machine only, with the project's
instance settings, under the same file policy as every run (pipelines/permissions.py):
the Dagster home it creates and every file Dagster writes there are owner-only (or for
TPP_GROUP). The open-source UI has no login (README, "Personal data")."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from pipelines.permissions import AccessError, make_folder, restrict, secure
from pipelines.settings import PROJECT_ROOT

HOST = "127.0.0.1"  # reached from elsewhere only through the city's authenticating proxy


def main() -> None:
    try:
        access = restrict()
    except AccessError as e:
        sys.exit(str(e))
    home = PROJECT_ROOT / ".dagster_home"  # never another instance's home (its settings would be replaced)
    make_folder(home, access)
    shutil.copyfile(PROJECT_ROOT / "pipelines" / "dagster.yaml", home / "dagster.yaml")
    secure([home], access)
    os.environ["DAGSTER_HOME"] = str(home)
    dagster = Path(sys.executable).with_name("dagster")
    os.execv(dagster, [str(dagster), "dev", "--host", HOST, *sys.argv[1:]])


if __name__ == "__main__":
    main()
