#!/usr/bin/env bash
# The date matrix (npm run test:dates; CI runs it after npm test).
#
# Runs the date-sensitive tests on days that break naive date code, in the
# offices' zone (Asia/Shanghai, UTC+8) and in UTC. The clock is pinned through
# TUOKE_TEST_NOW, written without an offset, i.e. as local time in each zone:
#   - the Vitest service tests take it where they build their clock
#     (tests/helpers/workspace.ts);
#   - the e2e tests give it to the bridge and to the page (tests/e2e/bridge.ts).
#
# Vitest: every date test file for every zone x day. The files that do not read
# the clock (pure calendar functions, and suites pinned at literal dates) depend
# only on the zone, so they run once per zone.
# E2E: one browser run takes 20-60 s, so each day runs the specs that its date
# really tests (default plan below, about 10 test runs); DATE_MATRIX_E2E=all runs
# every date-sensitive e2e test on every zone x day, DATE_MATRIX_E2E=none skips them.
#
# Results (and failure traces) go to test-output/date-matrix/. Exits non-zero if
# any run failed, after running them all.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)'; then
  echo "date-matrix: needs Node 22 (the SQLCipher module crashes on older Node): run it as 'npm run test:dates'" >&2
  exit 2
fi

ZONES=(Asia/Shanghai UTC)

# name=local date-time (TUOKE_TEST_NOW, read in each zone)
DAYS=(
  "sunday=2026-12-06T10:00"               # tomorrow is next week
  "new-years-eve=2026-12-31T23:30"        # tomorrow is next year (and 元旦)
  "leap-day=2028-02-29T10:00"             # 29 February
  "spring-festival-eve=2027-02-05T10:00"  # 春节 2027 is 6 February (lunar-typescript: 正月初一)
  "make-up-saturday=2026-10-10T10:00"     # 调休: a Saturday worked after the National Day week (chinese-days 2026)
)

# Vitest files whose dates come from the pinned clock (tasks due today, overdue days, greetings, ageing, grades).
CLOCK_VITEST=(
  tests/service/activities.test.ts
  tests/service/orders.test.ts
)
# Vitest files about dates where only the zone matters: pure calendar functions, suites pinned at literal
# dates (visits, minutes, reports), and printed dates.
ZONE_VITEST=(
  tests/unit/dates.test.ts
  tests/unit/testClock.test.ts
  tests/unit/workdays.test.ts
  tests/unit/period.test.ts
  tests/unit/greetings.test.ts
  tests/service/orders-logic.test.ts
  tests/service/visits.test.ts
  tests/service/minutes.test.ts
  tests/service/reports.test.ts
  tests/service/print.test.ts
)

# The date-sensitive e2e tests: spec file and a --grep for the test's title.
VISITS="tests/e2e/visits.spec.ts|plan a visit, approve it"
ACTIVITIES="tests/e2e/activities.spec.ts|log a contact from the card"
ORDERS="tests/e2e/orders.spec.ts|records an order with two lines"
REPORTS="tests/e2e/reports.spec.ts|writes the weekly report"

# Which e2e tests a zone x day runs by default: each day once, the zones alternating (Shanghai, where
# UTC dates go wrong, on the days with most to check).
e2e_plan() { # zone day-name
  case "$1 $2" in
    "Asia/Shanghai sunday") echo "VISITS" ;;
    "Asia/Shanghai new-years-eve") echo "VISITS ACTIVITIES ORDERS" ;;
    "UTC leap-day") echo "ORDERS REPORTS" ;;
    "Asia/Shanghai spring-festival-eve") echo "VISITS ACTIVITIES" ;;
    "UTC make-up-saturday") echo "VISITS" ;;
    *) echo "" ;;
  esac
}

MODE="${DATE_MATRIX_E2E:-plan}"
OUT=test-output/date-matrix
rm -rf "$OUT"
mkdir -p "$OUT"
SUMMARY="$OUT/summary.txt"
: >"$SUMMARY"
failed=0
t_all=$SECONDS

record() { # status label seconds
  printf '%-4s %-70s %4ss\n' "$1" "$2" "$3" | tee -a "$SUMMARY"
}

run() { # label log-file command...
  local label="$1" log="$2"
  shift 2
  local t0=$SECONDS
  if "$@" >"$log" 2>&1; then
    record ok "$label" $((SECONDS - t0))
  else
    record FAIL "$label (see $log)" $((SECONDS - t0))
    failed=1
  fi
}

echo "date-matrix: building the renderer"
if ! electron-vite build >"$OUT/build.log" 2>&1; then
  echo "date-matrix: build failed (see $OUT/build.log)" >&2
  exit 1
fi

for zone in "${ZONES[@]}"; do
  first=1
  for day in "${DAYS[@]}"; do
    name="${day%%=*}"
    at="${day#*=}"
    slug="$(echo "$zone" | tr '/' '-')-$name"
    files=("${CLOCK_VITEST[@]}")
    # The zone-only files once per zone, with the first day.
    if [ "$first" = 1 ]; then files+=("${ZONE_VITEST[@]}"); first=0; fi
    run "vitest  $zone $name ($at): ${#files[@]} files" "$OUT/vitest-$slug.log" \
      env TZ="$zone" TUOKE_TEST_NOW="$at" vitest run "${files[@]}"

    if [ "$MODE" = none ]; then continue; fi
    if [ "$MODE" = all ]; then picks=(VISITS ACTIVITIES ORDERS REPORTS); else read -r -a picks <<<"$(e2e_plan "$zone" "$name")"; fi
    [ "${#picks[@]}" = 0 ] && continue
    specs=()
    greps=()
    for p in "${picks[@]}"; do
      entry="${!p}"
      specs+=("${entry%%|*}")
      greps+=("${entry#*|}")
    done
    pattern="$(IFS='|'; echo "${greps[*]}")"
    workers=1
    [ "${#picks[@]}" -gt 1 ] && workers=2
    run "e2e     $zone $name ($at): ${picks[*],,}" "$OUT/e2e-$slug.log" \
      env TZ="$zone" TUOKE_TEST_NOW="$at" playwright test "${specs[@]}" --grep "$pattern" --workers="$workers" --output "$OUT/e2e-$slug"
  done
done

echo "date-matrix: $((SECONDS - t_all)) s in all" | tee -a "$SUMMARY"
if [ "$failed" != 0 ]; then
  echo "date-matrix: FAILED (summary in $SUMMARY)" >&2
  exit 1
fi
echo "date-matrix: all passed"
