//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main outside the browser: the jobs are tested natively, but the program only runs in a
// Web Worker.
func main() {
	fmt.Fprintln(os.Stderr, "worker: build it with GOOS=js GOARCH=wasm (make wasm) and run it in the browser")
	os.Exit(2)
}
