#!/bin/sh
# Case 7: under strict no socket reaches the network or a host unix socket (the listeners
# record no connection); --allow-net opens TCP but not AF_UNIX; basic is transparent.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP $name: no python3 for the listeners"; exit 77; }
python3 - "$T" <<'PY' &
import os, select, socket, sys
t = sys.argv[1]
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
u = socket.socket(socket.AF_UNIX); u.bind(t + "/host.sock"); u.listen(8)
open(t + "/port.tmp", "w").write(str(s.getsockname()[1])); os.rename(t + "/port.tmp", t + "/port")
while True:
    r, _, _ = select.select([s, u], [], [], 60)
    if not r:
        break
    for x in r:
        c, _ = x.accept()
        with open(t + "/connected", "a") as f:
            f.write("inet\n" if x is s else "unix\n")
        c.close()
PY
bg_pids=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -f "$T/port" ] && break; sleep 0.3; done
port=$(cat "$T/port") || { bad "the listener did not start"; finish; }

run $STRICT "$elf" "$port" "$T/host.sock"
status 0
for s in inet inet6 netlink packet unix; do expect "socket $s: EACCES"; done
expect "socketpair unix: ok"
expect "socketpair inet: EOPNOTSUPP"
in_err "no network without --allow-net"
sleep 0.3
no_file "$T/connected"

run $STRICT --allow-net "$elf" "$port" "$T/host.sock"
expect "socket inet: ok"
expect "connect inet: ok"
expect "socket unix: EACCES"
sleep 0.3
grep -qx inet "$T/connected" 2>/dev/null || bad "--allow-net: the TCP connection was not made"
grep -qx unix "$T/connected" 2>/dev/null && bad "--allow-net: a host unix socket was reached"

run --sandbox=basic "$elf" "$port" "$T/host.sock"
expect "connect inet: ok"
expect "connect unix: ok"
finish
