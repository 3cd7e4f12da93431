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

var (
	shippedOnce  sync.Once
	shippedText  map[string][]byte
	shippedCalls map[string]*Call
	shippedErr   error
)

// Shipped returns the embedded call with the given id.
func Shipped(id string) (*Call, error) {
	shippedOnce.Do(loadShipped)
	if shippedErr != nil {
		return nil, shippedErr
	}
	c, ok := shippedCalls[id]
	if !ok {
		return nil, fmt.Errorf("bando %q sconosciuto; quelli disponibili sono: %s", id, strings.Join(ShippedIDs(), ", "))
	}
	return c, nil
}

// ShippedIDs lists the ids of the embedded calls, sorted.
func ShippedIDs() []string {
	shippedOnce.Do(loadShipped)
	ids := make([]string, 0, len(shippedCalls))
	for id := range shippedCalls {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// ShippedSource returns the JSON text of an embedded call, as published.
func ShippedSource(id string) ([]byte, error) {
	shippedOnce.Do(loadShipped)
	if text, ok := shippedText[id]; ok {
		return text, nil
	}
	return shipped.ReadFile(path.Join("calls", id+".json"))
}

func loadShipped() {
	shippedCalls = map[string]*Call{}
	entries, err := shipped.ReadDir("calls")
	if err != nil {
		shippedErr = err
		return
	}
	for _, e := range entries {
		data, err := shipped.ReadFile(path.Join("calls", e.Name()))
		if err != nil {
			shippedErr = err
			return
		}
		c, err := Load(data)
		if err != nil {
			// A broken shipped call is a build defect; TestShippedCallsLoad catches it first.
			shippedErr = fmt.Errorf("%s: %w", e.Name(), err)
			return
		}
		shippedCalls[c.ID] = c
	}
	shippedText = map[string][]byte{}
	for i, data := range replacedCalls {
		c, err := Load(data)
		if err != nil {
			shippedErr = fmt.Errorf("replacement call %d: %w", i, err)
			return
		}
		shippedCalls[c.ID], shippedText[c.ID] = c, data
	}
}
