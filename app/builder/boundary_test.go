package builder

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestEveryEntryRecovers reads this package's source, as package ui's test of the same name
// does its own: every event handler, lifecycle method and callback handed to Dispatch, Defer
// or After starts with `defer recovered()`, every goroutine or JavaScript callback with
// `defer background()`, every Render with `defer renderRecovered(&out)`.
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
				return
			}
			d, ok := body.List[0].(*ast.DeferStmt)
			if id, isID := func() (*ast.Ident, bool) {
				if !ok {
					return nil, false
				}
				id, isID := d.Call.Fun.(*ast.Ident)
				return id, isID
			}(); !isID || id.Name != want {
				t.Errorf("%s: %s does not start with `defer %s(…)`", fset.Position(at), what, want)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				switch {
				case n.Recv != nil && n.Name.Name == "Render":
					check(n.Body, "renderRecovered", "Render", n.Pos())
				case n.Recv != nil && (n.Name.Name == "OnMount" || n.Name.Name == "OnNav" || n.Name.Name == "OnDismount"):
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
				if s, ok := n.Fun.(*ast.SelectorExpr); ok {
					callee = s.Sel.Name
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
	if checked < 20 {
		t.Fatalf("only %d entries checked: the patterns are wrong", checked)
	}
}

func isHandler(ft *ast.FuncType) bool {
	var types []string
	for _, p := range ft.Params.List {
		for range max(len(p.Names), 1) {
			if s, ok := p.Type.(*ast.SelectorExpr); ok {
				if x, ok := s.X.(*ast.Ident); ok {
					types = append(types, x.Name+"."+s.Sel.Name)
					continue
				}
			}
			types = append(types, "")
		}
	}
	return len(types) == 2 && types[0] == "app.Context" && types[1] == "app.Event"
}

// TestTextsComplete: every key the source passes to tr as a literal is in both languages, and
// every text says something in each.
func TestTextsComplete(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`tr\([a-zA-Z.]+, ("[a-z.]+")`)
	seen := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := readFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			key, _ := strconv.Unquote(m[1])
			seen++
			if _, ok := texts[key]; !ok && !strings.HasSuffix(key, ".") {
				t.Errorf("%s: no text %q", name, key)
			}
		}
	}
	if seen < 50 {
		t.Fatalf("only %d keys found: the pattern is wrong", seen)
	}
	for k, v := range texts {
		if v[0] == "" || v[1] == "" {
			t.Errorf("%s: a language is empty", k)
		}
	}
	for _, typ := range fieldTypes {
		if _, ok := texts["type."+typ]; !ok {
			t.Errorf("no name for type %s", typ)
		}
	}
}

func readFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}
