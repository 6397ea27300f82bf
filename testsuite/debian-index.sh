# testsuite/debian-index.sh — the riscv64 package index of Debian trixie, for
# fetch-guests.sh and fetch-linux.sh (sourced; they set D, mirror, APT_OPTS
# and say() first).
#
# debian_update: runs `apt-get update` with the private configuration under
# $D.  A mirror caught mid-sync serves a Packages index that no longer
# matches its signed InRelease, and apt rightly refuses it; then the
# function checks the InRelease signature itself (gpgv, Debian's keyring),
# takes the index as served, and relies on apt checking every downloaded
# .deb against the SHA256 in that index.  Returns 1 (after one line on
# stderr) when there is no usable index at all.
#
# Package indexes are read only through apt (apt-cache, apt-get): apt may
# keep them compressed (Debian's container images set Acquire::GzipIndexes,
# so lists/ holds *_Packages.lz4 or .gz, never a plain *_Packages file).
debian_update() {
  if timeout 300 apt-get -qq "${APT_OPTS[@]}" update >"$D/update.log" 2>&1 &&
     ! grep -qE '^(W|E): (Failed|Some index files failed)' "$D/update.log"; then
    return 0
  fi
  if grep -qE 'unexpected size|Hash Sum mismatch' "$D/update.log" && command -v curl >/dev/null; then
    say "the mirror's package index does not match its signed Release file (mirror sync in progress?); using the index as served"
    local site=${mirror#*://}
    site=${site%/}
    local prefix=$D/lists/${site//\//_}_dists_trixie
    if curl -fsS -m 60 -o "${prefix}_InRelease" "$mirror/dists/trixie/InRelease" &&
       gpgv --keyring /usr/share/keyrings/debian-archive-keyring.gpg "${prefix}_InRelease" >/dev/null 2>&1 &&
       curl -fsS -m 300 "$mirror/dists/trixie/main/binary-riscv64/Packages.xz" | xz -d >"${prefix}_main_binary-riscv64_Packages"; then
      return 0
    fi
  fi
  say "cannot download the package list from $mirror (no network?): $(grep -m1 -E '^(E|W):' "$D/update.log" | cut -c1-160 || echo 'apt-get update failed')"
  return 1
}

# debian_have_index: true if $D/lists holds a package index apt can read
# (from an earlier run), compressed or not.
debian_have_index() {
  # (no `| grep -q`: under pipefail, apt-cache killed by SIGPIPE fails the test)
  local names
  names=$(apt-cache "${APT_OPTS[@]}" pkgnames 2>/dev/null) && [ -n "$names" ]
}

# debian_dry_run WHAT...: with RVDBT_FETCH_DRY_RUN=1, print what would be
# downloaded and stop here (the tests check name resolution this way,
# against a list directory they made, without a network).
debian_dry_run() {
  if [ "${RVDBT_FETCH_DRY_RUN:-0}" = 1 ]; then
    printf '%s\n' "$@"
    exit 0
  fi
}
