#!/usr/bin/env bash
# testsuite/fetch-guests.sh — fetch real riscv64 Debian programs for the tests.
#
# Usage: fetch-guests.sh [CACHE_DIR [PACKAGE...]]   (default build/guests; git-ignored)
#        FETCH_SKIP="..." fetch-guests.sh DIR PACKAGE...: leaves out those dependencies
#          (libraries a program only dlopens; make stress-guest: stress-ng's mesa and LLVM)
#
# Downloads riscv64 .debs from Debian trixie (libc6, busybox-static, lua5.4, xz-utils, git,
# sqlite3, python3.13-minimal, or the PACKAGEs given, and everything they
# depend on) with a private apt configuration kept
# under CACHE_DIR — /etc/apt and the host's package state are never touched —
# and unpacks them with dpkg-deb -x into CACHE_DIR/sysroot, which is what
# `rvdbt run -L CACHE_DIR/sysroot` (and qemu-riscv64 -L) use as the guest's /.
#
# The mirror is the one this machine's own apt sources use.  A finished sysroot
# is marked with a stamp listing the packages, so a second run returns at once.
# Without network the script says so in one line and exits 1; the tests that
# need these programs then SKIP with that reason (see 60-user-mode.sh).
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
D=${1:-$TOP/build/guests}
mkdir -p "$D" && D=$(cd "$D" && pwd)  # (apt takes a relative Dir:: option as relative to /)
SYSROOT=$D/sysroot
PACKAGES=(libc6 busybox-static lua5.4 sqlite3 python3.13-minimal xz-utils git)
[ $# -gt 1 ] && PACKAGES=("${@:2}")  # (make pytest-guest asks for CPython's test suite)
read -r -a SKIP <<<"${FETCH_SKIP:-}"
STAMP=$SYSROOT/.rvdbt-packages

say() { printf 'fetch-guests: %s\n' "$*" >&2; }

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "${PACKAGES[*]}" ]; then
  exit 0  # already done
fi

for tool in apt-get apt-cache dpkg-deb; do
  command -v "$tool" >/dev/null || { say "$tool not found (needs a Debian host)"; exit 1; }
done

# The mirror: $RVDBT_DEBIAN_MIRROR, else the first non-security URI of this
# machine's deb822 sources, else of its sources.list.
mirror=${RVDBT_DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
             /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) print $i; break } }' \
             /etc/apt/sources.list | head -n 1)
fi
mirror=${mirror:-http://deb.debian.org/debian}

mkdir -p "$D/lists/partial" "$D/cache/archives/partial" "$D/debs"
# another cache directory starts from the main one's package list (20 MB), if there is one
if [ ! -e "$D/lists/lock" ] && [ -d "$TOP/build/guests/lists" ] && [ "$D" != "$TOP/build/guests" ]; then
  cp -a "$TOP/build/guests/lists/." "$D/lists/"
fi
echo "deb [arch=riscv64] $mirror trixie main" >"$D/sources.list"
APT_OPTS=(-o "Dir::State::Lists=$D/lists" -o "Dir::Cache=$D/cache"
          -o "Dir::Etc::SourceList=$D/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::status=/dev/null" -o "APT::Architecture=riscv64" -o "APT::Architectures=riscv64"
          -o "APT::Sandbox::User=root" -o "Acquire::Retries=1" -o "Acquire::http::Timeout=20")

say "updating the riscv64 package list from $mirror (trixie)"
# shellcheck source=testsuite/debian-index.sh
. "$TOP/testsuite/debian-index.sh"
if ! debian_update; then
  debian_have_index || exit 1
  say "using the package list already in $D/lists"
fi

# Every package the programs need at run time (Depends and Pre-Depends, recursively).
mapfile -t wanted < <(apt-cache "${APT_OPTS[@]}" depends --recurse --no-recommends --no-suggests \
                        --no-conflicts --no-breaks --no-replaces --no-enhances "${PACKAGES[@]}" |
                      grep -v '^ ' | grep -v '^<' | sort -u |
                      { if [ "${#SKIP[@]}" -gt 0 ]; then grep -vxF -f <(printf '%s\n' "${SKIP[@]}"); else cat; fi; })
[ "${#wanted[@]}" -gt 0 ] || { say "cannot resolve the dependencies of ${PACKAGES[*]}"; exit 1; }
debian_dry_run "${wanted[@]}"

say "downloading ${#wanted[@]} packages: ${wanted[*]}"
if ! (cd "$D/debs" && timeout 600 apt-get -qq "${APT_OPTS[@]}" download "${wanted[@]}") >"$D/download.log" 2>&1; then
  say "download failed: $(grep -m1 -E '^(E|W):' "$D/download.log" || echo 'apt-get download failed')"
  exit 1
fi

# Unpack into a fresh sysroot, then swap it in, so an interrupted run never
# leaves a half-made sysroot that looks finished.
rm -rf "$SYSROOT.new"
mkdir -p "$SYSROOT.new"
# Debian's merged /usr: /lib, /bin, /sbin are symlinks into /usr (base-files
# makes them).  Relative links, so they resolve inside the sysroot.
mkdir -p "$SYSROOT.new/usr/lib" "$SYSROOT.new/usr/bin" "$SYSROOT.new/usr/sbin" "$SYSROOT.new/etc" "$SYSROOT.new/tmp"
ln -s usr/lib "$SYSROOT.new/lib"
ln -s usr/bin "$SYSROOT.new/bin"
ln -s usr/sbin "$SYSROOT.new/sbin"
for pkg in "${wanted[@]}"; do
  deb=$(ls "$D/debs/${pkg}_"*_riscv64.deb "$D/debs/${pkg}_"*_all.deb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$deb" ] || { say "package $pkg was not downloaded"; exit 1; }
  dpkg-deb -x "$deb" "$SYSROOT.new"
done
rm -rf "$SYSROOT"
mv "$SYSROOT.new" "$SYSROOT"
echo "${PACKAGES[*]}" >"$STAMP"
say "sysroot ready in $SYSROOT"
