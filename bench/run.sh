#!/usr/bin/env bash
# Signpost performance benchmark: build time and peak memory against Hugo on
# generated sites (minimal theme), Signpost alone on the generated bench site
# (the default theme, example-site kinds), the example site's build time,
# and edit-to-reload time of `signpost serve`. See bench/README.md.
#
#   bash bench/run.sh [SIZE ...]      sizes in pages; default: 1000 10000
#
# Environment: RUNS (builds per tool and size, default 5), EXAMPLE_RUNS
# (default 10), RELOAD=0 (skip the edit-to-reload test), RELOAD_EDITS
# (default 10), RELOAD_SIZE (site size used for it, default 10000),
# KEEP=1 (keep the generated sites and print where they are), HUGO_UP_TO
# (largest size Hugo also builds; larger sizes are Signpost only).
set -euo pipefail
export LC_ALL=C

BENCH_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd -- "$BENCH_DIR/.." && pwd)
RUNS=${RUNS:-5}
EXAMPLE_RUNS=${EXAMPLE_RUNS:-10}
RELOAD=${RELOAD:-1}
RELOAD_EDITS=${RELOAD_EDITS:-10}
KEEP=${KEEP:-0}
HUGO_UP_TO=${HUGO_UP_TO:-}
TODAY=2026-11-24 # fixed, so every run builds the same pages
if (($#)); then SIZES=("$@"); else SIZES=(1000 10000); fi

log() { printf '%s\n' "$*" >&2; }
# with_hugo SIZE: whether Hugo builds this size too.
with_hugo() { [ -z "$HUGO_UP_TO" ] || [ "$1" -le "$HUGO_UP_TO" ]; }

# --- Tools -------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" = 0 ]; then
        $SUDO apt-get update -qq
        APT_UPDATED=1
    fi
    $SUDO apt-get install -y -qq "$@" >/dev/null
}
if ! command -v hugo >/dev/null 2>&1; then
    log "Installing hugo..."
    apt_install hugo
fi
if [ ! -x /usr/bin/time ]; then
    log "Installing /usr/bin/time..."
    apt_install time
fi
command -v python3 >/dev/null 2>&1 || { log "python3 is needed"; exit 1; }

log "Building signpost (release)..."
(cd -- "$REPO" && cargo build --release --locked --quiet)
SIGNPOST="$REPO/target/release/signpost"
HUGO=$(command -v hugo)

# --- Work folder and clean-up ------------------------------------------------
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    WORK=$(mktemp -d /dev/shm/signpost-bench.XXXXXX)
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/signpost-bench.XXXXXX")
fi
BG_PIDS=()
cleanup() {
    local pid
    for pid in "${BG_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [ "$KEEP" = 1 ]; then
        log "Kept the work folder: $WORK"
    else
        rm -rf -- "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# measure RESULTS_FILE OUTPUT_DIR CMD...: runs CMD once into a fresh OUTPUT_DIR
# and appends "wall_seconds peak_kib cpu_seconds" to RESULTS_FILE. Wall time
# is taken with bash's microsecond clock around /usr/bin/time (which adds
# about 1 ms); peak RSS is /usr/bin/time's %M; CPU is user + system time.
measure() {
    local results=$1 out=$2
    shift 2
    rm -rf -- "$out"
    local t0=$EPOCHREALTIME
    if ! /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" >"$WORK/last.log" 2>&1; then
        log "FAILED: $*"
        tail -n 40 "$WORK/last.log" >&2
        exit 1
    fi
    local t1=$EPOCHREALTIME
    local e m u s
    read -r e m u s <"$WORK/time.txt"
    awk -v a="$t0" -v b="$t1" -v m="$m" -v u="$u" -v s="$s" \
        'BEGIN { printf "%.4f %d %.2f\n", b - a, m, u + s }' >>"$results"
    rm -rf -- "$out"
}

# summary SIZE...: the table of medians, from $WORK/res-SIZE-TOOL.
summary() {
    python3 - "$WORK" "$@" <<'EOF'
import statistics, sys
work, sizes = sys.argv[1], sys.argv[2:]
def load(size, tool):
    rows = [l.split() for l in open("%s/res-%s-%s" % (work, size, tool)) if l.strip()]
    if not rows:
        return None
    return {
        "wall": statistics.median(float(r[0]) for r in rows),
        "mib": statistics.median(int(r[1]) for r in rows) / 1024,
        "cpu": statistics.median(float(r[2]) for r in rows),
        "walls": " ".join("%.2f" % float(r[0]) for r in rows),
    }
print("| pages | tool | wall (s) | CPU user+sys (s) | peak RSS (MiB) | each run's wall (s) |")
print("| ---: | --- | ---: | ---: | ---: | --- |")
for size in sizes:
    s, h = load(size, "signpost"), load(size, "hugo")
    for name, r in (("signpost", s), ("hugo", h)):
        if r:
            print("| %s | %s | %.3f | %.2f | %.1f | %s |" % (size, name, r["wall"], r["cpu"], r["mib"], r["walls"]))
    if h:
        print("| %s | **signpost / hugo** | **%.2f** | %.2f | **%.2f** | |" % (size, s["wall"] / h["wall"], s["cpu"] / h["cpu"], s["mib"] / h["mib"]))
    b = load(size, "site")
    print("| %s | signpost, bench site | %.3f | %.2f | %.1f | %s |" % (size, b["wall"], b["cpu"], b["mib"], b["walls"]))
print()
print("Signpost's scaling (a straight line keeps the time per page flat):")
print()
print("| pages | site | wall per page (ms) | CPU per page (ms) | peak RSS (MiB) |")
print("| ---: | --- | ---: | ---: | ---: |")
for size in sizes:
    for flavour, name in (("signpost", "minimal theme"), ("site", "bench site")):
        s = load(size, flavour)
        print("| %s | %s | %.3f | %.3f | %.1f |" % (size, name, s["wall"] * 1000 / int(size), s["cpu"] * 1000 / int(size), s["mib"]))
EOF
}

median_line() { # FILE -> "median_wall_s median_peak_mib n"
    python3 - "$1" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
w = statistics.median(float(r[0]) for r in rows)
m = statistics.median(int(r[1]) for r in rows) / 1024
print("%.4f %.1f %d" % (w, m, len(rows)))
EOF
}

# --- Machine -----------------------------------------------------------------
MEM_GIB=$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
echo "Machine: $(nproc) cores, ${MEM_GIB} GiB memory, $(uname -sr)"
echo "Date: $(date +%F)"
echo "Signpost: $("$SIGNPOST" --version) (release build)"
echo "Hugo: $("$HUGO" version | awk '{ print $1, $2 }')"
echo "Work folder: $( [ "${WORK#/dev/shm/}" != "$WORK" ] && echo 'RAM disk (/dev/shm)' || echo 'temporary folder')"
echo "Runs per tool and size: $RUNS (alternating signpost and hugo), medians shown"
echo "Load average before starting: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# --- Generated sites ---------------------------------------------------------
for size in "${SIZES[@]}"; do
    for flavour in signpost hugo site; do
        if [ "$flavour" = hugo ] && ! with_hugo "$size"; then continue; fi
        log "Generating $size pages for $flavour..."
        python3 "$BENCH_DIR/generate.py" --pages "$size" --out "$WORK/sites/$size-$flavour" --flavour "$flavour" >&2
    done
done

for size in "${SIZES[@]}"; do
    sp_site="$WORK/sites/$size-signpost"
    hu_site="$WORK/sites/$size-hugo"
    site_site="$WORK/sites/$size-site"
    : >"$WORK/res-$size-signpost"
    : >"$WORK/res-$size-hugo"
    : >"$WORK/res-$size-site"
    for ((r = 1; r <= RUNS; r++)); do
        log "Size $size, run $r of $RUNS"
        # Alternate which tool goes first, so neither always gets the warmer machine.
        if ((r % 2)); then order=(signpost hugo site); else order=(site hugo signpost); fi
        for tool in "${order[@]}"; do
            if [ "$tool" = hugo ] && ! with_hugo "$size"; then continue; fi
            if [ "$tool" = signpost ]; then
                measure "$WORK/res-$size-signpost" "$WORK/out" \
                    "$SIGNPOST" build --root "$sp_site" --output "$WORK/out" --today "$TODAY"
            elif [ "$tool" = site ]; then
                measure "$WORK/res-$size-site" "$WORK/out" \
                    "$SIGNPOST" build --root "$site_site" --output "$WORK/out" --today "$TODAY"
            else
                measure "$WORK/res-$size-hugo" "$WORK/out" \
                    "$HUGO" --quiet --source "$hu_site" --destination "$WORK/out"
            fi
        done
    done
done

echo "Build of generated sites (median of $RUNS runs each; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
summary "${SIZES[@]}"
echo

# --- Example site --------------------------------------------------------------
log "Building the example site $EXAMPLE_RUNS times..."
: >"$WORK/res-example"
for ((r = 1; r <= EXAMPLE_RUNS; r++)); do
    measure "$WORK/res-example" "$WORK/example-out" \
        "$SIGNPOST" build --root "$REPO" --output "$WORK/example-out" --today "$TODAY"
done
read -r ew em en < <(median_line "$WORK/res-example")
awk -v w="$ew" -v m="$em" -v n="$en" 'BEGIN {
    printf "Example site build, including process start: median %.1f ms, peak RSS %.1f MiB (%d runs)\n\n", w * 1000, m, n }'

# --- Edit to reload ----------------------------------------------------------
RELOAD_SIZE=${RELOAD_SIZE:-10000}
reload_site="$WORK/sites/$RELOAD_SIZE-signpost"
if [ "$RELOAD" = 0 ]; then
    log "Skipping the edit-to-reload test (RELOAD=0)."
elif [ ! -d "$reload_site" ]; then
    log "Skipping the edit-to-reload test: no $RELOAD_SIZE-page site was generated."
else
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log "Starting signpost serve on the $RELOAD_SIZE-page site..."
    "$SIGNPOST" serve --root "$reload_site" --port "$port" --today "$TODAY" >"$WORK/serve.log" 2>&1 &
    serve_pid=$!
    BG_PIDS+=("$serve_pid")
    url=""
    t_start=$EPOCHREALTIME
    for ((i = 0; i < 6000; i++)); do # up to 10 minutes
        if ! kill -0 "$serve_pid" 2>/dev/null; then
            log "signpost serve stopped:"
            cat "$WORK/serve.log" >&2
            exit 1
        fi
        url=$(sed -n 's/.*Preview running at \([^ ]*\).*/\1/p' "$WORK/serve.log" | head -n 1)
        [ -n "$url" ] && break
        sleep 0.1
    done
    if [ -z "$url" ]; then
        log "signpost serve did not start"
        exit 1
    fi
    startup=$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    pages=("$reload_site"/content/s01-*/p*.md)
    echo "Edit to reload, $RELOAD_SIZE-page site ($RELOAD_EDITS edits; serve was ready after ${startup} s):"
    python3 "$BENCH_DIR/reload_client.py" --url "$url" --page "${pages[0]}" --times "$RELOAD_EDITS"
    awk '/VmHWM/ { printf "signpost serve peak RSS: %.1f MiB\n", $2 / 1024 }' "/proc/$serve_pid/status" 2>/dev/null || true
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
fi
