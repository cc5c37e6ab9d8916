#!/bin/sh
# Prepares a fresh Debian (12 or later) checkout: installs the packages rvemu needs that are
# missing (with sudo when not root), generates and runs configure, and builds. (The aarch64,
# armhf and s390x cross compilers are for tools/cross-check.sh, make check-cross; musl-tools
# for tools/small-check.sh, make check-small.)
# CONFIGURE_FLAGS adds configure options (CI passes --enable-werror).
set -e
cd "$(dirname "$0")/.."
pkgs="build-essential autoconf automake pkg-config check libseccomp-dev gcc-riscv64-linux-gnu
      g++-riscv64-linux-gnu gccgo-riscv64-linux-gnu gfortran-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user
      gdb-multiarch gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-arm-linux-gnueabihf
      libc6-dev-armhf-cross gcc-s390x-linux-gnu libc6-dev-s390x-cross musl-tools"
missing=""
for p in $pkgs; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bootstrap: installing$missing"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi
[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi
# shellcheck disable=SC2086
[ -f Makefile ] && [ config.status -nt configure ] || ./configure ${CONFIGURE_FLAGS:-}
make -j"$(nproc)"
