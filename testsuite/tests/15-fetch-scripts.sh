# testsuite/tests/15-fetch-scripts.sh — the scripts that fetch Debian's riscv64
# software (fetch-linux.sh, fetch-guests.sh) must read apt's package index
# however apt stored it.  Debian's container images set Acquire::GzipIndexes,
# so apt keeps lists/*_Packages.lz4 (or .gz) and no plain *_Packages file; a
# script that greps the plain file fails there and the Linux boot tests were
# silently skipped on every fresh machine.
#
# Each case makes a private list directory holding only a compressed index
# (a small Packages file written here, with the real package names), points
# the script at a mirror that refuses connections (127.0.0.1:9), so `apt-get
# update` fails at once and the script must fall back to that index, and asks
# for a dry run (RVDBT_FETCH_DRY_RUN=1: print the packages, download nothing).
fetch_index_case() { # NAME SCRIPT COMPRESSOR(gz|lz4) WANT...
  local name=$1 script=$2 comp=$3; shift 3
  if [ "$comp" = lz4 ] && ! command -v lz4 >/dev/null; then
    skip "fetch/$name" "lz4 not installed (it writes the test's compressed index)"; return
  fi
  local d=$TMP/fetch-$name
  rm -rf "$d"; mkdir -p "$d/lists/partial"
  local list=$d/lists/127.0.0.1:9_debian_dists_trixie_main_binary-riscv64_Packages
  local stanzas=$TMP/fetch-$name.Packages
  : >"$stanzas"
  pkg() { # NAME [DEPENDS]
    printf 'Package: %s\nArchitecture: riscv64\nVersion: 1.0-1\nFilename: pool/main/x/%s.deb\nSize: 100\n' "$1" "$1" >>"$stanzas"
    [ -n "${2:-}" ] && printf 'Depends: %s\n' "$2" >>"$stanzas"
    printf 'Description: test entry\n\n' >>"$stanzas"
  }
  pkg linux-image-6.12.9+deb13-riscv64
  pkg linux-image-6.12.117+deb13-riscv64
  pkg linux-image-6.12.117+deb13-riscv64-dbg
  pkg linux-image-6.1.0-9-riscv64
  pkg opensbi; pkg busybox-static; pkg libgcc-s1 libc6; pkg libc6 libgcc-s1
  pkg lua5.4 "libc6, liblua5.4-0"; pkg liblua5.4-0 libc6; pkg sqlite3 "libc6, libsqlite3-0"
  pkg libsqlite3-0 libc6; pkg python3.13-minimal "libc6, zlib1g"; pkg zlib1g libc6
  pkg xz-utils "libc6, liblzma5"; pkg liblzma5 libc6; pkg git "libc6, zlib1g"
  if [ "$comp" = gz ]; then gzip -c "$stanzas" >"$list.gz"; else lz4 -q -c "$stanzas" >"$list.lz4"; fi
  run_limited 120 env RVDBT_DEBIAN_MIRROR=http://127.0.0.1:9/debian RVDBT_FETCH_DRY_RUN=1 "testsuite/$script" "$d"
  local got want
  got=$(printf '%s\n' "$out" | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  if [ "$rc" = 0 ] && [ "$got" = "$want" ] && ! ls "$d"/lists/*_Packages >/dev/null 2>&1; then
    pass "fetch/$name (index only as .$comp: resolves $*)"
  else
    fail "fetch/$name" "status $rc, want '$want', got '$got'; stderr: $(printf '%s' "$err" | tail -2 | tr '\n' ' ')"
  fi
}
fetch_index_case linux-from-gz-index fetch-linux.sh gz linux-image-6.12.117+deb13-riscv64 opensbi busybox-static
fetch_index_case linux-from-lz4-index fetch-linux.sh lz4 linux-image-6.12.117+deb13-riscv64 opensbi busybox-static
fetch_index_case guests-from-lz4-index fetch-guests.sh lz4 libc6 libgcc-s1 busybox-static lua5.4 liblua5.4-0 \
  sqlite3 libsqlite3-0 python3.13-minimal zlib1g xz-utils liblzma5 git
# no index at all and no network: the script must fail with one line, not succeed quietly
d=$TMP/fetch-none; mkdir -p "$d"
run_limited 120 env RVDBT_DEBIAN_MIRROR=http://127.0.0.1:9/debian RVDBT_FETCH_DRY_RUN=1 testsuite/fetch-linux.sh "$d"
if [ "$rc" != 0 ] && [[ "$err" == *"cannot download the package list"* ]]; then pass "fetch/no-index-no-network fails with a reason"
else fail "fetch/no-index-no-network" "status $rc: $err"; fi
