package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

type placed struct {
	page  int
	y, h  float64
	label string
}

func newTestDoc() *doc {
	f := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	f.SetAutoPageBreak(false, 0)
	addFonts(f)
	d := &doc{f: f}
	d.newPage()
	return d
}

func recorder(d *doc, log *[]placed, label string, h float64, keepNext bool) row {
	return row{h: h, keepNext: keepNext, draw: func(y float64) {
		*log = append(*log, placed{d.f.PageNo(), y, h, label})
	}}
}

func TestFlowNeverSplitsRows(t *testing.T) {
	tests := []struct {
		name     string
		heights  []float64
		keepNext map[int]bool
	}{
		{"equal rows", []float64{30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30}, nil},
		{"uneven rows", []float64{5, 80, 120, 7, 200, 3, 60, 90, 45}, nil},
		{"heading kept with the next row", []float64{100, 100, 40, 10, 60}, map[int]bool{2: true, 3: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newTestDoc()
			var log []placed
			var rows []row
			for i, h := range tc.heights {
				rows = append(rows, recorder(d, &log, fmt.Sprint(i), h, tc.keepNext[i]))
			}
			d.flow(rows)
			if len(log) != len(rows) {
				t.Fatalf("%d rows drawn of %d", len(log), len(rows))
			}
			for i, p := range log {
				if p.y < bodyTop-0.01 || p.y+p.h > bodyBottom+0.01 {
					t.Errorf("row %d (h %.0f) drawn at %.1f–%.1f on page %d: outside the body", i, p.h, p.y, p.y+p.h, p.page)
				}
				if tc.keepNext[i] && i+1 < len(log) && log[i+1].page != p.page {
					t.Errorf("row %d ends page %d but must stay with the next", i, p.page)
				}
			}
		})
	}
}

func TestKeepMovesBlockToNextPage(t *testing.T) {
	d := newTestDoc()
	var log []placed
	d.flow([]row{recorder(d, &log, "filler", 200, false)})
	d.keep([]row{recorder(d, &log, "a", 30, false), recorder(d, &log, "b", 30, false)})
	if log[1].page != 2 || log[2].page != 2 || log[1].y != bodyTop {
		t.Errorf("block not moved whole to the top of page 2: %+v", log)
	}
}

func TestRepeatedHeaderOnNewPage(t *testing.T) {
	d := newTestDoc()
	var log []placed
	d.repeat = []row{recorder(d, &log, "header", 8, false)}
	var rows []row
	for i := range 70 {
		rows = append(rows, recorder(d, &log, fmt.Sprint(i), 12, false))
	}
	d.flow(rows)
	pages := map[int]bool{}
	for i, p := range log {
		if p.label == "header" {
			if p.y != bodyTop || pages[p.page] {
				t.Errorf("header at %.1f on page %d", p.y, p.page)
			}
			pages[p.page] = true
			continue
		}
		if p.page > 1 && !pages[p.page] {
			t.Errorf("row %d on page %d without the header above it (%v)", i, p.page, log[:i])
		}
	}
	if len(pages) < 2 {
		t.Errorf("the rows did not span pages: %v", pages)
	}
}

// TestBudgetTableAcrossPages: 200 budget lines, the call's maximum: every page of the table
// repeats its header and the total comes once, at the end.
func TestBudgetTableAcrossPages(t *testing.T) {
	c, d := loadDraft(t, exampleDraft)
	d = finalised(d)
	d.Answers = d.Answers.Clone()
	voci := d.Answers.Items("budget.voci")
	var many []any
	for i := range 200 {
		v := map[string]any{}
		for k, x := range voci[i%len(voci)].(map[string]any) {
			v[k] = x
		}
		v["descrizione"] = fmt.Sprintf("Voce %03d: %s", i+1, v["descrizione"])
		many = append(many, v)
	}
	if err := d.Answers.Set("budget.voci", many); err != nil {
		t.Fatal(err)
	}
	text := tool(t, makePDF(t, c, d, Options{}), "pdftotext", "-enc", "UTF-8", "FILE", "-")
	pagesWithRows, pagesWithHeader := 0, 0
	for _, page := range strings.Split(text, "\f") {
		if strings.Contains(page, "Voce 0") || strings.Contains(page, "Voce 1") || strings.Contains(page, "Voce 2") {
			pagesWithRows++
			if strings.Contains(page, "Categoria di spesa") {
				pagesWithHeader++
			}
		}
	}
	if pagesWithRows < 3 || pagesWithHeader != pagesWithRows {
		t.Errorf("%d pages with budget rows, %d with the table header", pagesWithRows, pagesWithHeader)
	}
	// The table's own total row, once at its end (the call's computed totals are printed as
	// answers, with their labels: "Totale richiesto", "Totale delle voci di budget").
	if n := strings.Count(text, "Totale") - strings.Count(text, "Totale richiesto") - strings.Count(text, "Totale delle voci"); n != 1 {
		t.Errorf("%d totals", n)
	}
	for i := range 200 {
		if !strings.Contains(text, fmt.Sprintf("Voce %03d:", i+1)) {
			t.Errorf("budget line %d missing", i+1)
		}
	}
}
