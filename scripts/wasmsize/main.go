// Command wasmsize tells where the bytes of a Go WebAssembly binary go, so that work on the
// first-visit download (issue #6) starts from figures rather than guesses.
//
// Build the wasm WITHOUT -ldflags "-s -w", so that it keeps its "name" custom section:
//
//	GOOS=js GOARCH=wasm go build -trimpath -o /tmp/wasmA/app.names.wasm ./wasm
//	go run ./scripts/wasmsize /tmp/wasmA/app.names.wasm
//
// It maps every function body of the code section to its Go package (from the function
// name), and prints the packages by code bytes, with a rough compressed share: each
// package's bodies deflated on their own (compress/flate, best compression), a guide to
// each package's share: brotli on the whole file compresses about a third better. Data
// segments (read-only data, type descriptors, pclntab, strings) have no per-package names
// in a wasm; their total is printed apart. Flags:
//
//	-n 40              how many packages to print (0: all)
//	-group P1,P2,...   count the packages starting with each prefix as one line, e.g.
//	                   -group github.com_maxence_charriere_go_app_v10,crypto
//	-funcs PREFIX      print the largest functions whose package starts with PREFIX
//
// Package paths print as the linker wrote them in the name section: '/' and '-' read '_'
// (github.com/go-playground/validator/v10 is github.com_go_playground_validator_v10).
//
// Standard library only: it must run anywhere `go run` does.
package main

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	n := flag.Int("n", 40, "how many packages to print (0: all)")
	group := flag.String("group", "", "comma-separated package prefixes to count as one line each")
	funcs := flag.String("funcs", "", "print the largest functions of packages starting with this prefix")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: wasmsize [-n N] [-group PREFIX,...] [-funcs PREFIX] FILE.wasm")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	m, err := parse(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	if len(m.names) == 0 {
		fmt.Fprintln(os.Stderr, "wasmsize: no \"name\" section: build without -ldflags \"-s -w\"")
		os.Exit(1)
	}
	var prefixes []string
	if *group != "" {
		prefixes = strings.Split(*group, ",")
	}
	report(os.Stdout, m, *n, prefixes, *funcs)
}

// module is what wasmsize reads of a wasm file.
type module struct {
	size      int
	sections  []section
	imported  int            // imported functions: they come first in the function index space
	bodies    []body         // the code section, in order
	names     map[int]string // function index → name, from the "name" custom section
	dataBytes int            // bytes of all data segments' contents
	segments  int
}

type section struct {
	id   byte
	name string // custom sections only
	size int
}

type body struct {
	index int // function index (imports included)
	code  []byte
}

var sectionNames = map[byte]string{
	0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
	6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount",
}

func parse(b []byte) (*module, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errors.New("not a wasm file")
	}
	m := &module{size: len(b), names: map[int]string{}}
	r := &reader{b: b, off: 8}
	for r.off < len(b) {
		id := r.byte()
		size := int(r.uleb())
		if r.err != nil || r.off+size > len(b) {
			return nil, fmt.Errorf("bad section at offset %d", r.off)
		}
		s := &reader{b: b[r.off : r.off+size]}
		sec := section{id: id, size: size}
		switch id {
		case 0:
			sec.name = s.name()
			if sec.name == "name" {
				m.readNames(s)
			}
		case 2:
			m.readImports(s)
		case 10:
			m.readCode(s)
		case 11:
			m.readData(s)
		}
		if s.err != nil {
			return nil, fmt.Errorf("section %d: %v", id, s.err)
		}
		m.sections = append(m.sections, sec)
		r.off += size
	}
	return m, r.err
}

func (m *module) readImports(r *reader) {
	for i, n := 0, int(r.uleb()); i < n && r.err == nil; i++ {
		r.name() // module
		r.name() // field
		switch kind := r.byte(); kind {
		case 0: // function: type index
			r.uleb()
			m.imported++
		case 1: // table: elemtype, limits
			r.byte()
			r.limits()
		case 2: // memory: limits
			r.limits()
		case 3: // global: valtype, mutability
			r.byte()
			r.byte()
		default:
			r.err = fmt.Errorf("unknown import kind %d", kind)
		}
	}
}

