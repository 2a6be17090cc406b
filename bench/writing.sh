#!/usr/bin/env bash
# How much the writing checks (reading score, plain English, spelling) add
# to `signpost check`: the same site checked with them on and with all
# three turned off in site.yaml, alternating, RUNS times each, on two sites
# of PAGES pages: the generated benchmark site (generate.py) and the example
# site's real prose repeated (example_corpus.py). Then the example site's own
# check, process start included. Prints medians and the on/off ratio.
#
#   bash bench/writing.sh            # PAGES=10000 RUNS=5
#   PAGES=1000 RUNS=3 bash bench/writing.sh
#   SIGNPOST=/path/to/signpost bash bench/writing.sh   # that build instead
set -euo pipefail

cd "$(dirname "$0")/.."
PAGES="${PAGES:-10000}"
RUNS="${RUNS:-5}"
EXAMPLE_RUNS="${EXAMPLE_RUNS:-10}"

if [ ! -x /usr/bin/time ]; then
    echo "installing /usr/bin/time" >&2
    apt-get install -y time >/dev/null
fi
if [ -n "${SIGNPOST:-}" ]; then
    # Another build to compare, such as one from before a change.
    BIN="$(realpath "$SIGNPOST")"
else
    cargo build --release --locked >&2
    BIN="$PWD/target/release/signpost"
fi

base=/tmp
[ -d /dev/shm ] && base=/dev/shm
work="$(mktemp -d "$base/signpost-writing.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# A copy of site `$1` with the three writing checks off, at `$1-off`.
turn_off() {
    rm -rf "$1-off"
    cp -r "$1" "$1-off"
    python3 - "$1-off/site.yaml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
off = "".join("  writing/%s: off\n" % c for c in ("reading-age", "plain-english", "spelling"))
lines = text.split("\n")
if "checks:" in lines:
    i = lines.index("checks:")
    lines[i] = "checks:\n" + off.rstrip("\n")
    text = "\n".join(lines)
else:
    text = text.rstrip("\n") + "\n\nchecks:\n" + off
open(path, "w", encoding="utf-8").write(text)
EOF
}

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# Runs `signpost check` in folder $1, appending "wall user rss" to file $2.
one() {
    (cd "$1" && /usr/bin/time -o "$2.t" -f '%e %U %M' "$BIN" check >/dev/null 2>&1) || true
    cat "$2.t" >>"$2"
}

report() {
    local name="$1" dir="$2"
    : >"$work/on" && : >"$work/off"
    for i in $(seq "$RUNS"); do
        # Alternate which goes first, so neither always gets a warm cache.
        if [ $((i % 2)) -eq 1 ]; then
            one "$dir" "$work/on"; one "$dir-off" "$work/off"
        else
            one "$dir-off" "$work/off"; one "$dir" "$work/on"
        fi
    done
    local on_wall off_wall on_user off_user
    on_wall=$(cut -d' ' -f1 "$work/on" | median)
    off_wall=$(cut -d' ' -f1 "$work/off" | median)
    on_user=$(cut -d' ' -f2 "$work/on" | median)
    off_user=$(cut -d' ' -f2 "$work/off" | median)
    printf '| %s | on | %s | %s | %s | %s |\n' "$name" "$on_wall" "$on_user" \
        "$(cut -d' ' -f3 "$work/on" | median | awk '{printf "%.1f", $1/1024}')" \
        "$(cut -d' ' -f1 "$work/on" | tr '\n' ' ')"
    printf '| %s | off | %s | %s | %s | %s |\n' "$name" "$off_wall" "$off_user" \
        "$(cut -d' ' -f3 "$work/off" | median | awk '{printf "%.1f", $1/1024}')" \
        "$(cut -d' ' -f1 "$work/off" | tr '\n' ' ')"
    printf '| %s | **on / off** | **%s** | %s | | |\n' "$name" \
        "$(awk -v a="$on_wall" -v b="$off_wall" 'BEGIN {printf "%.2f", a/b}')" \
        "$(awk -v a="$on_user" -v b="$off_user" 'BEGIN {printf "%.2f", a/b}')"
}

echo "generating the sites ($PAGES pages each) in $work" >&2
python3 bench/generate.py --pages "$PAGES" --out "$work/generated" --flavour signpost >&2
python3 bench/example_corpus.py --pages "$PAGES" --out "$work/example" >&2
turn_off "$work/generated"
turn_off "$work/example"

echo "| site | writing checks | wall (s) | user CPU (s) | peak RSS (MiB) | each run's wall (s) |"
echo "| --- | --- | ---: | ---: | ---: | --- |"
report "generated, $PAGES pages" "$work/generated"
report "example prose, $PAGES pages" "$work/example"

: >"$work/ex"
for _ in $(seq "$EXAMPLE_RUNS"); do
    start=$(date +%s%N)
    "$BIN" check >/dev/null 2>&1 || true
    echo $((($(date +%s%N) - start) / 1000000)) >>"$work/ex"
done
echo
echo "Example site, \`signpost check\` with process start: median $(median <"$work/ex") ms of $EXAMPLE_RUNS runs ($(tr '\n' ' ' <"$work/ex")ms)"
