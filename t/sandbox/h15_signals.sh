#!/bin/sh
# Case 15: the guest signals only its own process tree: the victim (an unrelated sleep) and
# the test shell survive; the guest's own child can be killed.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
sleep 60 &
victim=$!
bg_pids=$victim
for pol in "--sandbox=basic -d guest_errors" "$STRICT"; do
  run $pol "$elf" "$victim"
  status 0
  for c in "kill init" "kill everyone" "kill parent" "kill own group" "kill victim" \
           "kill victim group" "tgkill victim" "tkill victim" "sigqueue victim" \
           "tgsigqueue victim"; do
    expect "$c: EPERM"
  done
  expect "kill self 0: ok"
  expect "tkill self 0: ok"
  expect "kill child: ok"
  expect "child: killed by SIGTERM"
  in_err "signals go only to the guest's own process tree"
  kill -0 "$victim" 2>/dev/null || bad "the victim was killed"
done
finish
