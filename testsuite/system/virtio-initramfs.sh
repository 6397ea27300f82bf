#!/usr/bin/env bash
# testsuite/system/virtio-initramfs.sh — the busybox initramfs of
# fetch-linux.sh plus Debian's virtio modules, for the Linux virtio tests.
#
# Usage: virtio-initramfs.sh LINUX_DIR OUT.cpio.gz
#
# Debian's 6.12 kernel builds virtio-mmio, virtio-blk, virtio-net and
# virtio-rng as modules (CONFIG_VIRTIO_MMIO=m ...), and the initramfs has
# none, so this appends a second cpio archive (the kernel unpacks
# concatenated archives in turn) holding /lib/modules/*.ko, decompressed
# from the kernel package that fetch-linux.sh unpacked (busybox insmod
# cannot read .ko.xz), /etc/load-virtio.sh which loads them, and
# /etc/udhcpc.sh, the script busybox udhcpc runs to configure the address
# it leased.  Exit 1 with one line if the modules
# are not there.
set -euo pipefail
D=$1 OUT=$2
K=$(ls -d "$D"/unpack/usr/lib/modules/*/kernel 2>/dev/null | head -1 || true)
[ -n "$K" ] || { echo "virtio-initramfs: no kernel modules under $D/unpack (run testsuite/fetch-linux.sh again)" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/lib/modules" "$W/etc"
for m in net/core/failover drivers/net/net_failover drivers/net/virtio_net drivers/block/virtio_blk \
         drivers/char/hw_random/virtio-rng drivers/virtio/virtio_mmio; do
  [ -f "$K/$m.ko.xz" ] || { echo "virtio-initramfs: $K/$m.ko.xz is missing" >&2; exit 1; }
  xz -dc "$K/$m.ko.xz" >"$W/lib/modules/$(basename "$m").ko"
done
cat >"$W/etc/udhcpc.sh" <<'SH'
#!/bin/sh
# busybox udhcpc calls this with $1 = bound/renew and the lease in the environment
case "$1" in
  bound|renew)
    ifconfig "$interface" "$ip" netmask "$subnet" up
    [ -n "$router" ] && route add default gw "$router" dev "$interface"
    echo "udhcpc.sh: $interface is $ip" ;;
esac
exit 0
SH
chmod +x "$W/etc/udhcpc.sh"
# (a script, so the command typed on the console stays shorter than a line)
cat >"$W/etc/load-virtio.sh" <<'SH'
#!/bin/sh
for m in failover net_failover virtio_net virtio_blk virtio-rng virtio_mmio; do
  insmod /lib/modules/$m.ko || echo "load-virtio.sh: insmod $m failed"
done
SH
chmod +x "$W/etc/load-virtio.sh"
python3 - "$W" "$W/extra.cpio" <<'PY'
# a newc cpio archive of the tree (no cpio tool needed)
import os, sys
root, out = sys.argv[1], sys.argv[2]
ino = [100000]
def entry(f, name, mode, data=b""):
    hdr = "070701" + "".join("%08x" % v for v in (ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0))
    ino[0] += 1
    f.write(hdr.encode() + name.encode() + b"\0")
    f.write(b"\0" * ((4 - (110 + len(name) + 1) % 4) % 4))
    f.write(data)
    f.write(b"\0" * ((4 - len(data) % 4) % 4))
with open(out, "wb") as f:
    for d in ("lib", "lib/modules", "etc"):
        entry(f, d, 0o40755)
    for d in ("lib/modules", "etc"):
        for n in sorted(os.listdir(os.path.join(root, d))):
            p = os.path.join(root, d, n)
            entry(f, d + "/" + n, 0o100755 if os.access(p, os.X_OK) else 0o100644, open(p, "rb").read())
    entry(f, "TRAILER!!!", 0)
PY
gzip -9 -c "$W/extra.cpio" >"$W/extra.cpio.gz"
cat "$D/initramfs.cpio.gz" "$W/extra.cpio.gz" >"$OUT"
