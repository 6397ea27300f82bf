#!/usr/bin/env bash
# testsuite/fetch-debian-rootfs.sh — build a small Debian trixie riscv64 root
# filesystem (ext4 image) that boots with systemd to a login prompt on ttyS0,
# for `make boot-debian`, the 87-debian test group and `make bench-linux`.
#
# Usage: fetch-debian-rootfs.sh [CACHE_DIR]   (default build/debian; git-ignored)
#
# No mmdebstrap, no root or loop mounts, no binfmt: the packages are only
# unpacked (dpkg-deb -x) and their maintainer scripts never run, so this
# script does by hand what those scripts would have done (see configure_root).
#
#  - Packages: Debian's Essential set + systemd systemd-sysv udev login
#    busybox-static (for nc), resolved with `apt-get -s install
#    --no-install-recommends` against an empty package state, downloaded with
#    the private apt configuration of fetch-linux.sh (apt checks every .deb
#    against the SHA256 of the signed index).
#  - Kernel and firmware: the ones testsuite/fetch-linux.sh fetches
#    (build/linux).  Debian's kernel builds virtio-mmio, virtio-blk,
#    virtio-net and ext4 as modules, so an initramfs is needed: Debian's own
#    (initramfs-tools) could only be made by running mkinitramfs inside the
#    guest, so this script writes a small busybox one instead: its /init
#    loads exactly those modules (taken from the same kernel package),
#    mounts root= and switch_root's to systemd.  The modules stay loaded, so
#    the root filesystem needs no /lib/modules.
#  - Docs, man pages and locales are left out of the image (as dpkg's
#    path-exclude would) to keep it small.
#
# Leaves CACHE_DIR/debian.img (ext4, root password "rvdbt"),
# CACHE_DIR/initrd.cpio.gz, and CACHE_DIR/packages.txt (what went in).
# Prints nothing and exits 0 when they are already there.  On any failure
# (no network, a package missing...): one line on stderr, exit 1 — the
# tests then SKIP with that line as the reason.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
D=${1:-$TOP/build/debian}
mkdir -p "$D" && D=$(cd "$D" && pwd)  # (apt takes a relative Dir:: option as relative to /)
L=${RVDBT_LINUX_DIR:-$TOP/build/linux}
# the root's password and the image's format version: a change rebuilds the image
PASSWORD=rvdbt
VERSION="rootfs-8 $PASSWORD"
say() { printf 'fetch-debian-rootfs: %s\n' "$*" >&2; }

if [ -f "$D/debian.img" ] && [ -f "$D/initrd.cpio.gz" ] && [ "$(cat "$D/.stamp" 2>/dev/null)" = "$VERSION" ]; then
  exit 0
fi
for tool in apt-get apt-cache dpkg-deb mke2fs xz openssl python3; do
  command -v "$tool" >/dev/null || { say "$tool not found (needs a Debian host with e2fsprogs, xz-utils, openssl)"; exit 1; }
done
if [ "$(id -u)" != 0 ] && ! command -v fakeroot >/dev/null; then
  say "needs root or fakeroot (the image's files must belong to root)"; exit 1
