package pec

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"bando/schema"
)

// What may change after a PAdES signature. A signer's software appends an incremental update;
// later updates can add co-signers, document timestamps and validation data (PAdES-LT). A
// PDF reader shows the last revision, so an update can also redraw a page, and a signature
// over the earlier bytes still verifies. As ETSI EN 319 142-1 and the PDF "allowed changes"
// rules, an update after the proposal may only:
//   - add objects (new object numbers: a reader reaches them only through the objects below);
//   - redefine a signature field or its widget (filling an empty field);
//   - redefine the catalog (the trailer's /Root) changing only /AcroForm, /DSS, /Extensions;
//   - redefine the /AcroForm dictionary changing only /Fields, /SigFlags, /DR, /DA;
//   - redefine a page changing only /Annots, adding signature widgets;
//   - redefine a /DSS or /VRI dictionary.
// Anything else (page content, resources, fonts, the page tree, the information dictionary,
// deleting objects, another /Root, encryption) makes the file "modified after signing",
// naming the revision and the objects. Objects an update could hide from this reading
// (object streams, cross-reference streams, xref entries pointing elsewhere) are refused too.

// checkUpdates judges every update after the proposal (file[base:]). signature names (in
// Italian and English, "" for none) the signature whose dictionary lies in [from, to), or
// the last one before from when inside is false, so that a message says where the change is.
func checkUpdates(file []byte, base int, signature func(from, to int, inside bool) (it, en string)) (problems []*Error) {
	latest := map[int]pdfObject{}
	for _, o := range scanObjects(file[:base], 0) {
		latest[o.num] = o
	}
	root := trailerRoot(file[:base])
	region := file[base:]
	var eofs []int
	for i := 0; ; {
		j := bytes.Index(region[i:], []byte("%%EOF"))
		if j < 0 {
			break
		}
		eofs = append(eofs, base+i+j)
		i += j + 5
	}
	revOf := func(off int) int { return 2 + sort.SearchInts(eofs, off) }

	changed := map[int][]int{} // revision → objects changed against the rules
	compressed := map[int]bool{}
	type pageCheck struct {
		rev, page int
		annots    []int
	}
	var pages []pageCheck
	headers := map[int]int{} // header offset → object number
	for _, o := range scanObjects(region, base) {
		headers[o.at] = o.num
		rev := revOf(o.at)
		d := dictOf(o.toks)
		prev, redefined := latest[o.num]
		switch {
		case d.is("/Type", "/ObjStm") || d.is("/Type", "/XRef"):
			compressed[rev] = true
		case redefined:
			ok, annots := allowedRedefinition(o, d, prev, root, latest)
			if !ok {
				changed[rev] = append(changed[rev], o.num)
			} else if len(annots) > 0 {
				pages = append(pages, pageCheck{rev, o.num, annots})
			}
		}
		latest[o.num] = o
	}
	for _, p := range pages {
		for _, a := range p.annots {
			o, ok := latest[a]
			if !ok || !isSigField(dictOf(o.toks), latest) {
				changed[p.rev] = append(changed[p.rev], p.page)
				break
			}
		}
	}
	xrefBad := map[int]bool{}
	forEachKeyword(region, "xref", func(at int) {
		if at >= 5 && string(region[at-5:at]) == "start" {
			return
		}
		rev := revOf(base + at)
		checkXref(region[at+4:], func(num, off int, inUse bool) {
			switch {
			case num == 0:
			case inUse && headers[off] != num:
				xrefBad[rev] = true
			case !inUse:
				if _, defined := latest[num]; defined {
					changed[rev] = append(changed[rev], num) // deleted
				}
			}
		})
	})
	forEachKeyword(region, "trailer", func(at int) {
		win := region[at+7 : min(len(region), at+7+4096)]
		if end := bytes.Index(win, []byte("startxref")); end >= 0 {
			win = win[:end]
		}
		toks, _ := tokens(win, 256, true) // the trailer dictionary, not what follows it
		d := dictOf(toks)
		if d == nil {
			return
		}
		if r, ok := d["/Root"]; ok && ref(r) != root || d["/Encrypt"] != nil {
			changed[revOf(base+at)] = append(changed[revOf(base+at)], ref(d["/Root"]))
		}
	})

	revs := make([]int, 0, len(changed))
	for rev := range changed {
		revs = append(revs, rev)
	}
	sort.Ints(revs)
	const shownRevs = 10 // a hostile file can hold thousands of updates: the first are named
	if len(revs) > shownRevs {
		more := len(revs) - shownRevs
		revs = revs[:shownRevs]
		defer func() {
			problems = append(problems, errf("pades.modified", nil, "Il PDF è stato modificato dopo la firma anche in altre %d revisioni.", "The PDF was modified after signing in %d more revisions too.", more))
		}()
	}
	for _, rev := range revs {
		objs := slices.Compact(slices.Sorted(slices.Values(changed[rev])))
		const shown = 20 // a hostile file can redefine thousands: the message names the first
		names := make([]string, 0, min(len(objs), shown+1))
		for _, n := range objs[:min(len(objs), shown)] {
			names = append(names, strconv.Itoa(n))
		}
		if len(objs) > shown {
			names = append(names, fmt.Sprintf("… (+%d)", len(objs)-shown))
		}
		list := strings.Join(names, ", ")
		from, to := base, len(file)
		if rev > 2 && rev-3 < len(eofs) {
			from = eofs[rev-3]
		}
		if rev-2 < len(eofs) {
			to = eofs[rev-2]
		}
		whereIT, whereEN := "", ""
		if it, en := signature(from, to, true); it != "" {
			whereIT, whereEN = ", che contiene "+it+",", ", which holds "+en+","
		} else if it, en := signature(from, to, false); it != "" {
			whereIT, whereEN = ", aggiunta dopo "+it+",", ", added after "+en+","
		}
		problems = append(problems, &Error{Key: "pades.modified", Msg: schema.Text{
			IT: fmt.Sprintf("Il PDF è stato modificato dopo la firma: la revisione %d%s ridefinisce gli oggetti %s (contenuto o struttura delle pagine, non solo firme). Dopo una firma sono ammesse solo altre firme, i loro campi, marche temporali e dati di verifica: ciò che si vede potrebbe non essere ciò che è stato firmato.", rev, whereIT, list),
			EN: fmt.Sprintf("The PDF was modified after signing: revision %d%s redefines objects %s (page content or structure, not only signatures). After a signature only further signatures, their fields, timestamps and validation data are allowed: what is shown may not be what was signed.", rev, whereEN, list)}})
	}
	for _, rev := range sortedKeys(compressed) {
		problems = append(problems, errf("pades.compressed", nil,
			"La revisione %d del PDF, aggiunta dopo la domanda, usa oggetti compressi (object stream o cross-reference stream) che questa verifica non legge: non si può escludere che il PDF sia stato modificato dopo la firma.",
			"Revision %d of the PDF, added after the application, uses compressed objects (object or cross-reference streams) this check does not read: a change after signing cannot be ruled out.", rev))
	}
	for _, rev := range sortedKeys(xrefBad) {
		problems = append(problems, errf("pades.xref", nil,
			"La revisione %d del PDF ha riferimenti a oggetti che non sono tra quelli che aggiunge: il PDF è stato manipolato dopo la firma.",
			"Revision %d of the PDF refers to objects other than those it adds: the PDF was tampered with after signing.", rev))
	}
	return problems
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// allowedRedefinition says whether o may replace prev in an update after a signature, and
// for a page the annotations it adds (to be checked as signature widgets).
func allowedRedefinition(o pdfObject, d pdfDict, prev pdfObject, root int, latest map[int]pdfObject) (bool, []int) {
	pd := dictOf(prev.toks)
	if d == nil || pd == nil || o.stream || prev.stream {
		return false, nil
	}
	switch {
	case isSigField(pd, latest) && isSigField(d, latest):
		return true, nil
	case o.num == root && pd.is("/Type", "/Catalog"):
		return sameExcept(pd, d, "/AcroForm", "/DSS", "/Extensions"), nil
	case pd.is("/Type", "/Page"):
		if !sameExcept(pd, d, "/Annots") || len(d["/Annots"]) > 0 && d["/Annots"][0] != "[" {
			return false, nil
		}
		var added []int
		old := refs(pd["/Annots"])
		for _, a := range refs(d["/Annots"]) {
			if !slices.Contains(old, a) {
				added = append(added, a)
			}
		}
		return true, added
	case pd["/Fields"] != nil && pd["/Type"] == nil:
		return sameExcept(pd, d, "/Fields", "/SigFlags", "/DR", "/DA"), nil
	case pd.is("/Type", "/DSS") && d.is("/Type", "/DSS"), pd.is("/Type", "/VRI") && d.is("/Type", "/VRI"):
		return true, nil
	}
	return false, nil
}

// isSigField: a signature field, a widget merged with one, or a widget whose parent is one.
func isSigField(d pdfDict, latest map[int]pdfObject) bool {
	if d == nil {
		return false
	}
	if d.is("/FT", "/Sig") {
		return true
	}
	if d.is("/Subtype", "/Widget") {
		if p, ok := latest[ref(d["/Parent"])]; ok {
			return dictOf(p.toks).is("/FT", "/Sig")
		}
	}
	return false
}

func sameExcept(a, b pdfDict, allowed ...string) bool {
	for k, v := range a {
		if !slices.Contains(allowed, k) && !sameTokens(v, b[k]) {
			return false
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok && !slices.Contains(allowed, k) {
			return false
		}
	}
	return true
}

// trailerRoot is the /Root of the last trailer of b.
func trailerRoot(b []byte) int {
	i := bytes.LastIndex(b, []byte("trailer"))
	if i < 0 {
		return -1
	}
	toks, _ := tokens(b[i+7:min(len(b), i+7+4096)], 256, true)
	return ref(dictOf(toks)["/Root"])
}

// forEachKeyword calls f with the offset of every kw in b that stands as a word.
func forEachKeyword(b []byte, kw string, f func(at int)) {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(kw))
		if j < 0 {
			return
		}
		at := i + j
		i = at + len(kw)
		if i < len(b) && !isPDFSpace(b[i]) && !isPDFDelim(b[i]) {
			continue
		}
		f(at)
	}
}

// checkXref reads the subsections of a classic cross-reference table.
func checkXref(b []byte, entry func(num, off int, inUse bool)) {
	i := 0
	field := func() (string, bool) {
		for i < len(b) && isPDFSpace(b[i]) {
			i++
		}
		j := i
		for j < len(b) && !isPDFSpace(b[j]) && j-i < 12 {
			j++
		}
		w := string(b[i:j])
		i = j
		return w, w != ""
	}
	for {
		save := i
		s1, ok1 := field()
		s2, ok2 := field()
		start, err1 := strconv.Atoi(s1)
		count, err2 := strconv.Atoi(s2)
		if !ok1 || !ok2 || err1 != nil || err2 != nil || start < 0 || count < 0 || count > (len(b)-i)/18+1 {
			i = save
			return
		}
		for k := range count {
			o, _ := field()
			_, _ = field()
			kind, _ := field()
			off, err := strconv.Atoi(o)
			if err != nil || kind != "n" && kind != "f" {
				return
			}
			entry(start+k, off, kind == "n")
		}
	}
}
