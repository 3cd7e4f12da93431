// Command bando is the server and the command-line tool of Bando:
//
//	bando serve    [--addr :8080] [--web DIR]        serve the app (the Wasm build in DIR)
//	bando static   [--out dist] [--web DIR]          write the app as a static site
//	bando compress FILE...                           write FILE.br and FILE.gz
//	bando calls                                      list the calls shipped with the app
//	bando lint     CALL.json...                      check call schemas
//	bando validate [--call ID|CALL.json] [--lang it|en] [--json] DRAFT.bando.json
//	bando finalise [--call ID] DRAFT.bando.json [-o FINALISED.bando.json]
//	bando pdf      [--call ID] [--draft] DRAFT.bando.json -o proposal.pdf
//	bando verify   [--call ID] --draft DRAFT.bando.json SIGNED.pdf.p7m|SIGNED.pdf
//	bando eml      (see bando eml -h)                the PEC message draft with attachments
//	bando bundle   [--screen S] [--coarsen] [--include-personal-data] DRAFT.bando.json > case.bando-support.json
//	bando replay   [--call ID|CALL.json] case.bando-support.json
//
// Exit codes: 0 all good, 1 invalid answers, schema or signatures, 2 usage or unreadable input,
// 130 interrupted (Ctrl-C or SIGTERM; serve then stops cleanly and exits 0). Everything printed
// escapes control characters (termsafe.go).
// The CLI uses the same schema and draft code as the browser, so it gives the same verdicts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	os.Exit(runMain(ctx, stop, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes besides 0, 1 and 2: exitInterrupted when a signal (Ctrl-C, SIGTERM) stopped the
// command, as shells report a process killed by SIGINT.
const exitInterrupted = 130

// Once a signal has come, a command has interruptGrace to stop by itself (its long loops watch
// the context) before the process ends anyway: a read from a pipe that never ends, or a single
// long computation, must not keep an operator waiting. serve gets serveGrace, a little more
// than the time it gives open requests to finish.
const (
	interruptGrace = 1 * time.Second
	serveGrace     = serveDrain + time.Second
)

// runMain runs the command and returns the process exit code. stop restores the default
// handling of the signals: after the first one, a second one ends the process at once.
func runMain(ctx context.Context, stop context.CancelFunc, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, stdin, stdout, stderr) }()
	var err error
	interrupted := false
	select {
	case err = <-done:
		interrupted = ctx.Err() != nil
		stop()
	case <-ctx.Done():
		interrupted = true
		stop()
		grace := interruptGrace
		if len(args) > 0 && args[0] == "serve" {
			grace = serveGrace
		}
		select {
		case err = <-done:
		case <-time.After(grace):
			err = ctx.Err()
		}
	}
	// A command that finished (serve stops on a signal by design) exits as usual; one that
	// failed or was cut short after a signal was interrupted.
	if interrupted && err != nil {
		tprintf(stderr, "bando: interrotto (%s)\n", context.Cause(ctx))
		return exitInterrupted
	}
	return exitCode(err, stderr)
}

// exitError carries the process exit code with the message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr: a bad command line (exit 2). invalidErr: input that was read but is not valid (exit 1).
func usageErr(format string, args ...any) error {
	for _, a := range args {
		if err, ok := a.(error); ok && errors.Is(err, flag.ErrHelp) {
			// -h or --help: the command printed its usage; asking for it is no error
			return errHelp
		}
	}
	return &exitError{2, fmt.Errorf(format, args...)}
}

// errHelp ends a command whose usage was asked for (-h, --help): exit 0, nothing more to say.
var errHelp = &exitError{0, errors.New("")}

func unreadable(err error) error { return &exitError{2, err} }

// errInvalid is returned after the problems were already printed.
var errInvalid = &exitError{1, errors.New("")}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	code := 2
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	// A message may hold several lines (a list of problems): each is escaped on its own.
	if msg := err.Error(); msg != "" {
		for i, line := range strings.Split(msg, "\n") {
			if i == 0 {
				tprintln(stderr, "bando:", line)
			} else {
				tprintln(stderr, line)
			}
		}
	}
	return code
}

type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

// commands is the CLI's table; each command lives in its own file.
var commands = map[string]command{
	"serve":    {"serve the app on http://localhost:8080", runServe},
	"lint":     {"check call schemas and point at each problem", runLint},
	"validate": {"check a draft against its call", runValidate},
	"calls":    {"list the calls shipped with the app", runCalls},
	"bundle":   {"make a support bundle (.bando-support.json) of a draft", runBundle},
	"replay":   {"judge a support bundle again and show what changed", runReplay},
	"compress": {"write .br and .gz beside files (the wasm) for serving", runCompress},
	"static":   {"write the app as a static site for any web host", runStatic},
	"pdf":      {"make the proposal PDF/A to sign from a draft (--draft: a draft PDF to circulate)", runPDF},
	"finalise": {"finalise a complete draft, as the browser does before the PDF to sign", runFinalise},
	"verify":   {"check a signed proposal (.p7m or PDF) against its draft", runVerify},
	"eml":      {"make the PEC message (.eml draft) with the signed proposal", runEML},
	"partner":  {"export a member's partner sheet, or merge returned sheets into the draft", runPartner},
	"history":  {"list a draft's history (merges, migrations, restores) or restore a version", runHistory},
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version") {
		tprintf(stdout, "bando %s\n", version)
		return nil
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stdout)
		if len(args) == 0 {
			return usageErr("manca il comando")
		}
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		printUsage(stderr)
		return usageErr("comando sconosciuto %q", args[0])
	}
	return cmd.run(ctx, args[1:], stdin, stdout, stderr)
}

func printUsage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	tprintf(w, "uso: bando COMANDO [opzioni]\n\ncomandi:\n")
	for _, n := range names {
		tprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	tprintf(w, "\n'bando COMANDO -h' mostra le opzioni di un comando; 'bando --version' la versione.\n")
	tprintln(w, "Codici di uscita: 0 tutto bene, 1 risposte o schema non validi, 2 uso errato o file illeggibile.")
}
