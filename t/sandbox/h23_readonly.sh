#!/bin/sh
# Own case: --allow-read trees stay as they were: content, mode, time, no new names.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
chmod 644 "$T/ro/file"
before=$(stat -c '%s %a %Y' "$T/ro/file")
run $STRICT "$elf" "$T/ro"
status 0
expect "read: ok"
expect "open rdonly: ok"
for c in "open wronly" "open rdwr trunc" "open append" truncate unlink "rename out" "link out" \
         mkdir symlink chmod utimes setxattr fchmod futimens "reopen for writing"; do
  expect "$c: EACCES"
done
expect_re "ftruncate: E(INVAL|BADF|ACCES)"
[ "$(cat "$T/ro/file")" = "read-only data" ] || bad "the read-only file changed"
[ "$(stat -c '%s %a %Y' "$T/ro/file")" = "$before" ] || bad "size, mode or time changed"
no_file "$T/ro/dir"
no_file "$T/ro/sym"
no_file "$T/work/moved"
no_file "$T/work/linked"
finish
