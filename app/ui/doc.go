// Package ui is what the applicant sees: go-app components that render any call schema as a
// guided form. The folder is app/ui and the package is named ui so that it never clashes
// with go-app's own package `app`.
//
// The components render what package schema says and ask it every verdict; nothing here knows
// about a particular call. The route table (Routes) is shared by the Wasm main and the server,
// because go-app's handler answers 404 for any route it was not told about.
package ui
