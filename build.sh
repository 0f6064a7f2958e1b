#!/usr/bin/env bash
# Objector's one build script.
#
#   ./build.sh          build both browsers' extensions into dist/ (and their zips)
#   ./build.sh test     build, then run every test; the last line is "N passed, N failed"
#   ./build.sh fuzz [S] fuzz the classifier, normaliser and storage decoder, S seconds each (default 300)
#   ./build.sh bench    build, then measure size, speed and memory in headless Chromium and Firefox ESR;
#                       prints `name value unit` lines and writes BENCHMARKS.md (exit 1 only if a size is over budget)
#   ./build.sh help     this text
#
# On a fresh Debian machine as root it installs what is missing (the wasm32
# target, the pinned wasm-bindgen-cli, the npm packages from package-lock.json,
# and for tests the Debian browsers). Elsewhere it stops and names what to install.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
WASM_TARGET=wasm32-unknown-unknown
PKG=target/pkg
# Features rustc emits for wasm32; --all-features would enable proposals that
# Chromium rejects (see the README's build notes).
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
is_debian() { [ -r /etc/debian_version ] && command -v apt-get >/dev/null; }

APT_UPDATED=
apt_install() { # apt_install PACKAGE... (only as root on Debian)
  if ! is_root || ! is_debian; then
    die "missing: $*. Install it (on Debian/Ubuntu: sudo apt-get install $*) and run again."
  fi
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq; APT_UPDATED=1; fi
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null && command -v rustup >/dev/null ||
    die "missing: Rust (cargo and rustup). Install it from https://rustup.rs and run again."
  if ! rustup target list --installed | grep -qx "$WASM_TARGET"; then
    say "adding the $WASM_TARGET target"
    rustup target add "$WASM_TARGET"
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    command -v cc >/dev/null || apt_install gcc libc6-dev
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about two minutes, once)"
    # No --locked: the lock file names a version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --quiet
  fi
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 18 ] || die "Node.js $major is too old: install Node.js 18 or newer and run again."
  # npm ci only when the lock file changed since the last install.
  local stamp=node_modules/.objector-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm packages from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi
}

# Runs CMD only when OUTPUT is missing or older than one of the INPUTS.
stale() { # stale OUTPUT INPUT...
  local out=$1; shift
  [ -e "$out" ] || return 0
  [ -n "$(find "$@" -newer "$out" -print -quit 2>/dev/null)" ]
}

# Panic messages name source files, and those of the crates from crates.io would ship as
# ~/.cargo/registry/src/index.crates.io-<hash>/<crate>-<version>/…: the prefix is cut (40 B of the content wasm's
# gzip size; the same bytes on every machine). The registry is fetched first, so that its folder exists to name.
# (Rust's own files keep their /rustc/<commit>/ names: they come with its precompiled standard library.)
# Set once by `build`, for both wasm builds.
REMAP=()
remap_registry() {
  cargo fetch --quiet
  local d
  for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do REMAP+=("--remap-path-prefix=${d%/}/="); done
}

