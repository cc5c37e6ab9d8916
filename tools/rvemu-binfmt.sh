#!/bin/sh
# Registers rvemu with the kernel's binfmt_misc so that riscv64 ELF programs (static and
# dynamic) run by name, ./prog, as qemu-binfmt-conf.sh does for qemu-riscv64. The line comes
# from `rvemu --binfmt`; the entry is named rvemu-riscv64 and uses the F flag (the kernel
# opens rvemu at registration, so it works in chroots and containers too).
#
# usage: rvemu-binfmt.sh [--print | --register | --unregister | --status] [--name NAME] [RVEMU]
#   RVEMU defaults to the rvemu in PATH. --register and --unregister need root and a mounted
#   /proc/sys/fs/binfmt_misc (the script mounts it when it can). A qemu-riscv64 entry, if
#   any, is left alone: the kernel tries the newest entry first, so rvemu's wins.
set -eu
mode=print name=rvemu-riscv64 rvemu=""
while [ $# -gt 0 ]; do
  case $1 in
    --print|--register|--unregister|--status) mode=${1#--} ;;
    --name) name=$2; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "rvemu-binfmt: unknown option '$1' (try --help)" >&2; exit 2 ;;
    *) rvemu=$1 ;;
  esac
  shift
done
[ -n "$rvemu" ] || rvemu=$(command -v rvemu) || { echo "rvemu-binfmt: no rvemu in PATH; give its path" >&2; exit 1; }
line=$("$rvemu" --binfmt) || { echo "rvemu-binfmt: $rvemu --binfmt failed" >&2; exit 1; }
line=":$name:${line#:rvemu-riscv64:}"
dir=/proc/sys/fs/binfmt_misc
mounted() { [ -e "$dir/register" ] || { mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null && [ -e "$dir/register" ]; }; }
case $mode in
  print) printf '%s\n' "$line" ;;
  status)
    if [ -e "$dir/$name" ]; then cat "$dir/$name"; else echo "rvemu-binfmt: $name is not registered"; exit 1; fi ;;
  register)
    mounted || { echo "rvemu-binfmt: binfmt_misc is not available at $dir" >&2; exit 1; }
    [ -e "$dir/$name" ] && echo -1 >"$dir/$name"
    printf '%s\n' "$line" >"$dir/register" || { echo "rvemu-binfmt: the kernel refused the entry (root needed)" >&2; exit 1; }
    echo "rvemu-binfmt: riscv64 programs now run with $rvemu ($dir/$name)" ;;
  unregister)
    mounted || { echo "rvemu-binfmt: binfmt_misc is not available at $dir" >&2; exit 1; }
    [ -e "$dir/$name" ] || { echo "rvemu-binfmt: $name is not registered"; exit 0; }
    echo -1 >"$dir/$name" ;;
esac
