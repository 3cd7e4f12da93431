package schema

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
)

// The calls shipped with the app, embedded so the browser has them offline.
//
//go:embed calls/*.json
var shipped embed.FS

// DefaultCallID is the call the app opens when none is chosen.
const DefaultCallID = "toscana-fami-2024"

// replacedCalls are call texts that take the place of the embedded call with the same id. Only
// the bando_v1_fixture build (calls_fixture.go) fills it: the browser test of an app update
// that changes the call version runs first an app.wasm whose FAMI call is still version 1.
var replacedCalls [][]byte

// shippedCall is one embedded call. It is loaded (parsed and linted) the first time it is
// asked for: a page needs one call, and loading every shipped call at start-up cost a first
// visit ~200 ms in a loaded browser before the form took input.
type shippedCall struct {
	text []byte
	load func() (*Call, error)
}

// shippedIndex lists the embedded calls by id (a file's name is its call's id), and the
// replacements of the fixture builds, which are loaded at once to learn their ids.
var shippedIndex = sync.OnceValues(func() (map[string]*shippedCall, error) {
	entries, err := shipped.ReadDir("calls")
	if err != nil {
		return nil, err
	}
	index := map[string]*shippedCall{}
	for _, e := range entries {
		name := e.Name()
		data, err := shipped.ReadFile(path.Join("calls", name))
		if err != nil {
			return nil, err
		}
		id := strings.TrimSuffix(name, ".json")
		index[id] = &shippedCall{text: data, load: sync.OnceValues(func() (*Call, error) {
			c, err := Load(data)
			if err != nil {
				// A broken shipped call is a build defect; TestShippedCallsLoad catches it first.
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if c.ID != id {
				return nil, fmt.Errorf("%s: the call's id is %q, not the file's name", name, c.ID)
			}
			return c, nil
		})}
	}
	for i, data := range replacedCalls {
		c, err := Load(data)
		if err != nil {
			return nil, fmt.Errorf("replacement call %d: %w", i, err)
		}
		index[c.ID] = &shippedCall{text: data, load: func() (*Call, error) { return c, nil }}
	}
	return index, nil
})

// Shipped returns the embedded call with the given id.
func Shipped(id string) (*Call, error) {
	index, err := shippedIndex()
	if err != nil {
		return nil, err
	}
	sc, ok := index[id]
	if !ok {
		return nil, fmt.Errorf("bando %q sconosciuto; quelli disponibili sono: %s", id, strings.Join(ShippedIDs(), ", "))
	}
	return sc.load()
}

// ShippedIDs lists the ids of the embedded calls, sorted.
func ShippedIDs() []string {
	index, _ := shippedIndex()
	ids := make([]string, 0, len(index))
	for id := range index {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ShippedSource returns the JSON text of an embedded call, as published.
func ShippedSource(id string) ([]byte, error) {
	if index, err := shippedIndex(); err == nil {
		if sc, ok := index[id]; ok {
			return sc.text, nil
		}
	}
	return shipped.ReadFile(path.Join("calls", id+".json"))
}
