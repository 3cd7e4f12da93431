#!/bin/sh
# hostile-draft.sh: time `bando validate` on a 3 MB draft with a million empty members in a group
# whose repeat.max is 40 (issue 11: ≤ 1 s and ≤ 200 MB peak). Prints the wall time and the peak
# resident memory measured by /usr/bin/time -v (GNU time).
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/bando" ./server
go run ./scripts/hostiledraft -o "$dir/hostile.bando.json"
ls -l "$dir/hostile.bando.json" | awk '{print "draft bytes:", $5}'
/usr/bin/time -v "$dir/bando" validate "$dir/hostile.bando.json" >"$dir/out" 2>"$dir/time" || true
tail -n 3 "$dir/out"
grep -E 'Elapsed|Maximum resident|Exit status' "$dir/time"
