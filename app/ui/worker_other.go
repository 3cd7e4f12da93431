//go:build !(js && wasm)

package ui

import (
	"bando/app/job"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Outside the browser (tests, server-side rendering) there is no Web Worker: jobs fail with
// the message the page shows when the worker cannot start.

func startWorker() {}

func runJob(ctx app.Context, req job.Request, blobs []app.Value, progress func(job.Progress), done func(jobResult)) {
	done(jobFailure("no Web Worker outside the browser"))
}

func cacheWorkerWasm(version string) {}
