// Command hostiledraft writes a hostile draft: a FAMI draft whose ATS holds a million empty
// members (about 3 MB), the figure of issue 11 ("a 3 MB hostile draft: ≤ 1 s and ≤ 200 MB peak
// for bando validate"). scripts/hostile-draft.sh times the CLI on it.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "hostile.bando.json", "file to write")
	n := flag.Int("n", 1_000_000, "number of empty members")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, `{"format":"bando-draft","formatVersion":1,"call":"toscana-fami-2024","callVersion":1,"appVersion":"hostile",`+
		`"createdAt":"2024-02-22T10:15:00+01:00","savedAt":"2024-02-22T10:15:00+01:00","answers":{"ats":{"membri":[`)
	for i := range *n {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("{}")
	}
	fmt.Fprint(w, "]}}}\n")
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