fi
"$TOP/testsuite/fetch-linux.sh" "$L" 2>"$D/fetch-linux.err" || { say "no kernel: $(tail -1 "$D/fetch-linux.err")"; exit 1; }
KMOD=$(ls -d "$L"/unpack/usr/lib/modules/*/kernel 2>/dev/null | head -1 || true)
[ -n "$KMOD" ] || { say "no kernel modules under $L/unpack (remove $L and run again)"; exit 1; }

mirror=${RVDBT_DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
             /etc/apt/sources.list.d/debian.sources)
fi
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "$D/lists/partial" "$D/cache/archives/partial" "$D/debs"
# start from the package list fetch-linux.sh already has (saves a download when offline)
if [ ! -e "$D/lists/lock" ] && [ -d "$L/lists" ]; then cp -a "$L/lists/." "$D/lists/"; fi
echo "deb [arch=riscv64] $mirror trixie main" >"$D/sources.list"
APT_OPTS=(-o "Dir::State::Lists=$D/lists" -o "Dir::Cache=$D/cache"
          -o "Dir::Etc::SourceList=$D/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::Etc::Preferences=/dev/null" -o "Dir::Etc::PreferencesParts=/dev/null"
          -o "Dir::State::status=/dev/null" -o "APT::Architecture=riscv64" -o "APT::Architectures=riscv64"
          -o "APT::Sandbox::User=root" -o "Acquire::Retries=3" -o "Acquire::http::Timeout=20")
# shellcheck source=testsuite/debian-index.sh
. "$TOP/testsuite/debian-index.sh"
if ! debian_update; then
  debian_have_index || exit 1
  say "using the package list already in $D/lists"
fi

# The package set: what apt would install on an empty system for these.
mapfile -t essential < <(apt-cache "${APT_OPTS[@]}" dumpavail | awk '/^Package:/ { p = $2 } /^Essential: yes/ { print p }' | sort -u)
[ "${#essential[@]}" -gt 10 ] || { say "no Essential packages in the index"; exit 1; }
WANT=("${essential[@]}" systemd systemd-sysv udev login busybox-static)
mapfile -t pkgs < <(apt-get "${APT_OPTS[@]}" -s install --no-install-recommends "${WANT[@]}" 2>"$D/resolve.err" |
                    awk '$1 == "Inst" { print $2 }')
[ "${#pkgs[@]}" -gt 0 ] || { say "apt cannot resolve the package set: $(grep -m1 '^E:' "$D/resolve.err" || tail -1 "$D/resolve.err")"; exit 1; }
debian_dry_run "${pkgs[@]}"
say "downloading ${#pkgs[@]} packages"
if ! (cd "$D/debs" && timeout 900 apt-get -qq "${APT_OPTS[@]}" download "${pkgs[@]}") >"$D/download.log" 2>&1; then
  say "download failed: $(grep -m1 -E '^(E|W):' "$D/download.log" || echo 'apt-get download failed')"
  exit 1
fi
debs=()
for p in "${pkgs[@]}"; do
  deb=$(ls "$D/debs/${p}_"*_riscv64.deb "$D/debs/${p}_"*_all.deb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$deb" ] || { say "package $p was not downloaded"; exit 1; }
  debs+=("$deb")
done

# ---- the initramfs: busybox, the modules, /init ------------------------------
make_initrd() {
  local W=$D/initrd
  rm -rf "$W" && mkdir -p "$W"/{bin,dev,proc,sys,newroot,lib/modules}
  cp "$L/unpack/usr/bin/busybox" "$W/bin/busybox"
  # in load order: ext4's dependencies first (crc32c for metadata_csum, which
  # the kernel would otherwise ask a modprobe for), then the virtio drivers
  local m
  for m in lib/crc16 fs/mbcache fs/jbd2/jbd2 crypto/crc32c_generic fs/ext4/ext4 \
           net/core/failover drivers/net/net_failover drivers/net/virtio_net drivers/block/virtio_blk \
           drivers/char/hw_random/virtio-rng drivers/virtio/virtio_mmio; do
    [ -f "$KMOD/$m.ko.xz" ] || { say "$KMOD/$m.ko.xz is missing from the kernel package"; return 1; }
    xz -dc "$KMOD/$m.ko.xz" >"$W/lib/modules/$(basename "$m").ko"  # (busybox insmod cannot read .ko.xz)
    basename "$m" >>"$W/lib/modules/order"
  done
  cat >"$W/init" <<'INIT'
#!/bin/busybox sh
# rvdbt's initramfs for the Debian image: load the modules Debian's kernel
# needs to reach its root (and its network), mount root=, hand over to systemd.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m.ko || echo "initrd: insmod $m failed"; done
root=/dev/vda mode=ro init=/sbin/init
for a in $(cat /proc/cmdline); do
  case $a in root=*) root=${a#root=} ;; rw) mode=rw ;; ro) mode=ro ;; init=*) init=${a#init=} ;; esac
done
i=0
while [ ! -b "$root" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
if ! mount -t ext4 -o $mode "$root" /newroot; then
  echo "initrd: cannot mount $root; here is a shell"
  exec setsid cttyhack sh
fi
umount /proc /sys
mount --move /dev /newroot/dev 2>/dev/null || umount /dev
exec switch_root /newroot "$init"
INIT
  chmod +x "$W/init"
  python3 "$TOP/testsuite/system/mkcpio.py" --console "$W" "$D/initrd.cpio"
  gzip -f -9 "$D/initrd.cpio"
  rm -rf "$W"
}

# ---- the root filesystem -----------------------------------------------------
# What the maintainer scripts (and debootstrap) would have done.  Run as root
# or under fakeroot, so the files belong to root in the image.
configure_root() {
  local R=$1 hash=$2 f
  # merged /usr (base-files ships the /bin -> usr/bin links too; make sure)
  for f in bin sbin lib; do [ -e "$R/$f" ] || ln -s "usr/$f" "$R/$f"; done
  mkdir -p "$R"/{proc,sys,dev,run,tmp,root,home,mnt,var/tmp,var/log,etc/systemd/network}
  chmod 1777 "$R/tmp" "$R/var/tmp"
  # users and groups: base-passwd's masters; the systemd users come from
  # systemd-sysusers at boot.  root has a real password (a login prompt,
  # not an autologin).
  # (the masters have '*' in the password field; 'x' sends pam_unix to
  # /etc/shadow, as shadowconfig/pwconv would)
  awk -F: -v OFS=: '{ $2 = "x"; print }' "$R/usr/share/base-passwd/passwd.master" >"$R/etc/passwd"
  awk -F: -v OFS=: '{ $2 = "x"; print }' "$R/usr/share/base-passwd/group.master" >"$R/etc/group"
  awk -F: -v h="$hash" '{ print $1 ":" ($1 == "root" ? h : "*") ":20000:0:99999:7:::" }' "$R/etc/passwd" >"$R/etc/shadow"
  awk -F: '{ print $1 ":*::" }' "$R/etc/group" >"$R/etc/gshadow"
  chmod 640 "$R/etc/shadow" "$R/etc/gshadow"
  chgrp 42 "$R/etc/shadow" "$R/etc/gshadow"  # group shadow, as in Debian
  # base-files' postinst: the shell's start-up files and the motd
  cp "$R/usr/share/base-files/profile" "$R/etc/profile"
  cp "$R/usr/share/base-files/motd" "$R/etc/motd"
  cp "$R/usr/share/base-files/dot.bashrc" "$R/root/.bashrc"
  cp "$R/usr/share/base-files/dot.profile" "$R/root/.profile"
  printf '/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n' >"$R/etc/shells"
  # libc-bin's postinst installs nsswitch.conf; libpam-runtime's runs pam-auth-update
  [ -e "$R/etc/nsswitch.conf" ] || cp "$R/usr/share/libc-bin/nsswitch.conf" "$R/etc/nsswitch.conf"
  # (/usr/share/pam/common-* are templates for pam-auth-update: these are
  # what it writes with pam_unix as the only module)
  printf 'auth\t[success=1 default=ignore]\tpam_unix.so nullok\nauth\trequisite\tpam_deny.so\nauth\trequired\tpam_permit.so\n' \
    >"$R/etc/pam.d/common-auth"
  printf 'account\t[success=1 new_authtok_reqd=done default=ignore]\tpam_unix.so\naccount\trequisite\tpam_deny.so\naccount\trequired\tpam_permit.so\n' \
    >"$R/etc/pam.d/common-account"
  printf 'password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\npassword\trequisite\tpam_deny.so\npassword\trequired\tpam_permit.so\n' \
    >"$R/etc/pam.d/common-password"
  for f in session session-noninteractive; do
    printf 'session\t[default=1]\tpam_permit.so\nsession\trequisite\tpam_deny.so\nsession\trequired\tpam_permit.so\nsession\trequired\tpam_unix.so\n' \
      >"$R/etc/pam.d/common-$f"
  done
  echo "rvdbt-debian" >"$R/etc/hostname"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\trvdbt-debian\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$R/etc/hosts"
  printf '# the virtio disk is the whole root (no fsck: e2fsprogs is not in the image)\n/dev/vda / ext4 rw,errors=remount-ro 0 0\n' >"$R/etc/fstab"
  # a fixed machine-id: an empty one would make every -snapshot boot a
  # "first boot" (systemd-firstboot asks questions on the console)
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$R/etc/machine-id"; echo >>"$R/etc/machine-id"
  mkdir -p "$R/var/lib/dbus" && ln -sf /etc/machine-id "$R/var/lib/dbus/machine-id"
  # the network: slirp's DHCP gives 10.0.2.15, gateway 10.0.2.2, DNS 10.0.2.3
  printf '[Match]\nType=ether\n\n[Network]\nDHCP=ipv4\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n' \
    >"$R/etc/systemd/network/20-wired.network"
  echo "nameserver 10.0.2.3" >"$R/etc/resolv.conf"
  # enable what systemd's postinst enables and networkd (systemctl enable, by hand);
  # the serial getty on ttyS0 comes from systemd-getty-generator (console=ttyS0)
  local S=$R/etc/systemd/system
  mkdir -p "$S/multi-user.target.wants" "$S/sockets.target.wants" "$S/sysinit.target.wants"
  ln -sf /usr/lib/systemd/system/systemd-networkd.service "$S/multi-user.target.wants/systemd-networkd.service"
  ln -sf /usr/lib/systemd/system/systemd-networkd.socket "$S/sockets.target.wants/systemd-networkd.socket"
  ln -sf /usr/lib/systemd/system/systemd-pstore.service "$S/sysinit.target.wants/systemd-pstore.service" 2>/dev/null || true
  ln -sf /usr/lib/systemd/system/remote-fs.target "$S/multi-user.target.wants/remote-fs.target"
  ln -sf /usr/lib/systemd/system/multi-user.target "$S/default.target"
  # dpkg's database, so `dpkg -l` tells what is installed
  mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/lib/dpkg/triggers"
  : >"$R/var/lib/dpkg/available"
  local deb
  for deb in "${debs[@]}"; do
    dpkg-deb -f "$deb" | awk '{ print } /^Package:/ { print "Status: install ok installed" }'
    echo
  done >"$R/var/lib/dpkg/status"
  # what is not needed to boot and log in
  rm -rf "$R"/usr/share/{doc,man,info,locale,lintian,bash-completion}
  # an emulated machine on a busy host is slow: systemd's 90 s for a device
  # (udevd announcing /dev/ttyS0 to the serial getty) and for a service to
  # start were both exceeded at a load of 15 on 2 cores
  mkdir -p "$R/etc/systemd/system.conf.d"
  printf '[Manager]\nDefaultDeviceTimeoutSec=10min\nDefaultTimeoutStartSec=10min\n' >"$R/etc/systemd/system.conf.d/slow-machine.conf"
  # Debian's getty-static starts gettys on tty2-6 when there is no D-Bus: none wanted
  ln -sf /dev/null "$S/getty-static.service"
  # libc-bin's and udev's postinst: the library cache and the hardware
  # database, and systemd's: the system users, made by the guest's own ldconfig and systemd-hwdb run by a
  # riscv64 user-mode emulator (rvdbt itself when built, else qemu-riscv64);
  # without one, the guest's ldconfig.service and systemd-hwdb-update.service
  # do it at every boot of a -snapshot image (hwdb: a minute under emulation)
  local emu=""
  if [ -x "$TOP/build/rvdbt" ]; then emu="$TOP/build/rvdbt run -L $R"
  elif command -v qemu-riscv64 >/dev/null; then emu="qemu-riscv64 -L $R"; fi
  # (and the system users of /usr/lib/sysusers.d: systemd-network...)
  if [ -n "$emu" ] && $emu "$R/usr/sbin/ldconfig" -r "$R" && $emu "$R/usr/bin/systemd-hwdb" update --root "$R" &&
     $emu "$R/usr/bin/systemd-sysusers" --root "$R" >/dev/null &&
     [ -s "$R/etc/ld.so.cache" ] && [ -s "$R/etc/udev/hwdb.bin" ] && grep -q '^systemd-network:' "$R/etc/passwd"; then
    # (ConditionNeedsUpdate=/etc and /var: newer than /usr, so the
    # services that would do this at boot see it done)
    touch "$R/etc/.updated" "$R/var/.updated"
  else
    say "no riscv64 user-mode emulator ran ldconfig and systemd-hwdb: the guest does it at boot" >&2
  fi
}

build_tree() {
  local R=$1 hash=$2 deb
  rm -rf "$R" && mkdir -p "$R"
  for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$R"; done
  configure_root "$R" "$hash"
  # the size: what the files take, plus room to write (a quarter, at least 48 MiB)
  local kib; kib=$(du -sk "$R" | cut -f1)
  local mib=$(( (kib + kib / 4) / 1024 + 48 ))
  rm -f "$D/debian.img.new"
  mke2fs -q -t ext4 -b 4096 -L debian-root -d "$R" "$D/debian.img.new" "${mib}M" >/dev/null
}

make_initrd
hash=$(openssl passwd -6 "$PASSWORD")
export -f configure_root build_tree say
export D TOP
if [ "$(id -u)" = 0 ]; then build_tree "$D/root" "$hash"
else
  # shellcheck disable=SC2016
  fakeroot bash -c "$(declare -p debs); build_tree \"\$1\" \"\$2\"" _ "$D/root" "$hash"
fi 2>"$D/build.err" || { say "building the image failed: $(tail -1 "$D/build.err")"; exit 1; }
rm -rf "$D/root"
mv "$D/debian.img.new" "$D/debian.img"
printf '%s\n' "${pkgs[@]}" >"$D/packages.txt"
echo "$VERSION" >"$D/.stamp"
dl=$(cat "${debs[@]}" | wc -c)
say "ready: $D/debian.img ($(( $(stat -c %s "$D/debian.img") >>20 )) MiB, $(du -m "$D/debian.img" | cut -f1) MiB used), $D/initrd.cpio.gz; ${#pkgs[@]} packages, $((dl >> 20)) MiB downloaded"
