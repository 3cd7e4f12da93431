// Command wasmoverlay writes the module file the two wasm programs are built with: go.mod plus
// `replace` lines to trimmed copies of go-app and validator, leaving out the parts a browser
// can never use, which cost an applicant's first visit about 0.55 MB of brotli:
//
//   - go-app's server side (http.go: app.Handler, and LocalDir in resource.go) is compiled
//     into the browser build too. Nothing calls it there, but importing net/http keeps
//     crypto/tls, crypto/x509 and math/big alive through their package initialisation.
//   - validator's built-in checks that read the disk, the network or large tables of the
//     machine that runs them — file, dir, image, mimetype, the *_addr tags (DNS), uds_exists,
//     BCP 47 language tags, URNs, Ethereum checksums — keep os, the DNS resolver, mimetype,
//     go-urn, x/text/language and x/crypto/sha3 in the binary, because validator.New lists
//     every built-in check. A call must not use them anyway: in a browser they would answer
//     differently than on the server, so schema's lint refuses them in every build (this
//     tool's test checks it), and the CLI and the browser keep judging answers alike.
//
// The copies are made from the module cache at the versions go.mod pins, and patched on the
// syntax tree, not by text: a function is removed only when nothing in its package refers to
// it any more, an import only when unused. A new module version that no longer fits fails
// here, loudly. (go build -overlay would be lighter, but it refuses files in the module cache.)
//
// Usage: go run ./scripts/wasmoverlay -out DIR   (writes DIR/wasm.mod, DIR/wasm.sum and the
// copies under DIR/mod; prints the module file's path). The Makefile builds the wasm programs
// with `go build -modfile DIR/wasm.mod`.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

const (
	goAppModule     = "github.com/maxence-charriere/go-app/v10"
	validatorModule = "github.com/go-playground/validator/v10"
)

func main() {
	out := flag.String("out", "bin/wasm", "folder for wasm.mod, wasm.sum and the trimmed module copies")
	flag.Parse()
	ov, err := build(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmoverlay:", err)
		os.Exit(1)
	}
	fmt.Println(ov.modfile)
}

// trimmed is what build wrote: the module file and the validator tags it dropped.
type trimmed struct {
	modfile string
	dropped []string
}

func build(out string) (*trimmed, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	dirs, err := moduleDirs(goAppModule, validatorModule)
	if err != nil {
		return nil, err
	}
	if err := os.RemoveAll(filepath.Join(out, "mod")); err != nil {
		return nil, err
	}
	copies := map[string]string{}
	for mod, dir := range dirs {
		copies[mod] = filepath.Join(out, "mod", filepath.FromSlash(mod))
		if err := copyModule(dir, copies[mod]); err != nil {
			return nil, err
		}
	}
	write := func(path string, src []byte) error { return os.WriteFile(path, src, 0o644) }

	appDir := filepath.Join(copies[goAppModule], "pkg", "app")
	if err := write(filepath.Join(appDir, "http.go"), []byte("// Left out of the wasm programs by scripts/wasmoverlay: app.Handler is the server's.\n\npackage app\n")); err != nil {
		return nil, err
	}
	resource, err := trimResource(filepath.Join(appDir, "resource.go"))
	if err != nil {
		return nil, err
	}
	if err := write(filepath.Join(appDir, "resource.go"), resource); err != nil {
		return nil, err
	}
	stub, err := trimWasmStub(filepath.Join(appDir, "wasm.go"))
	if err != nil {
		return nil, err
	}
	if err := write(filepath.Join(appDir, "wasm.go"), stub); err != nil {
		return nil, err
	}

	bakedIn := filepath.Join(copies[validatorModule], "baked_in.go")
	src, dropped, err := trimBakedIn(bakedIn)
	if err != nil {
		return nil, err
	}
	if err := write(bakedIn, src); err != nil {
		return nil, err
	}

	// The module file: go.mod with the copies in place of the modules, and go.sum beside it.
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	gomod = append(gomod, "\n// Written by scripts/wasmoverlay for the wasm builds.\n"...)
	for _, mod := range []string{goAppModule, validatorModule} {
		gomod = append(gomod, fmt.Sprintf("replace %s => %s\n", mod, copies[mod])...)
	}
	modfile := filepath.Join(out, "wasm.mod")
	if err := write(modfile, gomod); err != nil {
		return nil, err
	}
	gosum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return nil, err
	}
	if err := write(filepath.Join(out, "wasm.sum"), gosum); err != nil {
		return nil, err
	}
	return &trimmed{modfile: modfile, dropped: dropped}, nil
}

// moduleRoot is the folder of the main module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}

// copyModule copies what building a module needs: its go.mod, licence and sources, without
// tests, test data and documentation (go-app's docs are most of its 29 MB).
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			switch d.Name() {
			case "docs", "testdata", ".git", ".github":
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}

