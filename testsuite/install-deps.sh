#!/usr/bin/env bash
# Installs the Debian packages rvdbt's build, tests and benchmarks need, if any are missing.
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
set -u
PKGS="make gcc libcmocka-dev libcapstone-dev libfdt-dev zlib1g-dev pkg-config \
gcc-riscv64-linux-gnu g++-riscv64-linux-gnu libc6-dev-riscv64-cross binutils-riscv64-linux-gnu \
gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-user gdb-multiarch \
qemu-system-misc opensbi xvfb x11-apps xdotool libsdl2-dev libpng-dev gnuplot-nox curl xz-utils gpgv \
lua5.4 busybox python3 lz4 valgrind clang libclang-rt-14-dev libslirp-dev libncurses-dev tmux graphviz golang-go"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "rvdbt: missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $missing >/dev/null || {
    echo "rvdbt: apt-get install failed; run: apt-get update && apt-get install -y$missing" >&2; exit 1; }
else
  echo "rvdbt: run as root: sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
