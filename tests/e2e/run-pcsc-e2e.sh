#!/usr/bin/env bash
# End-to-end PC/SC check: real pcscd + vpcd, the emulator as the vpcd card, pyscard as the host.
#
#   tests/e2e/run-pcsc-e2e.sh PROFILE_FILE
#
# Imports PROFILE_FILE into a temporary store, serves it on vpcd slot 0, runs phase "first",
# restarts the emulator (SIGINT, wait, start again) and runs phase "after-restart".
# Builds nothing: the CLI must already be built (Release).
#
# Environment:
#   EMU      command line of the CLI (default: dotnet src/EuiccEmulator.Cli/bin/Release/net10.0/euicc-emu.dll)
#   ICCID    ICCID digits of the profile (default: first ICCID printed by "profiles list")
#   EID      expected EID (default: the SGP.26 test EID)
#   VPCD     vpcd endpoint (default: 127.0.0.1:35963 = reader "Virtual PCD 00 00")
#   VERBOSE  1 to run "serve --verbose"
#   KEEP     1 to keep the temporary store and logs
set -u
# Job control: without it background jobs start with SIGINT ignored, and SIGINT is how we stop the emulator.
set -m

cd "$(dirname "$0")/../.." || exit 2

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 PROFILE_FILE" >&2
    exit 2
fi
PROFILE_FILE=$1

read -r -a EMU_CMD <<< "${EMU:-dotnet src/EuiccEmulator.Cli/bin/Release/net10.0/euicc-emu.dll}"
EID=${EID:-89049032123451234512345678901235}
VPCD=${VPCD:-127.0.0.1:35963}
PYTHON=/usr/bin/python3   # Debian's interpreter, the one with pyscard
SCRIPT=tests/e2e/pcsc_e2e.py

WORK=$(mktemp -d /tmp/pcsc-e2e.XXXXXX)
STORE=$WORK/card.db

PCSCD_PID=
EMU_PID=
FAILURES=0

log() { echo "== $*"; }

fail() {
    echo "== FAIL: $*"
    FAILURES=$((FAILURES + 1))
}

# Waits up to $2 tenths of a second for process $1 to exit.
wait_exit() {
    local pid=$1 tenths=$2
    while [ "$tenths" -gt 0 ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.1
        tenths=$((tenths - 1))
    done
    ! kill -0 "$pid" 2>/dev/null
}

start_emulator() {
    local logfile=$WORK/serve-$1.log
    local extra=()
    [ "${VERBOSE:-0}" = 1 ] && extra=(--verbose)
    log "starting emulator: ${EMU_CMD[*]} serve --store $STORE --vpcd $VPCD ${extra[*]}"
    "${EMU_CMD[@]}" serve --store "$STORE" --vpcd "$VPCD" "${extra[@]}" >"$logfile" 2>&1 &
    EMU_PID=$!
}

# SIGINT first (clean shutdown path), escalate only if it hangs.
stop_emulator() {
    [ -n "$EMU_PID" ] || return 0
    local pid=$EMU_PID status
    EMU_PID=
    kill -INT "$pid" 2>/dev/null
    if ! wait_exit "$pid" 100; then
        fail "emulator did not stop within 10 s of SIGINT"
        kill -TERM "$pid" 2>/dev/null
        wait_exit "$pid" 30 || kill -KILL "$pid" 2>/dev/null
    fi
    wait "$pid" 2>/dev/null
    status=$?
    case $status in
        0 | 130) log "emulator stopped (exit $status)" ;;
        *) fail "emulator exited with $status after SIGINT" ;;
    esac
}

show_log() {
    local f=$WORK/serve-$1.log
    [ -s "$f" ] || return 0
    echo "-- emulator output ($1), last 40 lines:"
    tail -n 40 "$f"
}

