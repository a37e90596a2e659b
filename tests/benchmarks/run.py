"""Run the benchmark groups and print one figure per line: ``name value unit``.

    python tests/benchmarks/run.py [GROUP ...] [--json]

Each group is a module ``bench_<group>.py`` beside this file with a
``run() -> list[Figure]``, and runs in a process of its own: one group's heap
(a million-row database read, a window left behind) never changes the next
group's figures. A group that needs a comparator (``COMPARATORS``) refuses to
start without it, with one line naming the package and ``make bench``: a
figure that cannot be computed is an error, never a silent gap. Not part of
the test run: numbers live here, tests assert behaviour.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from figures import Figure  # noqa: E402

GROUPS = [
    "seed",
    "startup",
    "live",
    "kpi",
    "staffing",
    "planning",
    "schedule",
    "autoschedule",
    "export",
    "import",
    "security",
    "package",
    "scale",
]
# The packages a group compares itself against; all come with the ``bench`` extra.
COMPARATORS: dict[str, tuple[str, ...]] = {
    "kpi": ("pandas",),
    "staffing": ("pyworkforce",),
    "autoschedule": ("pyworkforce",),
}
FIGURE_PREFIX = "figure\t"  # how a group's process hands a figure to the runner


def available_groups() -> list[str]:
    return [g for g in GROUPS if (HERE / f"bench_{g}.py").exists()]


def missing_comparators(groups: list[str]) -> list[tuple[str, str]]:
    """(group, package) for every comparator a chosen group needs and cannot import."""
    return [
        (group, package)
        for group in groups
        for package in COMPARATORS.get(group, ())
        if importlib.util.find_spec(package) is None
    ]


def run_group(group: str) -> int:
    """In the group's own process: run it and hand each figure to the runner on stdout."""
    module = importlib.import_module(f"bench_{group}")
    for figure in module.run():
        print(f"{FIGURE_PREFIX}{json.dumps(list(figure))}", flush=True)
    return 0


def _spawn(group: str, figures: list[Figure]) -> int:
    """Run ``group`` in a child process, echo its figures as they come, collect them."""
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--in-process", group],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith(FIGURE_PREFIX):
            name, value, unit = json.loads(line[len(FIGURE_PREFIX) :])
            figure = Figure(name, float(value), unit)
            print(f"{figure.name} {figure.value:.6g} {figure.unit}", flush=True)
            figures.append(figure)
        else:
            print(line, end="", file=sys.stderr, flush=True)
    return child.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", help=f"groups to run (default: all of {GROUPS})")
    parser.add_argument("--json", action="store_true", help="end with one JSON object of figures")
    parser.add_argument("--in-process", metavar="GROUP", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_process:
        return run_group(args.in_process)
    groups = args.groups or available_groups()
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}")
    missing = missing_comparators(groups)
    if missing:
        for group, package in missing:
            print(
                f"bench: group {group} needs {package}, which is not installed: run `make bench`",
                file=sys.stderr,
            )
        return 2
    figures: list[Figure] = []
    failed = []
    for group in groups:
        if not (HERE / f"bench_{group}.py").exists():
            print(f"# group {group}: not implemented yet", file=sys.stderr)
            continue
        if _spawn(group, figures) != 0:
            failed.append(group)
    if args.json:
        print(json.dumps({f.name: f.value for f in figures}))
    if failed:
        print(f"bench: group(s) {', '.join(failed)} failed (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
