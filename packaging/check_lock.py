"""Is each lock file still what pyproject.toml asks? Run by `make lint`; exits 1 when not.

A lock goes stale when someone edits the dependencies in pyproject.toml and forgets
`make lock`: a package asked for is missing, pinned outside its range, or a package the
project no longer asks for is still pinned as its own. Each lock names its extras in its
file name (``dev-bench.lock``: the extras ``dev`` and ``bench``), as packaging/lock.sh
writes them. Usage: python packaging/check_lock.py [ROOT]
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "supervisor-console"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)
# pip-compile's "# via" names the project for the packages it asks for itself.
_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==[^\n]*\n((?:[ #].*\n?)*)", re.MULTILINE)


def asked_for(project: dict, extras: list[str]) -> dict[str, Requirement]:
    """Every requirement the project with ``extras`` asks for, its own extras followed."""
    optional = project.get("optional-dependencies", {})
    wanted: dict[str, Requirement] = {}
    todo, seen = list(extras), set()
    for line in project.get("dependencies", []):
        req = Requirement(line)
        wanted[canonicalize_name(req.name)] = req
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        if extra not in optional:
            raise KeyError(f"pyproject.toml has no extra [{extra}]")
        for line in optional[extra]:
            req = Requirement(line)
            if canonicalize_name(req.name) == PROJECT:
                todo.extend(req.extras)
            else:
                wanted[canonicalize_name(req.name)] = req
    return wanted


def problems(pyproject_text: str, lock_text: str, extras: list[str]) -> list[str]:
    """What makes the lock disagree with pyproject.toml, one line each; empty when it agrees."""
    wanted = asked_for(tomllib.loads(pyproject_text)["project"], extras)
    pinned = {canonicalize_name(n): v for n, v in _PIN.findall(lock_text)}
    found = []
    for name, req in sorted(wanted.items()):
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        if name not in pinned:
            found.append(f"{name} is asked for ({req}) but not locked")
        elif not req.specifier.contains(pinned[name], prereleases=True):
            found.append(f"{name}=={pinned[name]} is locked but {req} is asked for")
    for name, via in _ENTRY.findall(lock_text):
        name = canonicalize_name(name)
        if PROJECT in via and name not in wanted:
            found.append(f"{name} is locked as the project's own but no longer asked for")
    if PROJECT in pinned or f"{PROJECT} @" in lock_text:
        found.append(
            "the project itself is in the lock (bootstrap.sh installs it from the checkout)"
        )
    return found


def main(root: Path) -> int:
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    locks = sorted((root / "requirements").glob("*.lock"))
    if not locks:
        print("No lock files in requirements/: run 'make lock'.", file=sys.stderr)
        return 1
    bad = 0
    for lock in locks:
        extras = lock.stem.split("-")
        for line in problems(pyproject, lock.read_text(encoding="utf-8"), extras):
            print(f"{lock.relative_to(root)}: {line}; run 'make lock'.", file=sys.stderr)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]))
