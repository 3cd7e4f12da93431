package calledit

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"bando/schema"
)

// small is a call with two sections, a group with two fields and a field after it.
const small = `{
  "id": "piccolo",
  "version": 1,
  "sections": [
    {
      "id": "ente",
      "title": {"it": "Ente"},
      "fields": [
        {"id": "nome", "type": "text", "label": {"it": "Nome"}, "rules": "required"},
        {"id": "membri", "type": "group", "label": {"it": "Membri"}, "repeat": {"min": 1, "max": 5}, "fields": [
          {"id": "cf", "type": "text", "label": {"it": "Codice fiscale"}, "rules": "required,cf"},
          {"id": "quota", "type": "money", "label": {"it": "Quota"}}
        ]},
        {"id": "note", "type": "textarea", "label": {"it": "Note"}}
      ]
    },
    {"id": "progetto", "title": {"it": "Progetto"}, "fields": [
      {"id": "titolo", "type": "text", "label": {"it": "Titolo"}}
    ]}
  ]
}`

func mustParse(t *testing.T, s string) *Value {
	t.Helper()
	v, err := Parse([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// ids lists the tree as "id id/id …" with a group's fields after a slash, for comparisons.
func ids(doc *Value) string {
	var parts []string
	for _, it := range Outline(doc) {
		parts = append(parts, strings.Repeat("/", len(it.Path)-1)+it.ID)
	}
	return strings.Join(parts, " ")
}

func TestParseMarshal(t *testing.T) {
	for _, name := range []string{"../builder/template.json", "../../schema/calls/toscana-fami-2024.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			v := mustParse(t, string(data))
			out := Marshal(v)
			again := Marshal(mustParse(t, string(out)))
			if string(again) != string(out) {
				t.Error("Marshal is not stable")
			}
			// The text written is the same call to schema.Load.
			a, err := schema.Load(data)
			if err != nil {
				t.Fatal(err)
			}
			b, err := schema.Load(out)
			if err != nil {
				t.Fatalf("the call written does not load: %v", err)
			}
			if fmt.Sprint(len(a.Fields()), a.Version) != fmt.Sprint(len(b.Fields()), b.Version) {
				t.Error("another call")
			}
			if name == "../builder/template.json" && string(out) != string(data) {
				t.Error("the template, written as the editor writes, is not as it is written")
			}
		})
	}
	for _, bad := range []string{``, `{`, `{"a": }`, `[1,]`, `{} {}`, strings.Repeat("[", 100) + strings.Repeat("]", 100)} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	v := mustParse(t, `{"b": 1, "a": [true, null, "x<y&z"], "c": {}}`)
	if got := string(Marshal(v)); got != "{\n  \"b\": 1,\n  \"a\": [true, null, \"x<y&z\"],\n  \"c\": {}\n}\n" {
		t.Errorf("written as %q", got)
	}
}

func TestTreeOperations(t *testing.T) {
	tests := []struct {
		name string
		op   func(doc *Value) (Path, error)
		want string // the tree after
		sel  Path   // the path returned
		err  error
	}{
		{"add a section after the first", func(d *Value) (Path, error) { return AddSection(d, Path{0}), nil },
			"ente /nome /membri //cf //quota /note sezione progetto /titolo", Path{1}, nil},
		{"add a field to a section", func(d *Value) (Path, error) { return AddField(d, Path{1}, "text"), nil },
			"ente /nome /membri //cf //quota /note progetto /titolo /campo", Path{1, 1}, nil},
		{"add a field after a field", func(d *Value) (Path, error) { return AddField(d, Path{0, 0}, "date"), nil },
			"ente /nome /campo /membri //cf //quota /note progetto /titolo", Path{0, 1}, nil},
		{"add a field into a group", func(d *Value) (Path, error) { return AddField(d, Path{0, 1}, "text"), nil },
			"ente /nome /membri //cf //quota //campo /note progetto /titolo", Path{0, 1, 2}, nil},
		{"add a group: it has a field", func(d *Value) (Path, error) { return AddField(d, Path{0, 2}, "group"), nil },
			"ente /nome /membri //cf //quota /note /campo //campo progetto /titolo", Path{0, 3}, nil},
		{"duplicate a field", func(d *Value) (Path, error) { return Duplicate(d, Path{0, 0}), nil },
			"ente /nome /nome_copia /membri //cf //quota /note progetto /titolo", Path{0, 1}, nil},
		{"duplicate a group with its fields", func(d *Value) (Path, error) { return Duplicate(d, Path{0, 1}), nil },
			"ente /nome /membri //cf //quota /membri_copia //cf //quota /note progetto /titolo", Path{0, 2}, nil},
		{"duplicate a section", func(d *Value) (Path, error) { return Duplicate(d, Path{1}), nil },
			"ente /nome /membri //cf //quota /note progetto /titolo progetto_copia /titolo", Path{2}, nil},
		{"delete a group field: the next one is selected", func(d *Value) (Path, error) { return Delete(d, Path{0, 1, 0}), nil },
			"ente /nome /membri //quota /note progetto /titolo", Path{0, 1, 0}, nil},
		{"delete the last field: the one before", func(d *Value) (Path, error) { return Delete(d, Path{0, 2}), nil },
			"ente /nome /membri //cf //quota progetto /titolo", Path{0, 1}, nil},
		{"delete the only field: its section", func(d *Value) (Path, error) { return Delete(d, Path{1, 0}), nil },
			"ente /nome /membri //cf //quota /note progetto", Path{1}, nil},
		{"move a field up", func(d *Value) (Path, error) { return Move(d, Path{0, 2}, Up) },
			"ente /nome /note /membri //cf //quota progetto /titolo", Path{0, 1}, nil},
		{"move a group field down", func(d *Value) (Path, error) { return Move(d, Path{0, 1, 0}, Down) },
			"ente /nome /membri //quota //cf /note progetto /titolo", Path{0, 1, 1}, nil},
		{"the last field of a section down: into the next section", func(d *Value) (Path, error) { return Move(d, Path{0, 2}, Down) },
			"ente /nome /membri //cf //quota progetto /note /titolo", Path{1, 0}, nil},
		{"the first field of a section up: to the end of the one before", func(d *Value) (Path, error) { return Move(d, Path{1, 0}, Up) },
			"ente /nome /membri //cf //quota /note /titolo progetto", Path{0, 3}, nil},
		{"move a section up", func(d *Value) (Path, error) { return Move(d, Path{1}, Up) },
			"progetto /titolo ente /nome /membri //cf //quota /note", Path{0}, nil},
		{"the first section up: no", func(d *Value) (Path, error) { return Move(d, Path{0}, Up) }, "", nil, ErrCannotMove},
		{"a group's first field up: no (Out takes it out)", func(d *Value) (Path, error) { return Move(d, Path{0, 1, 0}, Up) }, "", nil, ErrCannotMove},
		{"the last field of the last section down: no", func(d *Value) (Path, error) { return Move(d, Path{1, 0}, Down) }, "", nil, ErrCannotMove},
		{"a field into the group before it", func(d *Value) (Path, error) { return Move(d, Path{0, 2}, Into) },
			"ente /nome /membri //cf //quota //note progetto /titolo", Path{0, 1, 2}, nil},
		{"into what is not a group: no", func(d *Value) (Path, error) { return Move(d, Path{0, 1}, Into) }, "", nil, ErrCannotMove},
		{"a section into anything: no", func(d *Value) (Path, error) { return Move(d, Path{1}, Into) }, "", nil, ErrCannotMove},
		{"a field out of its group, after it", func(d *Value) (Path, error) { return Move(d, Path{0, 1, 0}, Out) },
			"ente /nome /membri //quota /cf /note progetto /titolo", Path{0, 2}, nil},
		{"a section's own field out: no", func(d *Value) (Path, error) { return Move(d, Path{0, 0}, Out) }, "", nil, ErrCannotMove},
		{"a path that names nothing", func(d *Value) (Path, error) { return Move(d, Path{5, 1}, Down) }, "", nil, ErrCannotMove},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, small)
			before := ids(doc)
			sel, err := tc.op(doc)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			if err != nil {
				if ids(doc) != before {
					t.Errorf("a refused move changed the tree: %s", ids(doc))
				}
				return
			}
			if got := ids(doc); got != tc.want {
				t.Errorf("tree\n got %s\nwant %s", got, tc.want)
			}
			if !sel.Equal(tc.sel) {
				t.Errorf("selected %v, want %v", sel, tc.sel)
			}
			if n := Node(doc, sel); n == nil {
				t.Error("the path returned names no node")
			}
		})
	}
}

