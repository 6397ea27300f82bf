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
