package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"bando/schema"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestEveryEntryRecovers reads this package's source and checks that every way go-app or the
// browser has into it starts with its panic boundary (resilience.go): a panic there would
// otherwise end the program and leave the applicant with a dead page.
//
//   - event handlers (any function taking app.Context and app.Event), lifecycle methods
//     (OnMount, OnNav, OnUpdate, OnAppUpdate, OnDismount) and functions handed to Dispatch,
//     Defer or After: `defer sess.guard.recovered()`;
//   - functions handed to Async, time.AfterFunc or FuncOf (goroutines and JavaScript
//     callbacks): `defer sess.guard.background()`;
//   - every Render: `defer sess.guard.renderRecovered(&ui)`.
func TestEveryEntryRecovers(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		check := func(body *ast.BlockStmt, want, what string, at token.Pos) {
			checked++
			if body == nil || len(body.List) == 0 {
				return // nothing to panic
			}
			if !defers(body.List[0], want) {
				t.Errorf("%s: %s does not start with `defer ….%s(…)`", fset.Position(at), what, want)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				switch {
				case n.Recv != nil && n.Name.Name == "Render":
					check(n.Body, "renderRecovered", "Render", n.Pos())
				case n.Recv != nil && lifecycle[n.Name.Name]:
					check(n.Body, "recovered", n.Name.Name, n.Pos())
				case isHandler(n.Type):
					check(n.Body, "recovered", "event handler "+n.Name.Name, n.Pos())
				}
			case *ast.FuncLit:
				if isHandler(n.Type) {
					check(n.Body, "recovered", "event handler", n.Pos())
				}
			case *ast.CallExpr:
				callee := ""
				switch fn := n.Fun.(type) {
				case *ast.SelectorExpr:
					callee = fn.Sel.Name
				case *ast.Ident:
					callee = fn.Name
				}
				for _, arg := range n.Args {
					lit, ok := arg.(*ast.FuncLit)
					if !ok || isHandler(lit.Type) {
						continue
					}
					switch callee {
					case "Dispatch", "Defer", "After":
						check(lit.Body, "recovered", callee+" callback", lit.Pos())
					case "Async", "AfterFunc", "FuncOf":
						check(lit.Body, "background", callee+" callback", lit.Pos())
					}
				}
			}
			return true
		})
	}
	if checked < 80 {
		t.Fatalf("only %d entries checked: the patterns are wrong", checked)
	}
}

var lifecycle = map[string]bool{"OnMount": true, "OnNav": true, "OnUpdate": true, "OnAppUpdate": true, "OnDismount": true}

// isHandler: func(app.Context, app.Event), go-app's EventHandler.
func isHandler(ft *ast.FuncType) bool {
	var types []string
	for _, p := range ft.Params.List {
		n := max(len(p.Names), 1)
		for range n {
			types = append(types, exprString(p.Type))
		}
	}
	return len(types) == 2 && types[0] == "app.Context" && types[1] == "app.Event"
}

func exprString(e ast.Expr) string {
	if s, ok := e.(*ast.SelectorExpr); ok {
		if x, ok := s.X.(*ast.Ident); ok {
			return x.Name + "." + s.Sel.Name
		}
	}
	return ""
}

// defers reports whether st is `defer X.method(…)`.
func defers(st ast.Stmt, method string) bool {
	d, ok := st.(*ast.DeferStmt)
	if !ok {
		return false
	}
	sel, ok := d.Call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == method
}

// panicky is an error whose message panics: a session holding it as the save error makes the
// shell's Render panic (the header and the alert both ask for the message).
type panicky struct{}

func (panicky) Error() string { panic("boom in Error") }

// TestRenderBoundary: a component whose Render panics draws the crash alert, with the export
// button, in its place, and the rest of the page is drawn as usual.
func TestRenderBoundary(t *testing.T) {
	old := recordRenderPanics
	recordRenderPanics = true
	t.Cleanup(func() { recordRenderPanics = old })
	tests := []struct {
		name      string
		breakIt   func(s *session) // the session state that makes Render panic
		render    func(s *session) app.UI
		wantAlso  string // markup of the rest of the page, still drawn
		wantCrash string
	}{
		{"a step with no call", func(s *session) { s.open.call = nil },
			func(s *session) app.UI { return &formPage{Lang: schema.IT, Section: "ente", Ver: s.ver} }, "", "runtime error"},
		{"the review with no call", func(s *session) { s.open.call = nil },
			func(s *session) app.UI { return &reviewPage{Lang: schema.IT} }, "", "runtime error"},
		{"a group with no call", func(s *session) { s.open.call = nil },
			func(s *session) app.UI { return &groupView{Path: "ente.soci", Lang: schema.IT} }, "", "runtime error"},
		{"the error summary with no call", func(s *session) { s.showIssues("ente"); s.open.call = nil },
			func(s *session) app.UI { return &errorSummary{Lang: schema.IT, Section: "ente"} }, "", "runtime error"},
		{"the shell's step, its header still drawn", func(s *session) { s.open.call = nil; s.route = route{page: "section", section: "ente"} },
			func(s *session) app.UI { return &shell{r: route{page: "section", section: "ente"}} }, `class="bando-header"`, "runtime error"},
		{"the shell itself", func(s *session) { s.saver.err = panicky{} },
			func(s *session) app.UI { return &shell{} }, "", "boom in Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withDraft(t, testCall(t), answered(), schema.IT)
			tt.breakIt(s)
			var html string
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("the panic went through the boundary: %v", r)
					}
				}()
				html = rendered(tt.render(s))
			}()
			for _, want := range []string{`data-crash="render"`, `role="alert"`, "errore imprevisto", "failure-export", "Esporta la bozza"} {
				if !strings.Contains(html, want) {
					t.Errorf("the page lacks %q:\n%.3000s", want, html)
				}
			}
			if tt.wantAlso != "" && !strings.Contains(html, tt.wantAlso) {
				t.Errorf("the rest of the page is gone: no %q", tt.wantAlso)
			}
			if !strings.Contains(s.guard.crash, tt.wantCrash) {
				t.Errorf("recorded crash %q, want %q", s.guard.crash, tt.wantCrash)
			}
		})
	}
}

// On the server (pre-rendering) a panic is drawn as the alert but not recorded in the session,
// which the server's requests share.
func TestRenderBoundaryOnServer(t *testing.T) {
	old := recordRenderPanics
	recordRenderPanics = false
	t.Cleanup(func() { recordRenderPanics = old })
	s := withDraft(t, testCall(t), answered(), schema.IT)
	s.open.call = nil
	html := rendered(&reviewPage{Lang: schema.IT})
	if !strings.Contains(html, `data-crash="render"`) || s.guard.crash != "" {
		t.Fatalf("crash %q, page:\n%.2000s", s.guard.crash, html)
	}
}