func TestHasContent(t *testing.T) {
	doc := mustParse(t, small)
	AddSection(doc, nil)
	p := AddField(doc, Path{0}, "choice")
	tests := []struct {
		name string
		path Path
		want bool
	}{
		{"a section with fields", Path{0}, true},
		{"a new empty section", Path{2}, false},
		{"a field as added", p, false},
		{"a field with a label of its own", Path{0, 0}, true},
		{"a group with fields", Path{0, 1}, true},
		{"nothing", Path{9}, false},
	}
	for _, tc := range tests {
		if got := HasContent(doc, tc.path); got != tc.want {
			t.Errorf("%s: %v", tc.name, got)
		}
	}
	Node(doc, p).Set("help", Obj("it", Str("Aiuto")))
	if !HasContent(doc, p) {
		t.Error("a field with help text has no content")
	}
}

func TestRules(t *testing.T) {
	tests := []struct {
		rules, typ string
		want       Rules
		back       string
	}{
		{"required,cf", "text", Rules{Required: true, ID: "cf"}, "required,cf"},
		{"cf_ente,required,max=16", "text", Rules{Required: true, ID: "cf_ente", MaxLen: "16"}, "required,cf_ente,max=16"},
		{"required,min=2,max=200", "textarea", Rules{Required: true, MinLen: "2", MaxLen: "200"}, "required,min=2,max=200"},
		{"required,gte=1,lte=5000000", "money", Rules{Required: true, Min: "1", Max: "5000000"}, "required,gte=1,lte=5000000"},
		{"max=10", "number", Rules{Other: []string{"max=10"}}, "max=10"},
		{"gte=1", "text", Rules{Other: []string{"gte=1"}}, "gte=1"},
		{"required,email,startswith=IT", "text", Rules{Required: true, Other: []string{"email", "startswith=IT"}}, "required,email,startswith=IT"},
		{"required,cf|piva", "text", Rules{Required: true, Other: []string{"cf|piva"}}, "required,cf|piva"},
		{"required,piva,cf", "text", Rules{Required: true, ID: "piva", Other: []string{"cf"}}, "required,piva,cf"},
		{"required,dive,required,max=3", "multichoice", Rules{Required: true, Other: []string{"dive", "required", "max=3"}}, "required,dive,required,max=3"},
		{"", "text", Rules{}, ""},
		{" required , pec ", "email", Rules{Required: true, ID: "pec"}, "required,pec"},
	}
	for _, tc := range tests {
		got := ParseRules(tc.rules, tc.typ)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q (%s): %+v, want %+v", tc.rules, tc.typ, got, tc.want)
		}
		if s := got.String(); s != tc.back {
			t.Errorf("%q (%s) written back as %q, want %q", tc.rules, tc.typ, s, tc.back)
		}
	}
	var r Rules
	r.SetOtherText(" omitempty, ,startswith=IT ")
	if r.OtherText() != "omitempty,startswith=IT" {
		t.Errorf("free tags %q", r.OtherText())
	}
	f := Obj("id", Str("x"), "rules", Str("required"))
	SetRules(f, Rules{})
	if f.Get("rules") != nil {
		t.Error("no tags left a rules key")
	}
	SetRules(f, Rules{Required: true, ID: "iban"})
	if f.Str("rules") != "required,iban" {
		t.Errorf("rules %q", f.Str("rules"))
	}
}

