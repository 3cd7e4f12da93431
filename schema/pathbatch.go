package schema

// pathBatch spells the paths of the issues the walk of one validation finds into one buffer,
// and gives each issue its path when the walk is over: one string for all of them, each
// issue's path a part of it, instead of a string per issue (the largest FAMI proposal has over
// two hundred issues, and each path was an allocation of its own). The walk does not read the
// issues' paths, so they may wait until then.
type pathBatch struct {
	buf []byte
	// ends[i] is where the path of issue i ends in buf; it starts where the one before ends.
	ends []int32
}

// report adds issue is, found by the walk at v.path. Its path is spelled into v.spelled, and
// given to it when the walk ends: every issue the walk finds goes through here, in order. Not
// inlined: one copy in app.wasm instead of one per caller (about 0.5 KB each).
//
//go:noinline
func (v *validation) report(is Issue) {
	b := &v.spelled
	b.buf = append(b.buf, v.path...)
	b.ends = append(b.ends, int32(len(b.buf)))
	v.issues = append(v.issues, is)
}

// fill gives the issues of the walk, the first of is, their paths.
func (b *pathBatch) fill(is Issues) {
	all, start := string(b.buf), int32(0)
	for i, end := range b.ends {
		is[i].Path = all[start:end]
		start = end
	}
}
