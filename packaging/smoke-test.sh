#!/usr/bin/env bash
# Smoke test of the built bundle (CI runs it after `make package`): proves the migrations,
# numpy, the Qt plugins, the data files and OR-Tools' CP-SAT (with the pandas stand-in the
# spec puts in pandas' place) are inside. Usage: packaging/smoke-test.sh [BUNDLE]
set -uo pipefail
bundle="$(cd "${1:-dist/supervisor-console}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SUPERVISOR_APP_HOME="$work/home"
unset SUPERVISOR_APP_DB
db="sqlite:///$work/smoke.db"
passed=0
failed=0

check() {  # check NAME COMMAND…: run it, count it, show its output if it failed
    local name="$1"
    shift
    if out="$("$@" 2>&1)"; then
        passed=$((passed + 1))
        echo "ok    $name"
    else
        failed=$((failed + 1))
        echo "FAIL  $name"
        printf '%s\n' "$out" | tail -n 20 | sed 's/^/      /'
    fi
}

version() { "$bundle/supervisor-app" --version | grep -q "^supervisor-app "; }
seed() { "$bundle/supervisor-app" --db "$db" demo seed --days 2 --agents 12 --queues 3 --until 2026-11-20; }
kpi() {
    "$bundle/supervisor-app" --db "$db" kpi --from 2026-11-18 --to 2026-11-19 --site all --format json \
        >"$work/kpi.json" &&
        python3 -c 'import json, sys; rows = json.load(open(sys.argv[1])); assert rows, "no KPI rows"' \
            "$work/kpi.json"
}
schedule() {  # CP-SAT from the bundle: a week of draft shifts for London, the seeded week
    "$bundle/supervisor-app" --db "$db" schedule generate --site London --week 2026-11-16 \
        --time-limit 5 --format json >"$work/schedule.json" &&
        python3 -c 'import json, sys
week = json.load(open(sys.argv[1]))
assert week["shifts"] > 0 and week["saved"] > 0, f"no shifts: {week}"
assert week["rule_breaks"] == 0, f"rule breaks: {week}"' "$work/schedule.json"
}
window() {  # the window opens offscreen, runs a few seconds, and stops cleanly on SIGTERM
    QT_QPA_PLATFORM=offscreen "$bundle/supervisor-console" --db "$db" >"$work/gui.log" 2>&1 &
    local pid=$!
    sleep 6
    if ! kill -0 "$pid" 2>/dev/null; then
        cat "$work/gui.log"
        return 1
    fi
    kill -TERM "$pid"
    local code=0
    wait "$pid" || code=$?
    [ "$code" -eq 0 ] || { cat "$work/gui.log"; return 1; }
}
guide() { [ -f "$bundle/_internal/supervisor_app/resources/user-guide/index.md" ]; }

check "supervisor-app --version" version
check "demo seed into a temporary database" seed
check "kpi --format json" kpi
check "schedule generate --time-limit 5 (OR-Tools)" schedule
check "supervisor-console offscreen, stopped by SIGTERM" window
check "the user guide is inside" guide
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
