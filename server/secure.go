package main

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy allows only the app's own origin. 'wasm-unsafe-eval' is what
// WebAssembly.instantiate needs, and no more; go-app sets style attributes from Go, hence
// 'unsafe-inline' for styles only (no inline script anywhere).
const contentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
	"worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; " +
	"frame-ancestors 'none'; form-action 'none'"

// secure wraps the app with the headers every response carries and refuses what a static
// app never needs: methods other than GET and HEAD, request bodies, very long URLs. Answers
// never leave the browser, so the server has nothing to receive.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "metodo non consentito", http.StatusMethodNotAllowed)
			return
		case r.ContentLength > 0 || len(r.TransferEncoding) > 0:
			http.Error(w, "richiesta con corpo non consentita", http.StatusRequestEntityTooLarge)
			return
		case len(r.URL.RawQuery)+len(r.URL.Path) > 2048 || strings.Contains(r.URL.Path, ".."):
			http.Error(w, "indirizzo non valido", http.StatusBadRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}