// moduleDirs finds the module cache folders of the modules at the versions go.mod pins,
// downloading them first on a fresh machine.
func moduleDirs(mods ...string) (map[string]string, error) {
	cmd := exec.Command("go", append([]string{"mod", "download", "-json"}, mods...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go mod download: %w", err)
	}
	dirs := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var m struct{ Path, Dir string }
		if err := dec.Decode(&m); err != nil {
			return nil, err
		}
		dirs[m.Path] = m.Dir
	}
	for _, m := range mods {
		if dirs[m] == "" {
			return nil, fmt.Errorf("%s: no module folder after go mod download", m)
		}
	}
	return dirs, nil
}

// trimResource takes net/http out of go-app's resource resolvers: LocalDir's resolver embeds
// an http.FileServer, which only the server uses (to serve /web/); in the browser a resolver
// only resolves.
func trimResource(path string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	isHTTPHandler := func(e ast.Expr) bool {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		id, ok := sel.X.(*ast.Ident)
		return ok && id.Name == "http" && sel.Sel.Name == "Handler"
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		switch node := node.(type) {
		case *ast.StructType:
			kept := node.Fields.List[:0]
			for _, field := range node.Fields.List {
				if len(field.Names) == 0 && isHTTPHandler(field.Type) {
					n++
					continue
				}
				kept = append(kept, field)
			}
			node.Fields.List = kept
		case *ast.CompositeLit:
			kept := node.Elts[:0]
			for _, e := range node.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Handler" {
						n++
						continue
					}
				}
				kept = append(kept, e)
			}
			node.Elts = kept
		}
		return true
	})
	if n != 2 {
		return nil, fmt.Errorf("%s: expected the http.Handler of localResourceResolver and its value in LocalDir, removed %d: has go-app changed?", path, n)
	}
	f.Comments = nil
	removeUnusedImports(f)
	if imported(f, "net/http") {
		return nil, fmt.Errorf("%s still imports net/http", path)
	}
	return render(fset, f)
}

// trimWasmStub drops go-app's browser stub of GenerateStaticWebsite, which names app.Handler.
func trimWasmStub(path string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	if n := removeDecls(f, func(d ast.Decl) bool {
		fd, ok := d.(*ast.FuncDecl)
		return ok && fd.Name.Name == "GenerateStaticWebsite"
	}); n != 1 {
		return nil, fmt.Errorf("%s: no GenerateStaticWebsite stub: has go-app changed?", path)
	}
	removeUnusedImports(f)
	return renderWithBuildLine(fset, f, "//go:build wasm")
}

// unportable are the uses that make a check answer differently in a browser than on a
// server, or that pull a large package in: the disk, DNS, and the packages behind
// mimetype, urn, language and sha3.
func unportable(sel *ast.SelectorExpr) bool {
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	switch x.Name {
	case "os", "mimetype", "urn", "language", "sha3":
		return true
	case "net":
		return strings.HasPrefix(sel.Sel.Name, "Resolve")
	}
	return false
}

// trimBakedIn removes from validator's baked_in.go every built-in check that (directly or
// through the file's own helpers) uses something unportable, and then every function and
// import left unused. It returns the new source and the tags dropped.
func trimBakedIn(path string) ([]byte, []string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return nil, nil, err
	}
	funcs := map[string]*ast.FuncDecl{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			funcs[fd.Name.Name] = fd
		}
	}
	// bad: functions that use something unportable, directly or through another function.
	bad := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for name, fd := range funcs {
			if bad[name] {
				continue
			}
			ast.Inspect(fd, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if unportable(n) {
						bad[name] = true
					}
				case *ast.Ident:
					if n.Name != name && funcs[n.Name] != nil && bad[n.Name] {
						bad[name] = true
					}
				}
				return !bad[name]
			})
			changed = changed || bad[name]
		}
	}

	// Drop the map entries of bakedInValidators whose check is bad.
	var dropped []string
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "bakedInValidators" || len(vs.Values) != 1 {
			return true
		}
		lit, ok := vs.Values[0].(*ast.CompositeLit)
		if !ok {
			return true
		}
		found = true
		kept := lit.Elts[:0]
		for _, e := range lit.Elts {
			kv := e.(*ast.KeyValueExpr)
			if id, ok := kv.Value.(*ast.Ident); ok && bad[id.Name] {
				dropped = append(dropped, strings.Trim(kv.Key.(*ast.BasicLit).Value, `"`))
				continue
			}
			kept = append(kept, e)
		}
		lit.Elts = kept
		return false
	})
	if !found || len(dropped) == 0 {
		return nil, nil, fmt.Errorf("%s: no bakedInValidators map, or nothing to drop: has validator changed?", path)
	}
	sort.Strings(dropped)

	// Remove the bad functions nothing refers to any more, until none is left to remove:
	// the other files of the package count too.
	others, err := packageIdents(filepath.Dir(path), filepath.Base(path))
	if err != nil {
		return nil, nil, err
	}
	for {
		used := identsOf(f)
		n := removeDecls(f, func(d ast.Decl) bool {
			fd, ok := d.(*ast.FuncDecl)
			return ok && fd.Recv == nil && bad[fd.Name.Name] && !used[fd.Name.Name] && !others[fd.Name.Name]
		})
		if n == 0 {
			break
		}
	}
	// A bad function still used elsewhere keeps its imports: say so rather than keep them
	// silently.
	for name := range bad {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name {
				return nil, nil, fmt.Errorf("%s: %s uses the disk or the network but is still referred to", path, name)
			}
		}
	}
	// A variable only the removed checks used would still be initialised at start-up:
	// bcp47LanguageTagRe compiles a large regular expression eagerly, which costs every page
	// load tens of milliseconds in the browser for a tag nobody can use there.
	for removeUnusedVars(f, others) > 0 {
	}
	removeUnusedImports(f)
	for _, imp := range []string{"github.com/gabriel-vasile/mimetype", "github.com/leodido/go-urn", "golang.org/x/text/language", "golang.org/x/crypto/sha3", "os"} {
		if imported(f, imp) {
			return nil, nil, fmt.Errorf("%s still imports %s", path, imp)
		}
	}
	src, err := render(fset, f)
	return src, dropped, err
}

