#!/usr/bin/env python3
"""Malformed and edge-case packets for the gdb stub, sent raw over the socket: the stub must
answer each (or ignore it) without crashing, then run the program to its end on 'c'.
usage: packets.py PORT [SEED]"""
import random, socket, sys

port = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
s = socket.create_connection(("127.0.0.1", port), timeout=20)
buf = b""

def frame(p):
    return b"$" + p + b"#%02x" % (sum(p) & 0xff)

def reply():
    """Next packet payload (acks skipped); None when the connection closed."""
    global buf
    while True:
        i = buf.find(b"$")
        if i >= 0:
            j = buf.find(b"#", i)
            if j >= 0 and len(buf) >= j + 3:
                p, buf = buf[i + 1:j], buf[j + 3:]
                return p
        d = s.recv(65536)
        if not d:
            return None
        buf += d

def ask(p):
    s.sendall(frame(p))
    r = reply()
    if r is None:
        sys.exit("connection closed after %r" % p[:60])
    return r

assert ask(b"QStartNoAckMode") == b"OK"
s.sendall(b"+")                                     # acks the OK; none after it
assert b"PacketSize" in ask(b"qSupported:multiprocess+;swbreak+")
assert ask(b"?").startswith(b"T05thread:")
g = ask(b"g")
assert len(g) == 2 * (33 * 8 + 32 * 8 + 3 * 4), len(g)
xml = b""
while not xml.startswith(b"l"):                     # the description, in pieces
    part = ask(b"qXfer:features:read:target.xml:%x,ffff" % max(len(xml) - 1, 0))
    assert part[:1] in (b"m", b"l"), part
    xml = part[:1] + xml[1:] + part[1:]
assert b"org.gnu.gdb.riscv.fpu" in xml and xml.endswith(b"</target>"), xml
assert ask(b"p20") == g[32 * 16:33 * 16]            # pc
assert ask(b"p41") == b"E45"                        # 65: no such register
assert ask(b"vCont?").startswith(b"vCont;")
bad = [b"", b"m", b"mzz,1", b"m0,ffffffffffffffffff", b"m1,", b"m-1,10", b"M0,10:zz",
       b"M0,4:0011", b"M10000,100000:00", b"X10000,5:", b"X0,0:", b"p", b"pffffffffffffffff",
       b"P20=", b"P20=zz", b"P0=00", b"P44=0011223344556677", b"G", b"G00", b"Gzz", b"Z0",
       b"Z9,0,0", b"Z2,0,0", b"Z2,0,1000", b"Z2,10000,8", b"z2,10000,8", b"Z0,1,2;X1,0",
       b"z0,1,2", b"vCont", b"vCont;", b"vCont;x", b"vFoo", b"H", b"Hg", b"Hgzz",
       b"Hg" + b"1" * 40, b"T", b"T-1", b"qXfer:features:read:target.xml:zz",
       b"qXfer:features:read:target.xml:ffffffffffff,1", b"qXfer:features:read:other.xml:0,10",
       b"qXfer:auxv:read::0,1000", b"qC", b"qfThreadInfo", b"qsThreadInfo", b"qAttached",
       b"qRcmd,68656c70", b"qSymbol::", b"\x00\xff", b"}}}}", b"#", b"Q"]
for p in bad:
    ask(p)
for _ in range(300):                            # random packets, commands that do not resume
    p = bytes(rng.choice(b"mMXpPgGZzHTqQv?0123456789abcdefABCDEF,:;=-}xyz\x00\xff")
              for _ in range(rng.randrange(0, 40)))
    if p[:1] in (b"c", b"s", b"C", b"S", b"k", b"D") or p.startswith(b"vCont;") or \
            p.startswith(b"vKill"):
        continue
    ask(p)
s.sendall(b"$" + b"m" * 10000 + b"#00")            # oversized: an empty (unknown) packet
assert reply() == b""
s.sendall(b"garbage\x03+-" + frame(b"m0,1")[:-1] + b"z") # a broken checksum digit:
assert reply() == b"E14"                            # no-ack mode checks no checksums
assert ask(b"qC").startswith(b"QC")
s.sendall(frame(b"c"))
r = reply()
assert r is not None and r.startswith(b"W"), r
print("packets: ok, exit reply %s" % r.decode())