# Two wasm builds of the same crate: `content` (loaded by every Facebook and
# Instagram page) and `pages` (popup and options), so that Meta pages do not
# download the extension pages' code.
build_wasm() {
  local part raw flags
  flags=$(printf '"%s",' "${REMAP[@]}")
  for part in content pages; do
    say "building the Rust core: $part (release, for size)"
    cargo build --release --target "$WASM_TARGET" --quiet --no-default-features --features "$part,runtime" \
      --config "target.$WASM_TARGET.rustflags=[${flags%,}]"
    # Both builds write the same file: keep each one's copy to compare against.
    raw=target/$WASM_TARGET/release/objector_$part.wasm
    cmp -s "target/$WASM_TARGET/release/objector.wasm" "$raw" 2>/dev/null ||
      cp "target/$WASM_TARGET/release/objector.wasm" "$raw"
    if stale "$PKG/objector_${part}_bg.wasm" "$raw" build.sh tools/short-names.mjs; then
      say "wasm-bindgen + wasm-opt: $part"
      rm -rf "$PKG.tmp" && mkdir -p "$PKG.tmp" "$PKG"
      # The content glue is a classic content script (listed in the manifest, before content.js): Chromium
      # injects those from its own cache, while a dynamic import() of an ES module cost about 25 ms at start.
      # The popup and options pages load theirs as modules.
      local target=(--target web)
      [ "$part" = content ] && target=(--target no-modules --no-modules-global objector_core)
      wasm-bindgen "$raw" "${target[@]}" --out-dir "$PKG.tmp" --out-name "objector_$part" --no-typescript \
        --remove-name-section --remove-producers-section
      # --converge: -Oz again while it still shrinks (about 130 B gzip). --low-memory-unused: lets wasm-opt fold
      # constant offsets into loads and stores (about 160 B more), which is only wrong for addresses below 1 KiB;
      # there lies the far end of the 128 KiB stack (.cargo/config.toml, stack first), which the core never
      # reaches (storage values nest 16 deep at most), and an access that would wrap into it traps instead.
      wasm-opt -Oz --converge --low-memory-unused "${WASM_OPT_FEATURES[@]}" "$PKG.tmp/objector_${part}_bg.wasm" \
        -o "$PKG.tmp/objector_${part}_bg.wasm"
      # The content wasm's import and export names, short (`a`, `b`, …): wasm-bindgen's end in 16 hex digits
      # each, about 2.8 KB of its gzip size. The glue is rewritten to match (tools/short-names.mjs, which fails
      # the build on any name it cannot account for). Not the pages build: no Meta page loads it.
      if [ "$part" = content ]; then
        wasm-opt --minify-imports-and-exports-and-modules "${WASM_OPT_FEATURES[@]}" \
          "$PKG.tmp/objector_content_bg.wasm" -o "$PKG.tmp/objector_content_bg.wasm" >"$PKG.tmp/names.json"
        node tools/short-names.mjs "$PKG.tmp/names.json" "$PKG.tmp/objector_content_bg.wasm" "$PKG.tmp/objector_content.js"
        rm "$PKG.tmp/names.json"
      fi
      cp -r "$PKG.tmp"/* "$PKG/" && rm -rf "$PKG.tmp"
    fi
  done
}

# The content core once more, compiled to JavaScript with wasm2js, for Chromium pages whose CSP forbids
# WebAssembly in content scripts (extension/content.js picks the build; Firefox never needs it). wasm2js
# needs an MVP module with one table: target-cpu=mvp and a stripped build, in a target dir of its own.
PKG_JS=target/pkg-js
build_wasm_js() {
  say "building the Rust core as JavaScript (wasm2js): content, for Chromium pages that forbid wasm"
  # (RUSTFLAGS replaces .cargo/config.toml's flags: the stack size is repeated here.)
  CARGO_TARGET_DIR=target/mvp RUSTFLAGS="-C target-cpu=mvp -C link-arg=-zstack-size=131072 ${REMAP[*]}" \
    cargo build --release --target "$WASM_TARGET" --quiet --no-default-features --features content,runtime \
    --config profile.release.strip=true
  local raw=target/mvp/$WASM_TARGET/release/objector.wasm
  # build.sh is an input too: the patches below live here.
  if stale "$PKG_JS/objector_content_bg.asm.js" "$raw" build.sh; then
    say "wasm-bindgen + wasm2js: content"
    rm -rf "$PKG_JS.tmp" "$PKG_JS" && mkdir -p "$PKG_JS.tmp"
    wasm-bindgen "$raw" --target bundler --out-dir "$PKG_JS.tmp" --out-name objector_content --no-typescript \
      --remove-name-section --remove-producers-section
    wasm2js -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
      "$PKG_JS.tmp/objector_content_bg.wasm" -o "$PKG_JS.tmp/objector_content_bg.asm.js"
    rm "$PKG_JS.tmp/objector_content_bg.wasm"
    # wasm2js grows memory into a new ArrayBuffer and leaves the old one intact, but wasm-bindgen's glue only
    # renews its cached views of memory when the old buffer is detached (as a real wasm memory's is): after the
    # first growth it kept writing into the stale copy, and the core trapped on large pages. transfer() moves
    # the bytes into the bigger buffer and detaches the old one, as wasm does.
    local asm=$PKG_JS.tmp/objector_content_bg.asm.js
    sed -i -e 's#var newBuffer = new ArrayBuffer(newPages << 16);#var newBuffer = buffer.transfer(newPages << 16);#' \
      -e '/newHEAP8\.set(HEAP8);/d' -e '/var newHEAP8 = new Int8Array(newBuffer);/d' "$asm"
    grep -q 'buffer.transfer(newPages << 16)' "$asm" && ! grep -q 'newHEAP8' "$asm" ||
      die "wasm2js: its memory.grow changed shape; check that the glue still sees memory growth"
    # The bundler glue imports the module by its wasm name: point it at the JavaScript one.
    sed -i 's#"\./objector_content_bg\.wasm"#"./objector_content_bg.asm.js"#' "$PKG_JS.tmp/objector_content.js"
    grep -q 'objector_content_bg\.asm\.js' "$PKG_JS.tmp/objector_content.js" ||
      die "wasm2js: the glue no longer imports ./objector_content_bg.wasm (wasm-bindgen changed its output?)"
    mv "$PKG_JS.tmp" "$PKG_JS"
  fi
}

# The labels of Meta's controls, a file per language (src/core/label_files.rs): a Meta page reads two of
# them instead of carrying all 24 languages in the wasm. Written by the native build, from the same rules.
LABELS=target/labels
build_labels() {
  if stale "$LABELS/all.txt" rules src/core tools/write_labels.rs build.rs; then
    say "writing the labels files"
    rm -rf "$LABELS.tmp"
    cargo run --release --quiet --example write-labels -- "$LABELS.tmp"
    rm -rf "$LABELS" && mv "$LABELS.tmp" "$LABELS"
  fi
}

assemble() { # assemble chrome|firefox
  local b=$1 dir=dist/$1
  if stale "$dir/manifest.json" extension "$PKG" "$PKG_JS" "$LABELS" tools/make-manifest.mjs; then
    rm -rf "$dir" && mkdir -p "$dir/pkg"
    (cd extension && tar --exclude=manifest.json -cf - .) | (cd "$dir" && tar -xf -)
    # The three hand-written scripts every Meta page loads go without their comment lines (whole lines only: no
    # code changes), about half their gzip size; the commented source is in extension/.
    sed -i -E '/^[[:space:]]*(\/\/.*)?$/d' "$dir/prefetch.js" "$dir/content.js" "$dir/read.js"
    cp "$PKG"/objector_{content,pages}.js "$PKG"/objector_{content,pages}_bg.wasm "$dir/pkg/"
    if [ "$b" = chrome ]; then cp -r "$PKG_JS" "$dir/pkg/js"; fi
    cp -r "$LABELS" "$dir/labels"
    node tools/make-manifest.mjs "$b" "$dir/manifest.json"
  fi
  local zip=dist/objector-$b.zip
  if stale "$zip" "$dir"; then
    rm -f "$zip"
    web-ext build --source-dir "$dir" --artifacts-dir dist --filename "objector-$b.zip" \
      --overwrite-dest >/dev/null
  fi
}

report() {
  say "built:"
  local f
  while IFS= read -r f; do
    printf '  %8s B  %s\n' "$(stat -c %s "$f")" "$f"
  done < <(find dist -type f | sort)
  local part
  for part in content pages; do
    printf '  wasm gzip -9 (%s): %s B\n' "$part" "$(gzip -9c "dist/chrome/pkg/objector_${part}_bg.wasm" | wc -c)"
  done
  printf '  wasm2js gzip -9 (content, Chromium under a CSP without wasm): %s B\n' \
    "$(gzip -9c dist/chrome/pkg/js/objector_content_bg.asm.js | wc -c)"
}

build() {
  ensure_rust
  ensure_wasm_bindgen
  ensure_node
  remap_registry
  build_wasm
  build_wasm_js
  build_labels
  mkdir -p dist
  assemble chrome
  assemble firefox
  report
}

# ---------------------------------------------------------------- tests

PASSED=0
FAILED=0
FAILURES=()
# gzip -9 size ceilings, in bytes. The content wasm's is its budget, 60 KiB
# (BENCHMARKS.md). One `&s[a..b]` on a str, `str::split_at`, or a substring
# search with a `&str` or non-constant `char` pattern in the content build
# brings back core's panic path for str slicing, whose formatting (Debug for
# chars and the Unicode printable tables) weighs about 3.8 KB gzip: this
# ceiling is what notices. Use `get`, `split_once`, `split_at_checked` and
# `normalize::contains_str` instead. The pages wasm (popup, options,
# background) has no budget of its own; its ceiling only stops it growing
# unnoticed (53,000 until the background started reading the labels files
# for Chromium content scripts, which took it to 53,024).
SIZE_CEILING_CONTENT=61440
SIZE_CEILING_PAGES=54000

size_within_ceiling() {
  local part size ceiling ok=0
  for part in content pages; do
    size=$(gzip -9c "dist/chrome/pkg/objector_${part}_bg.wasm" | wc -c)
    ceiling=SIZE_CEILING_${part^^}
    printf '  %s wasm: %s B gzip -9 (ceiling %s B)\n' "$part" "$size" "${!ceiling}"
    [ "$size" -le "${!ceiling}" ] || { echo "  the $part wasm grew past its ceiling" >&2; ok=1; }
  done
  return $ok
}

check() { # check NAME CMD... : one pass or one fail
  local name=$1; shift
  say "$name"
  if "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); FAILURES+=("$name"); fi
}

ensure_test_tools() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  command -v openssl >/dev/null || missing+=(openssl)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

cargo_tests() {
  local log=target/cargo-test.log rc=0
  cargo test --quiet 2>&1 | tee "$log" || rc=$?
  local p f
  p=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s += $1} END {print s + 0}')
  f=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s += $1} END {print s + 0}')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; FAILURES+=("cargo test (did not run)"); fi
  [ "$f" -eq 0 ] || FAILURES+=("cargo test")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}

lint_firefox() {
  local out=target/web-ext-lint.json
  web-ext lint --source-dir dist/firefox --output json --boring > "$out" || true
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const bad = [...r.errors, ...r.warnings];
    for (const m of bad) console.log(`  ${m._type}: ${m.code} ${m.file || ""}: ${m.message}`);
    console.log(`  web-ext lint: ${r.errors.length} errors, ${r.warnings.length} warnings, ${r.notices.length} notices`);
    process.exit(bad.length ? 1 : 0);' "$out"
}

e2e_tests() {
  local log=target/e2e.log rc=0
  node --test --test-reporter=tap --test-concurrency=1 tests/static/ tests/e2e/ 2>&1 | tee "$log" || rc=$?
  local p f
  p=$(grep -E '^# pass [0-9]+' "$log" | awk '{print $3}' | tail -1)
  f=$(grep -E '^# fail [0-9]+' "$log" | awk '{print $3}' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  [ "$f" -eq 0 ] || FAILURES+=("end-to-end tests")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}

FUZZ_TARGETS=(classify normalize storage)

ensure_fuzz() {
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || { say "installing cargo-fuzz (once)"; cargo install cargo-fuzz --quiet; }
}

fuzz_one() { # fuzz_one TARGET SECONDS: a crash fails the check and leaves its input in fuzz/artifacts/
  mkdir -p "fuzz/corpus/$1" target
  local log=$ROOT/target/fuzz-$1.log
  if (cd fuzz && cargo +nightly fuzz run --release "$1" "corpus/$1" "seeds/$1" -- \
    -max_total_time="$2" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) > "$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^Done' "$log" | sed 's/^/  /'
  else
    tail -n 40 "$log"
    return 1
  fi
}

run_fuzz() { # run_fuzz SECONDS
  ensure_rust
  ensure_fuzz
  local t
  for t in "${FUZZ_TARGETS[@]}"; do check "fuzz $t ($1 s)" fuzz_one "$t" "$1"; done
}

run_tests() {
  build
  ensure_test_tools
  mkdir -p target
  check "cargo fmt --check" cargo fmt --check
  check "cargo clippy (host)" cargo clippy --quiet --all-targets -- -D warnings
  check "cargo clippy (wasm32)" cargo clippy --quiet --all-targets --target "$WASM_TARGET" -- -D warnings
  check "wasm size (gzip -9) within its ceiling" size_within_ceiling
  local part
  for part in content pages; do
    check "cargo clippy (wasm32, $part alone)" cargo clippy --quiet --lib --target "$WASM_TARGET" \
      --no-default-features --features "$part,runtime" -- -D warnings
  done
  say "cargo test"
  cargo_tests
  check "web-ext lint dist/firefox" lint_firefox
  say "fuzzing, a short bounded pass (./build.sh fuzz runs longer)"
  run_fuzz "${OBJECTOR_FUZZ_SECONDS:-20}"
  say "static checks of the built extension, and end-to-end tests (Chromium and Firefox ESR, extension installed)"
  e2e_tests
  if [ ${#FAILURES[@]} -gt 0 ]; then
    printf 'failed: %s\n' "${FAILURES[@]}"
  fi
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# ---------------------------------------------------------------- benchmark

run_bench() {
  build
  ensure_test_tools
  say "benchmark (headless Chromium and Firefox ESR, generated 20,000-element pages; a few minutes)"
  node tests/bench/run.js
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  fuzz)
    run_fuzz "${2:-300}"
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ] ;;
  bench) run_bench ;;
  help | -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1'. Use: ./build.sh [build|test|fuzz [seconds]|bench|help]" ;;
esac