// identsOf collects every identifier used in f outside the declarations' own names.
func identsOf(f *ast.File) map[string]bool {
	used := map[string]bool{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			if fd.Body != nil {
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						used[id.Name] = true
					}
					return true
				})
			}
			continue
		}
		ast.Inspect(d, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
			}
			return true
		})
	}
	return used
}

// packageIdents collects the identifiers used by the other non-test files of a package.
func packageIdents(dir, except string) (map[string]bool, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range names {
		if filepath.Base(name) == except || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		for k := range identsOf(f) {
			used[k] = true
		}
	}
	return used, nil
}

// removeDecls removes the declarations drop selects and returns how many.
func removeDecls(f *ast.File, drop func(ast.Decl) bool) int {
	kept, n := f.Decls[:0], 0
	for _, d := range f.Decls {
		if drop(d) {
			n++
			continue
		}
		kept = append(kept, d)
	}
	f.Decls = kept
	// Comments of removed declarations would otherwise float into the output.
	f.Comments = nil
	return n
}

// removeUnusedVars removes the package-level variables that neither f (outside their own
// declaration) nor the package's other files (others) refer to, and returns how many. Only
// single-name specs are touched; a declaration left empty goes too.
func removeUnusedVars(f *ast.File, others map[string]bool) int {
	n := 0
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		kept := gd.Specs[:0]
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			if len(vs.Names) == 1 && !others[vs.Names[0].Name] && !usedOutside(f, vs) {
				n++
				continue
			}
			kept = append(kept, s)
		}
		gd.Specs = kept
	}
	removeDecls(f, func(d ast.Decl) bool {
		gd, ok := d.(*ast.GenDecl)
		return ok && gd.Tok == token.VAR && len(gd.Specs) == 0
	})
	return n
}

// usedOutside reports whether the name vs declares appears in f anywhere but in vs itself.
func usedOutside(f *ast.File, vs *ast.ValueSpec) bool {
	name, found := vs.Names[0].Name, false
	ast.Inspect(f, func(n ast.Node) bool {
		if found || n == vs {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Name == name && id != vs.Names[0] {
			found = true
		}
		return !found
	})
	return found
}

// removeUnusedImports drops the imports whose package name is not used in f.
func removeUnusedImports(f *ast.File) {
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		kept := gd.Specs[:0]
		for _, s := range gd.Specs {
			is := s.(*ast.ImportSpec)
			if name := importName(is); name == "_" || name == "." || used[name] {
				kept = append(kept, s)
			}
		}
		gd.Specs = kept
	}
	f.Imports = f.Imports[:0]
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			for _, s := range gd.Specs {
				f.Imports = append(f.Imports, s.(*ast.ImportSpec))
			}
		}
	}
}

// importName is the name an import is used by: its explicit name, or the last element of its
// path, without a major-version suffix or a "go-" prefix (go-urn is package urn).
func importName(is *ast.ImportSpec) string {
	if is.Name != nil {
		return is.Name.Name
	}
	p := strings.Trim(is.Path.Value, `"`)
	parts := strings.Split(p, "/")
	last := parts[len(parts)-1]
	if len(parts) > 1 && strings.HasPrefix(last, "v") && strings.Trim(last[1:], "0123456789") == "" {
		last = parts[len(parts)-2]
	}
	return strings.TrimPrefix(last, "go-")
}

func imported(f *ast.File, path string) bool {
	for _, is := range f.Imports {
		if strings.Trim(is.Path.Value, `"`) == path {
			return true
		}
	}
	return false
}

func receiverName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) != 1 {
		return ""
	}
	t := fd.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func render(fset *token.FileSet, f *ast.File) ([]byte, error) {
	return renderWithBuildLine(fset, f, "")
}

// renderWithBuildLine prints f, after a build constraint when one is given (removing the
// comments of a file removes its constraint too).
func renderWithBuildLine(fset *token.FileSet, f *ast.File, build string) ([]byte, error) {
	var buf bytes.Buffer
	if build != "" {
		buf.WriteString(build + "\n\n")
	}
	buf.WriteString("// Code generated by scripts/wasmoverlay for the wasm builds. DO NOT EDIT.\n\n")
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