cleanup() {
    stop_emulator
    if [ -n "$PCSCD_PID" ]; then
        kill -TERM "$PCSCD_PID" 2>/dev/null
        wait_exit "$PCSCD_PID" 50 || kill -KILL "$PCSCD_PID" 2>/dev/null
        wait "$PCSCD_PID" 2>/dev/null
        log "pcscd stopped"
    fi
    if [ "${KEEP:-0}" = 1 ] || [ "$FAILURES" -ne 0 ]; then
        log "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. pcscd (only if none is running; a running one is left alone)
if pgrep -x pcscd >/dev/null; then
    log "pcscd already running"
else
    log "starting pcscd --foreground"
    pcscd --foreground >"$WORK/pcscd.log" 2>&1 &
    PCSCD_PID=$!
    sleep 0.5
    kill -0 "$PCSCD_PID" 2>/dev/null || { PCSCD_PID=; fail "pcscd did not start"; cat "$WORK/pcscd.log"; exit 1; }
fi

# 2. profile into a fresh store
log "importing $PROFILE_FILE into $STORE"
if ! "${EMU_CMD[@]}" profiles import "$PROFILE_FILE" --store "$STORE"; then
    fail "profiles import"
    exit 1
fi
if [ -z "${ICCID:-}" ]; then
    ICCID=$("${EMU_CMD[@]}" profiles list --store "$STORE" | grep -oE '\b89[0-9]{16,18}[Ff]?\b' | head -n 1)
fi
if [ -z "${ICCID:-}" ]; then
    fail "no ICCID in 'profiles list' output (set ICCID=...)"
    exit 1
fi
log "ICCID $ICCID, EID $EID"

# 3. phase first
start_emulator 1
if ! "$PYTHON" "$SCRIPT" --phase first --iccid "$ICCID" --eid "$EID"; then
    fail "phase first"
    show_log 1
fi

# 3b. a full SGP.22 download through the real PC/SC stack: the CLI acts as LPA and test SM-DP+
DOWNLOAD_ICCID=89000123456789012341
log "download through PC/SC: ${EMU_CMD[*]} demo download --target pcsc --iccid $DOWNLOAD_ICCID"
if "${EMU_CMD[@]}" demo download --target pcsc --block-size 255 --iccid "$DOWNLOAD_ICCID" 2>&1 | tee "$WORK/download.log" \
    && grep -q "^installed $DOWNLOAD_ICCID" "$WORK/download.log"; then
    echo "e2e: 1 passed, 0 failed"
else
    echo "e2e: 0 passed, 1 failed"
    fail "download through PC/SC"
    show_log 1
fi

# 4. restart: the store must carry the state over, the downloaded profile included.
# vpcd sometimes misses a card that reconnects right after another one left; if no card shows
# within 15 s, the emulator is started once more (the store is the same either way).
card_present() {
    "$PYTHON" - "$1" <<'PY'
import sys, time
from smartcard.System import readers
deadline = time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    try:
        for r in readers():
            if str(r).startswith("Virtual PCD 00 00"):
                c = r.createConnection()
                try:
                    c.connect()
                    c.disconnect()
                    sys.exit(0)
                except Exception:
                    pass
    except Exception:
        pass
    time.sleep(0.25)
sys.exit(1)
PY
}
stop_emulator
# A fresh pcscd too: its vpcd driver sometimes keeps waiting on the card that left. The card's own
# state lives only in the store, so this does not weaken what the restart checks.
if [ "$(id -u)" -eq 0 ]; then
    pkill -x pcscd
    for _ in $(seq 50); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
    pcscd --foreground >"$WORK/pcscd-2.log" 2>&1 &
    [ -n "$PCSCD_PID" ] && PCSCD_PID=$!
    sleep 0.5
fi
start_emulator 2
if ! card_present 15; then
    log "no card 15 s after the restart: starting the emulator once more"
    stop_emulator
    sleep 1
    start_emulator 2
fi
if ! "$PYTHON" "$SCRIPT" --phase after-restart --iccid "$ICCID" --eid "$EID"; then
    fail "phase after-restart"
    show_log 2
fi
if ! "$PYTHON" "$SCRIPT" --phase listed --iccid "$DOWNLOAD_ICCID" --eid "$EID" --expect-state 0; then
    fail "downloaded profile after restart"
fi
stop_emulator

if [ "$FAILURES" -eq 0 ]; then
    log "pcsc e2e: all phases passed"
    exit 0
fi
log "pcsc e2e: $FAILURES failure(s)"
exit 1
