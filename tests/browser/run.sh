#!/usr/bin/env bash
# Browser test suite for the default theme.
#
#   bash tests/browser/run.sh            (from any folder)
#
# Installs what it needs (Debian's chromium, the npm packages), builds the
# example site once into a temporary folder with its feedback form pointed at
# a local stub, then runs the node:test files in tests/browser/ against it:
# axe-core on every page at 1280px and 320px, keyboard use, the feedback form
# with and without JavaScript, layout at 320px, screenshots (written to
# target/screenshots/) and the Nu HTML checker.
#
# Environment: SIGNPOST_BROWSER_PORT picks the port (default: a free one);
# KEEP_BROWSER_SITE=1 keeps the built site folder and prints where it is.
set -euo pipefail

started=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (apt-get)"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  echo "== installing java for the Nu HTML checker (apt-get)"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi

if [ ! -f "$here/node_modules/.package-lock.json" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  echo "== npm ci"
  # --ignore-scripts: vnu-jar's install script would download a Java runtime;
  # the system's java is used instead.
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

port="${SIGNPOST_BROWSER_PORT:-}"
if [ -z "$port" ]; then
  port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/signpost-browser.XXXXXX")"
cleanup() {
  if [ "${KEEP_BROWSER_SITE:-}" = "1" ]; then
    echo "(kept the built site in $tmp)"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

echo "== building the example site for http://127.0.0.1:$port/"
site="$tmp/site"
mkdir -p "$site"
cp site.yaml "$site/"
cp -R content themes "$site/"
# A page with every component (tests/browser/components.test.mjs), tested
# with the rest: axe-core, the Nu checker and keyboard use on every page.
cp tests/browser/fixtures/components.md "$site/content/every-component.md"
if [ -d static ]; then cp -R static "$site/"; fi

# Point the feedback form at the local stub: replace `endpoint:` inside the
# top-level `feedback:` block of the copied site.yaml.
endpoint="http://127.0.0.1:$port/__stub/feedback"
awk -v endpoint="$endpoint" '
  /^feedback:[[:space:]]*(#.*)?$/ { print; inblock = 1; next }
  inblock && /^[^[:space:]#]/ { inblock = 0 }
  inblock && /^[[:space:]]+endpoint:/ {
    match($0, /^[[:space:]]+/)
    print substr($0, 1, RLENGTH) "endpoint: " endpoint
    done = 1
    next
  }
  { print }
  END { if (!done) exit 3 }
' site.yaml >"$site/site.yaml" || {
  echo "run.sh: could not find 'endpoint:' under 'feedback:' in site.yaml; the feedback tests need it." >&2
  exit 1
}

cargo build --release --locked --quiet
target_dir="${CARGO_TARGET_DIR:-$root/target}"
"$target_dir/release/signpost" build \
  --root "$site" \
  --output "$site/public" \
  --base-url "http://127.0.0.1:$port/" \
  --today 2026-11-24

# The theme's own test site (tables, footnotes, team photos, headings named
# like the theme's blocks), published under /theme-fixture/ of the same
# server, so every test below runs on its pages too.
fixture="$tmp/theme-fixture"
cp -R tests/fixtures/theme "$fixture"
cp -R themes "$fixture/"
"$target_dir/release/signpost" build \
  --root "$fixture" \
  --output "$site/public/theme-fixture" \
  --base-url "http://127.0.0.1:$port/theme-fixture/" \
  --today 2026-11-24

mkdir -p target/screenshots
export SIGNPOST_BROWSER_SITE="$site/public"
export SIGNPOST_BROWSER_PORT="$port"

echo "== browser tests"
status=0
node --test --test-concurrency=1 --test-timeout=600000 --test-reporter=spec tests/browser/*.test.mjs || status=$?

echo "== screenshots are in target/screenshots/"
echo "== browser suite took $(( $(date +%s) - started ))s"
exit "$status"