func TestHistory(t *testing.T) {
	var h History
	if _, ok := h.Undo("a"); ok {
		t.Fatal("undo with no history")
	}
	h.Record("a", "")      // a -> b
	h.Record("b", "label") // b -> c (typing)
	h.Record("c", "label") // c -> d, same key: the same step
	h.Record("d", "help")  // d -> e
	now := "e"
	var got []string
	for {
		prev, ok := h.Undo(now)
		if !ok {
			break
		}
		got = append(got, prev)
		now = prev
	}
	if fmt.Sprint(got) != "[d b a]" {
		t.Errorf("undo went %v", got)
	}
	next, ok := h.Redo(now)
	if !ok || next != "b" {
		t.Errorf("redo: %q %v", next, ok)
	}
	h.Record(next, "") // a new edit drops what could be redone
	if h.CanRedo() {
		t.Error("redo after a new edit")
	}
	for i := 0; i < 3*maxHistory; i++ {
		h.Record(fmt.Sprint(i), "")
	}
	if len(h.past) != maxHistory {
		t.Errorf("%d steps kept", len(h.past))
	}
}

func TestProposeMigration(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(d *Value)
		renamed string
		removed string
		to      int
	}{
		{"nothing changed", func(d *Value) {}, "[]", "[]", 2},
		{"a field renamed (its id)", func(d *Value) { Node(d, Path{0, 0}).Set("id", Str("denominazione")) },
			"[{ente.nome ente.denominazione}]", "[]", 2},
		{"a field removed", func(d *Value) { Delete(d, Path{0, 2}) }, "[]", "[ente.note]", 2},
		{"a group's field renamed", func(d *Value) { Node(d, Path{0, 1, 0}).Set("id", Str("codice_fiscale")) },
			"[{ente.membri.cf ente.membri.codice_fiscale}]", "[]", 2},
		{"a group renamed: its fields follow", func(d *Value) { Node(d, Path{0, 1}).Set("id", Str("partner")) },
			"[{ente.membri ente.partner}]", "[]", 2},
		{"a group removed: its fields are not listed", func(d *Value) { Delete(d, Path{0, 1}) }, "[]", "[ente.membri]", 2},
		{"a field moved to another section keeps its label: renamed", func(d *Value) { _, _ = Move(d, Path{0, 2}, Down) },
			"[{ente.note progetto.note}]", "[]", 2},
		{"a field removed and another of another type added", func(d *Value) {
			Delete(d, Path{0, 2})
			AddField(d, Path{0}, "date")
		}, "[]", "[ente.note]", 2},
		{"the version already raised", func(d *Value) {
			d.Set("version", Num(3))
			Delete(d, Path{0, 2})
		}, "[]", "[ente.note]", 3},
		{"what a migration says already is not proposed again", func(d *Value) {
			Delete(d, Path{0, 2})
			d.Set("migrations", Arr(Obj("version", Num(2), "removed", Arr(Str("ente.note")))))
		}, "[]", "[]", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pub := mustParse(t, small)
			cur := pub.Clone()
			tc.edit(cur)
			p := ProposeMigration(pub, cur)
			if fmt.Sprint(p.Renamed) != tc.renamed || fmt.Sprint(p.Removed) != tc.removed || p.To != tc.to || p.From != 1 {
				t.Errorf("got %+v", p)
			}
			if p.Empty() {
				return
			}
			ApplyMigration(cur, p)
			if again := ProposeMigration(pub, cur); !again.Empty() {
				t.Errorf("after applying, still proposed: %+v", again)
			}
			if cur.Int("version") != tc.to {
				t.Errorf("version %d", cur.Int("version"))
			}
		})
	}
}

// TestMigrationLoads: the FAMI call with a field renamed and one removed, and the migration
// entry the editor proposes, is a call schema.Load accepts, and it moves a version 2 draft's
// answers.
func TestMigrationLoads(t *testing.T) {
	data, err := os.ReadFile("../../schema/calls/toscana-fami-2024.json")
	if err != nil {
		t.Fatal(err)
	}
	pub := mustParse(t, string(data))
	cur := pub.Clone()
	var renamed string
	for _, it := range Outline(cur) {
		if !it.Section && it.Type == "text" && len(it.Path) == 2 {
			Node(cur, it.Path).Set("id", Str(it.ID+"_nuovo"))
			renamed = it.ID
			break
		}
	}
	p := ProposeMigration(pub, cur)
	if len(p.Renamed) != 1 || !strings.HasSuffix(p.Renamed[0].From, "."+renamed) {
		t.Fatalf("proposal %+v", p)
	}
	ApplyMigration(cur, p)
	c, err := schema.Load(Marshal(cur))
	if err != nil {
		t.Fatalf("the call with the proposed migration does not load: %v", err)
	}
	if c.Version != pub.Int("version")+1 {
		t.Errorf("version %d", c.Version)
	}
}
