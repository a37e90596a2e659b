"""Run the benchmark groups and print one figure per line: ``name value unit``.

    python tests/benchmarks/run.py [GROUP ...] [--json]

Each group is a module ``bench_<group>.py`` beside this file with a
``run() -> list[Figure]``. Not part of the test run: numbers live here, tests
assert behaviour.
"""

from __future__ import annotations

import argparse
import importlib
import json
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
    "schedule",
    "autoschedule",
    "export",
    "import",
    "package",
]


def available_groups() -> list[str]:
    return [g for g in GROUPS if (HERE / f"bench_{g}.py").exists()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("groups", nargs="*", help=f"groups to run (default: all of {GROUPS})")
    parser.add_argument("--json", action="store_true", help="end with one JSON object of figures")
    args = parser.parse_args(argv)
    groups = args.groups or available_groups()
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}")
    figures: list[Figure] = []
    for group in groups:
        if not (HERE / f"bench_{group}.py").exists():
            print(f"# group {group}: not implemented yet", file=sys.stderr)
            continue
        module = importlib.import_module(f"bench_{group}")
        for figure in module.run():
            print(f"{figure.name} {figure.value:.6g} {figure.unit}", flush=True)
            figures.append(figure)
    if args.json:
        print(json.dumps({f.name: f.value for f in figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
