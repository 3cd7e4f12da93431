package ui

// The catalogue of calls a server publishes beside the shipped ones (bando serve --calls,
// server/catalogue.go): /calls/index.json lists every call with its version and hash, and
// /calls/ID.json is each call file.
const (
	// EnvCatalogue is the app environment variable (app.Getenv) holding the hash of the
	// index when the server publishes calls of its own; empty, the app has only the shipped
	// calls and asks for nothing.
	EnvCatalogue = "BANDO_CATALOGUE"
	// CatalogueIndex is where the list of calls is served.
	CatalogueIndex = "/calls/index.json"
	// CatalogueDir is the folder of the call files.
	CatalogueDir = "/calls/"
)
