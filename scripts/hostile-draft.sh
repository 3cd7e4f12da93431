#!/bin/sh
# hostile-draft.sh: time `bando validate` on hostile drafts of the FAMI call, whose ATS holds at
# most 40 members (issue 11: a 3 MB draft with a million empty items, ≤ 1 s and ≤ 200 MB peak):
#   - a million empty members (3 MB): refused before decoding (app/draft/shape.go);
#   - 1,000 empty members, the most a list may hold: one repeat.max issue, the 40 first
#     validated, the others not (schema/bounded.go).
# Prints the wall time and the peak resident memory measured by /usr/bin/time -v (GNU time).
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/bando" ./server
for n in 1000000 1000; do
	go run ./scripts/hostiledraft -n "$n" -o "$dir/hostile.bando.json"
	echo "== $n empty members, $(wc -c <"$dir/hostile.bando.json") bytes"
	/usr/bin/time -v "$dir/bando" validate "$dir/hostile.bando.json" >"$dir/out" 2>"$dir/time" || true
	grep -v -E '^\s' "$dir/time" | grep -v 'Command being timed' | head -n 3
	head -n 1 "$dir/out"
	tail -n 1 "$dir/out"
	grep -E 'Elapsed|Maximum resident|Exit status' "$dir/time"
done