func (m *module) readCode(r *reader) {
	for i, n := 0, int(r.uleb()); i < n && r.err == nil; i++ {
		size := int(r.uleb())
		m.bodies = append(m.bodies, body{index: m.imported + i, code: r.bytes(size)})
	}
}

func (m *module) readData(r *reader) {
	for i, n := 0, int(r.uleb()); i < n && r.err == nil; i++ {
		switch flags := r.uleb(); flags {
		case 0: // active, memory 0, offset expression
			r.constExpr()
		case 1: // passive
		case 2: // active, explicit memory index
			r.uleb()
			r.constExpr()
		default:
			r.err = fmt.Errorf("unknown data segment flags %d", flags)
		}
		size := int(r.uleb())
		r.bytes(size)
		m.dataBytes += size
		m.segments++
	}
}

func (m *module) readNames(r *reader) {
	for r.off < len(r.b) && r.err == nil {
		id := r.byte()
		size := int(r.uleb())
		sub := &reader{b: r.bytes(size)}
		if id != 1 { // 1: function names
			continue
		}
		for i, n := 0, int(sub.uleb()); i < n && sub.err == nil; i++ {
			idx := int(sub.uleb())
			m.names[idx] = sub.name()
		}
		if sub.err != nil {
			r.err = sub.err
		}
	}
}

// pkgOf returns the package of a function name as it stands in the "name" section. The Go
// linker writes there every character other than letters, digits, '_' and '.' as '_'
// (cmd/link/internal/wasm: nameRegexp), so "github.com/go-playground/validator/v10.(*Validate).Var"
// reads "github.com_go_playground_validator_v10.__Validate_.Var" and pkgOf returns
// "github.com_go_playground_validator_v10". The package ends at the first '.' after the host
// name (the first path element, which is the only one with a dot in the paths of this module).
func pkgOf(name string) string {
	switch {
	case strings.HasPrefix(name, "type_."), strings.HasPrefix(name, "go_"):
		return "<" + strings.SplitN(name, ".", 2)[0] + ">" // type:.eq.…, go:buildid
	case !strings.Contains(name, "."):
		return "<asm>" // wasm helpers with no package, e.g. "_rt0_wasm_js", "memchr"
	}
	start := 0
	if strings.HasPrefix(name, "vendor_") {
		start = len("vendor_")
	}
	if dot, us := strings.IndexByte(name[start:], '.'), strings.IndexByte(name[start:], '_'); us > dot && isHost(name[start:start+us]) {
		start += us // skip "github.com"
	}
	dot := strings.IndexByte(name[start:], '.')
	if dot < 0 {
		return name
	}
	return name[:start+dot]
}

