#!/usr/bin/env bash
# Re-export keeps what the operator has, and a disk that fills up mid-export changes nothing.
#
#   test/scripts/reexport.sh [keep|disk-full|all]      (default: all)
#
# keep:      exports a template with the built CLI, edits .env as an operator would (fills in
#            NEXTAUTH_LICENSE with a value that needs quoting, changes a generated secret, adds a
#            variable of their own), re-exports with --overwrite and proves with grep -Fx and cmp
#            that every value survived byte for byte, that the extra variable is kept commented
#            out, that the report names no value, that .env is still 0600 and that a second
#            re-export changes nothing.
# disk-full: in a user+mount namespace (`unshare -rm`), mounts a 128 KiB tmpfs, exports into it,
#            fills it until three pages are left, re-exports (which needs more) and proves the
#            exit code (2) and message name the full disk and that the previous export is
#            byte-identical, modes included, with no temporary file left. Where `unshare -rm` is
#            not allowed it says so and skips, unless REQUIRE_REAL_TOOLS=1 (then it fails).
#
# It builds nothing: run `npm run build:cli` first (test/export/reexport-script.test.ts does).
# Prints `ok: …` per check; exits non-zero with `FAIL: …` on the first broken promise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SELF="$ROOT/test/scripts/reexport.sh"
# PORTOLAN_CLI_BUNDLE: another build of the CLI bundle to run (to watch this script fail on a broken one).
CLI_BUNDLE="${PORTOLAN_CLI_BUNDLE:-$ROOT/out/cli/portolan.js}"
portolan() {
  node --input-type=module -e 'const cli = await import(process.argv[1]); process.exitCode = await cli.main(process.argv.slice(2));' \
    "$CLI_BUNDLE" "$@"
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() { echo "ok: $*"; }

[ -f "$CLI_BUNDLE" ] || {
  echo "reexport.sh: $CLI_BUNDLE is missing; run npm run build:cli first" >&2
  exit 2
}

LICENSE_LINE="NEXTAUTH_LICENSE='LIC-2026 acme #42 \$NOT_A_VAR'"
KEY_LINE='NEXTAUTH_ROOT_API_KEY=operator-chosen-key-0001'

# edit_env FILE: what an operator does to the .env of an export.
edit_env() {
  local env=$1
  grep -qx 'NEXTAUTH_LICENSE=' "$env" || fail "the export does not ask for NEXTAUTH_LICENSE"
  grep -q '^NEXTAUTH_ROOT_API_KEY=[A-Za-z0-9]\{32\}$' "$env" || fail "the export generated no NEXTAUTH_ROOT_API_KEY"
  awk -v lic="$LICENSE_LINE" -v key="$KEY_LINE" '
    /^NEXTAUTH_LICENSE=/ { print lic; next }
    /^NEXTAUTH_ROOT_API_KEY=/ { print key; next }
    { print }' "$env" >"$env.edit"
  echo 'OPERATOR_EXTRA=keep-me' >>"$env.edit"
  cat "$env.edit" >"$env" # rewrite in place: the file keeps its mode
  rm "$env.edit"
}

keep() {
  local work=$1
  cd "$work"
  portolan new --template manual acme.portolan.yaml >/dev/null
  portolan export acme.portolan.yaml --out deploy >/dev/null || fail "the first export failed"
  edit_env deploy/.env
  cp -p deploy/.env edited.env
  grep -E '^[A-Za-z_][A-Za-z0-9_]*=' edited.env | grep -v '^OPERATOR_EXTRA=' >edited.values || true
  [ "$(wc -l <edited.values)" -ge 7 ] || fail "expected at least 7 variables in .env, found $(wc -l <edited.values)"

  # Without --overwrite nothing is touched.
  local code=0
  portolan export acme.portolan.yaml --out deploy >out.txt 2>err.txt || code=$?
  [ "$code" -eq 2 ] || fail "re-export without --overwrite: exit $code, expected 2"
  grep -Fxq '  .env' err.txt || fail "re-export without --overwrite does not list .env"
  cmp -s deploy/.env edited.env || fail "re-export without --overwrite changed .env"
  ok "without --overwrite the export is refused (exit 2) and .env is untouched"

  portolan export acme.portolan.yaml --out deploy --overwrite >out.txt 2>err.txt ||
    fail "re-export with --overwrite failed: $(cat err.txt)"
  local line
  while IFS= read -r line; do
    grep -Fxq -- "$line" deploy/.env || fail "re-export lost the value of ${line%%=*}"
  done <edited.values
  grep -Fxq -- "$LICENSE_LINE" deploy/.env || fail "the filled-in license did not survive byte for byte"
  grep -Fxq -- "$KEY_LINE" deploy/.env || fail "the changed secret did not survive byte for byte"
  grep -Fxq -- '# OPERATOR_EXTRA=keep-me' deploy/.env || fail "the operator's own variable was not kept commented out"
  ok "every secret and filled-in value survived byte for byte ($(wc -l <edited.values) variables)"

  grep -Fxq '.env merged: kept 7; no longer used (kept, commented out): OPERATOR_EXTRA' out.txt ||
    fail "the re-export did not report what changed: $(cat out.txt)"
  if grep -Fq -e 'LIC-2026' -e 'operator-chosen-key' -e 'keep-me' out.txt err.txt; then
    fail "the re-export printed a value"
  fi
  ok "the change report names variables, never values"

  [ "$(stat -c %a deploy/.env)" = 600 ] || fail ".env is $(stat -c %a deploy/.env), not 600"
  [ "$(stat -c %a deploy/docker-compose.yml)" = 644 ] || fail "docker-compose.yml is not 644"
  ok ".env is still 0600, docker-compose.yml 0644"

  cp -p deploy/.env once.env
  portolan export acme.portolan.yaml --out deploy --overwrite >/dev/null 2>err.txt ||
    fail "the second re-export failed: $(cat err.txt)"
  cmp -s deploy/.env once.env || fail "a second re-export changed .env"
  [ "$(grep -c 'OPERATOR_EXTRA' deploy/.env)" -eq 1 ] || fail "the unused variable is duplicated"
  ok "a second re-export leaves .env byte-identical"
}

# Runs as root of a new user+mount namespace: the tmpfs disappears with it.
disk_full_inside() {
  local work=$1
  cd "$work"
  mkdir mnt
  mount -t tmpfs -o size=128k,mode=0755 portolan-reexport mnt || fail "cannot mount a tmpfs in the namespace"
  portolan new --template manual acme.portolan.yaml >/dev/null
  portolan export acme.portolan.yaml --out mnt/deploy >/dev/null 2>err.txt ||
    fail "the first export into the 128 KiB tmpfs failed: $(cat err.txt)"
  edit_env mnt/deploy/.env
  cp -a mnt/deploy before

  # Leave three pages: docker-compose.yml and .env fit, nginx/nginx.conf (two pages) does not.
  local free page
  free=$(stat -f -c %a mnt)
  page=$(stat -f -c %S mnt)
  [ "$free" -gt 3 ] || fail "the tmpfs has only $free pages free after the first export"
  dd if=/dev/zero of=mnt/filler bs="$page" count=$((free - 3)) status=none 2>/dev/null || true
  [ "$(stat -f -c %a mnt)" -le 3 ] || fail "could not fill the tmpfs"

  local code=0
  portolan export acme.portolan.yaml --out mnt/deploy --overwrite >out.txt 2>err.txt || code=$?
  [ "$code" -eq 2 ] || fail "re-export on a full disk: exit $code, expected 2 ($(cat err.txt))"
  grep -Eq '^portolan: export-disk-full: no space left on device while writing [^ ]+; the previous export is unchanged$' err.txt ||
    fail "the message does not name the full disk: $(cat err.txt)"
  ok "re-export on a full disk exits 2: $(cat err.txt)"

  (cd before && find . | LC_ALL=C sort) >list.before
  (cd mnt/deploy && find . | LC_ALL=C sort) >list.after
  cmp -s list.before list.after || fail "the export folder's listing changed: $(diff list.before list.after | tr '\n' ' ')"
  local f
  while IFS= read -r f; do
    cmp -s "before/$f" "mnt/deploy/$f" || fail "$f changed"
    [ "$(stat -c %a "before/$f")" = "$(stat -c %a "mnt/deploy/$f")" ] || fail "the mode of $f changed"
  done < <(cd before && find . -type f)
  [ "$(ls -A mnt | LC_ALL=C sort | tr '\n' ' ')" = "deploy filler " ] || fail "temporary files left: $(ls -A mnt)"
  ok "the previous export is byte-identical (every file, its mode, no temporary file left)"

  # With room again, the same re-export goes through and keeps the operator's values.
  rm mnt/filler
  portolan export acme.portolan.yaml --out mnt/deploy --overwrite >/dev/null 2>err.txt ||
    fail "re-export after freeing space failed: $(cat err.txt)"
  grep -Fxq -- "$LICENSE_LINE" mnt/deploy/.env || fail "the license was lost after freeing space"
  ok "with space again the re-export succeeds and keeps the license"
}

disk_full() {
  local work=$1
  if ! unshare -rm true 2>/dev/null; then
    if [ "${REQUIRE_REAL_TOOLS:-}" = 1 ]; then
      fail "unshare -rm is not allowed here (user and mount namespaces), and REQUIRE_REAL_TOOLS=1 is set"
    fi
    echo "skip: unshare -rm is not allowed here, so no tmpfs can be mounted; set REQUIRE_REAL_TOOLS=1 to make this a failure"
    return 0
  fi
  mkdir "$work/disk-full"
  unshare -rm bash "$SELF" --inside-namespace "$work/disk-full"
}

WORK=''
cleanup() { if [ -n "$WORK" ]; then rm -rf "$WORK"; fi; }

main() {
  if [ "${1:-}" = --inside-namespace ]; then
    disk_full_inside "$2"
    return
  fi
  local what=${1:-all}
  case "$what" in
    keep | disk-full | all) ;;
    *)
      echo "usage: $0 [keep|disk-full|all]" >&2
      exit 2
      ;;
  esac
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/portolan-reexport.XXXXXX")
  trap cleanup EXIT
  # Each part on its own line (not in an && list), so `set -e` holds inside it.
  if [ "$what" != disk-full ]; then
    mkdir "$WORK/keep"
    (keep "$WORK/keep")
  fi
  if [ "$what" != keep ]; then
    disk_full "$WORK"
  fi
}

main "$@"
