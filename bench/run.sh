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
# (edits of each kind, default 10), RELOAD_SIZE (site size used for it,
# default 10000), RELOAD_FLAVOURS (default "signpost site"), SEARCH=0 (skip
# the search-index cost test), SEARCH_SIZE (default 10000),
# BASELINE=path/to/signpost (another Signpost binary, such as an older
# commit's release build, to build the minimal-theme sites in the same runs),
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
RELOAD_FLAVOURS=${RELOAD_FLAVOURS:-signpost site}
SEARCH=${SEARCH:-1}
SEARCH_SIZE=${SEARCH_SIZE:-10000}
KEEP=${KEEP:-0}
HUGO_UP_TO=${HUGO_UP_TO:-}
BASELINE=${BASELINE:-}
if [ -n "$BASELINE" ] && [ ! -x "$BASELINE" ]; then
    printf 'BASELINE=%s is not a program that can be run\n' "$BASELINE" >&2
    exit 1
fi
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
    old = load(size, "baseline")
    if old:
        print("| %s | signpost, baseline | %.3f | %.2f | %.1f | %s |" % (size, old["wall"], old["cpu"], old["mib"], old["walls"]))
        print("| %s | **signpost / baseline** | **%.2f** | %.2f | **%.2f** | |" % (size, s["wall"] / old["wall"], s["cpu"] / old["cpu"], s["mib"] / old["mib"]))
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
if [ -n "$BASELINE" ]; then echo "Baseline: $("$BASELINE" --version) ($BASELINE)"; fi
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
    : >"$WORK/res-$size-baseline"
    for ((r = 1; r <= RUNS; r++)); do
        log "Size $size, run $r of $RUNS"
        # Alternate which tool goes first, so neither always gets the warmer machine.
        if ((r % 2)); then order=(signpost hugo site baseline); else order=(baseline site hugo signpost); fi
        for tool in "${order[@]}"; do
            if [ "$tool" = hugo ] && ! with_hugo "$size"; then continue; fi
            if [ "$tool" = baseline ] && [ -z "$BASELINE" ]; then continue; fi
            if [ "$tool" = baseline ]; then
                measure "$WORK/res-$size-baseline" "$WORK/out" \
                    "$BASELINE" build --root "$sp_site" --output "$WORK/out" --today "$TODAY"
            elif [ "$tool" = signpost ]; then
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

# --- Search index --------------------------------------------------------------
# The same generated site with a search page, built with the index and with
# `search: false` added to a copy of its site.yaml, alternating.
search_in_sizes=0
for size in "${SIZES[@]}"; do [ "$size" = "$SEARCH_SIZE" ] && search_in_sizes=1; done
if [ "$SEARCH" = 0 ]; then
    log "Skipping the search-index test (SEARCH=0)."
elif [ "$search_in_sizes" = 0 ]; then
    log "Skipping the search-index test: $SEARCH_SIZE is not among the sizes."
else
    on="$WORK/sites/$SEARCH_SIZE-search"
    off="$WORK/sites/$SEARCH_SIZE-nosearch"
    log "Generating $SEARCH_SIZE pages with a search page..."
    python3 "$BENCH_DIR/generate.py" --pages "$SEARCH_SIZE" --out "$on" --flavour signpost --search >&2
    cp -r -- "$on" "$off"
    printf 'search: false\n' >>"$off/site.yaml"
    : >"$WORK/res-search-on"
    : >"$WORK/res-search-off"
    for ((r = 1; r <= RUNS; r++)); do
        log "Search index, run $r of $RUNS"
        if ((r % 2)); then order=(off on); else order=(on off); fi
        for which in "${order[@]}"; do
            if [ "$which" = on ]; then site=$on; else site=$off; fi
            measure "$WORK/res-search-$which" "$WORK/out" \
                "$SIGNPOST" build --root "$site" --output "$WORK/out" --today "$TODAY"
        done
    done
    # One more build, kept, to measure the index on disk.
    "$SIGNPOST" build --root "$on" --output "$WORK/search-out" --today "$TODAY" >/dev/null 2>&1
    index_files=$(find "$WORK/search-out/search-index" -type f | wc -l)
    index_bytes=$(du -sb "$WORK/search-out/search-index" | cut -f1)
    index_gz=$(find "$WORK/search-out/search-index" -type f -exec gzip -c {} \; | wc -c)
    rm -rf -- "$WORK/search-out"
    echo "Search index, $SEARCH_SIZE pages (median of $RUNS runs each; load average now: $(cut -d' ' -f1-3 /proc/loadavg)):"
    echo
    python3 - "$WORK" "$index_files" "$index_bytes" "$index_gz" <<'EOF'