// isHost says whether s looks like a host name: "github.com", "golang.org", "gopkg.in".
func isHost(s string) bool {
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	for _, c := range s[i+1:] {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// groupOf returns the first of prefixes that pkg starts with, or pkg.
func groupOf(pkg string, prefixes []string) string {
	for _, p := range prefixes {
		if strings.HasPrefix(pkg, p) {
			return p + "*"
		}
	}
	return pkg
}

// originOf sorts a package into the standard library, this module, or a dependency.
func originOf(pkg string) string {
	switch {
	case strings.HasPrefix(pkg, "<"):
		return "runtime-generated"
	case pkg == "bando" || strings.HasPrefix(pkg, "bando_"):
		return "bando"
	case strings.HasPrefix(pkg, "vendor_"):
		return "std"
	case strings.IndexByte(pkg, '.') >= 0:
		return "dependencies"
	}
	return "std"
}

type stat struct {
	name    string
	bytes   int
	funcs   int
	deflate int
	code    [][]byte
}

func report(w io.Writer, m *module, n int, prefixes []string, funcPrefix string) {
	groups := map[string]*stat{}
	codeTotal := 0
	origin := map[string]int{}
	type fn struct {
		name string
		size int
	}
	var fns []fn
	for _, b := range m.bodies {
		name := m.names[b.index]
		key := pkgOf(name)
		if funcPrefix != "" && strings.HasPrefix(key, funcPrefix) {
			fns = append(fns, fn{name, len(b.code)})
		}
		origin[originOf(key)] += len(b.code)
		key = groupOf(key, prefixes)
		g := groups[key]
		if g == nil {
			g = &stat{name: key}
			groups[key] = g
		}
		g.bytes += len(b.code)
		g.funcs++
		g.code = append(g.code, b.code)
		codeTotal += len(b.code)
	}
	list := make([]*stat, 0, len(groups))
	deflateTotal := 0
	for _, g := range groups {
		g.deflate = deflated(g.code)
		deflateTotal += g.deflate
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].bytes != list[j].bytes {
			return list[i].bytes > list[j].bytes
		}
		return list[i].name < list[j].name
	})

	fmt.Fprintf(w, "file %d bytes; code %d bytes in %d functions (+%d imported); data %d bytes in %d segments\n",
		m.size, codeTotal, len(m.bodies), m.imported, m.dataBytes, m.segments)
	fmt.Fprintln(w, "sections:")
	for _, s := range m.sections {
		label := sectionNames[s.id]
		if s.id == 0 {
			label = "custom " + s.name
		}
		fmt.Fprintf(w, "  %-24s %10d\n", label, s.size)
	}
	fmt.Fprintln(w, "code by origin:")
	for _, o := range []string{"std", "dependencies", "bando", "runtime-generated"} {
		fmt.Fprintf(w, "  %-24s %10d %5.1f%%\n", o, origin[o], pct(origin[o], codeTotal))
	}
	fmt.Fprintf(w, "\n%10s %6s %6s %10s %6s  %s\n", "code", "%code", "funcs", "deflated", "%defl", "package")
	for i, g := range list {
		if n > 0 && i == n {
			rest, restD := 0, 0
			for _, g := range list[n:] {
				rest += g.bytes
				restD += g.deflate
			}
			fmt.Fprintf(w, "%10d %5.1f%% %6s %10d %5.1f%%  (%d more)\n", rest, pct(rest, codeTotal), "", restD, pct(restD, deflateTotal), len(list)-n)
			break
		}
		fmt.Fprintf(w, "%10d %5.1f%% %6d %10d %5.1f%%  %s\n", g.bytes, pct(g.bytes, codeTotal), g.funcs, g.deflate, pct(g.deflate, deflateTotal), g.name)
	}
	fmt.Fprintf(w, "%10d %6s %6d %10d %6s  total code\n", codeTotal, "", len(m.bodies), deflateTotal, "")

	if funcPrefix != "" {
		sort.Slice(fns, func(i, j int) bool { return fns[i].size > fns[j].size })
		fmt.Fprintf(w, "\nlargest functions in %s*:\n", funcPrefix)
		for i, f := range fns {
			if i == 40 {
				break
			}
			fmt.Fprintf(w, "%10d  %s\n", f.size, f.name)
		}
	}
}

func deflated(parts [][]byte) int {
	var c counter
	fw, _ := flate.NewWriter(&c, flate.BestCompression)
	for _, p := range parts {
		fw.Write(p)
	}
	fw.Close()
	return int(c)
}

type counter int

func (c *counter) Write(p []byte) (int, error) { *c += counter(len(p)); return len(p), nil }

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// reader decodes the wasm binary encoding; the first error sticks and later reads return zero.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) byte() byte {
	if r.err != nil || r.off >= len(r.b) {
		r.fail()
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *reader) uleb() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.off += n
	return v
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || r.off+n > len(r.b) {
		r.fail()
		return nil
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p
}

func (r *reader) name() string { return string(r.bytes(int(r.uleb()))) }

func (r *reader) limits() {
	if r.byte()&1 != 0 {
		r.uleb()
	}
	r.uleb()
}

// constExpr skips an initializer expression (i32.const N end, or global.get N end).
func (r *reader) constExpr() {
	for r.err == nil {
		switch op := r.byte(); op {
		case 0x0b: // end
			return
		case 0x41, 0x42, 0x23: // i32.const, i64.const (signed LEB, same skip), global.get
			r.uleb()
		default:
			r.err = fmt.Errorf("unexpected opcode 0x%x in constant expression", op)
		}
	}
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("truncated at offset %d", r.off)
	}
}