import statistics, sys
work, files, size, gz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def load(which):
    rows = [l.split() for l in open("%s/res-search-%s" % (work, which)) if l.strip()]
    return [statistics.median(float(r[i]) for r in rows) for i in (0, 2, 1)]
off, on = load("off"), load("on")
print("| | wall (s) | CPU (s) | peak RSS (MiB) |")
print("| --- | ---: | ---: | ---: |")
print("| `search: false` | %.2f | %.2f | %.1f |" % (off[0], off[1], off[2] / 1024))
print("| `search: true` | %.2f | %.2f | %.1f |" % (on[0], on[1], on[2] / 1024))
print("| added by search | **%+.0f%%** | %+.0f%% | **%+.1f** |" % (
    (on[0] / off[0] - 1) * 100, (on[1] / off[1] - 1) * 100, (on[2] - off[2]) / 1024))
print()
print("Index on disk: %.1f MB in %d files (%.1f MB gzipped, file by file)" % (size / 1e6, files, gz / 1e6))
EOF
    echo
fi

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
# Each kind of edit a writer makes, through the real server: a page's text,
# its title (which shows in its section's listing), and a page added,
# renamed and deleted; the time from saving to the reload event.
RELOAD_SIZE=${RELOAD_SIZE:-10000}
reload_test() { # FLAVOUR
    local reload_site="$WORK/sites/$RELOAD_SIZE-$1"
    if [ ! -d "$reload_site" ]; then
        log "Skipping the edit-to-reload test of the $1 flavour: no $RELOAD_SIZE-page site was generated."
        return
    fi
    local port url="" t_start startup serve_pid pages i
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log "Starting signpost serve on the $RELOAD_SIZE-page $1 site..."
    # Made first: the loop below may read it before the server's shell has.
    : >"$WORK/serve-$1.log"
    "$SIGNPOST" serve --root "$reload_site" --port "$port" --today "$TODAY" >"$WORK/serve-$1.log" 2>&1 &
    serve_pid=$!
    BG_PIDS+=("$serve_pid")
    t_start=$EPOCHREALTIME
    for ((i = 0; i < 6000; i++)); do # up to 10 minutes
        if ! kill -0 "$serve_pid" 2>/dev/null; then
            log "signpost serve stopped:"
            cat "$WORK/serve-$1.log" >&2
            exit 1
        fi
        url=$(sed -n 's/.*Preview running at \([^ ]*\).*/\1/p' "$WORK/serve-$1.log" | head -n 1)
        [ -n "$url" ] && break
        sleep 0.1
    done
    if [ -z "$url" ]; then
        log "signpost serve did not start"
        exit 1
    fi
    startup=$(awk -v a="$t_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    if [ "$1" = site ]; then pages=("$reload_site"/content/services/p*.md); else pages=("$reload_site"/content/s01-*/p*.md); fi
    echo "Edit to reload, $RELOAD_SIZE-page site, $1 flavour ($RELOAD_EDITS edits of each kind; serve was ready after ${startup} s; load average $(cut -d' ' -f1-3 /proc/loadavg)):"
    echo
    python3 "$BENCH_DIR/reload_client.py" --url "$url" --page "${pages[0]}" --times "$RELOAD_EDITS" \
        --edits text,title,add,rename,delete >"$WORK/reload.txt"
    grep '^median' "$WORK/reload.txt" | sed 's/^median \([a-z]*\): \(.*\)$/- \1: median \2/'
    echo "- each edit (ms): $(grep -v '^median' "$WORK/reload.txt" | awk '{ printf "%s%s %s", sep, $1, $3; sep = ", " }')"
    awk '/VmHWM/ { printf "- signpost serve peak RSS: %.1f MiB\n", $2 / 1024 }' "/proc/$serve_pid/status" 2>/dev/null || true
    echo
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
}
if [ "$RELOAD" = 0 ]; then
    log "Skipping the edit-to-reload test (RELOAD=0)."
else
    for flavour in $RELOAD_FLAVOURS; do reload_test "$flavour"; done
fi
