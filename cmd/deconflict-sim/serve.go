package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/netplay"
	"github.com/deconflict/deconflict/internal/netproto"
	"github.com/deconflict/deconflict/sim/scenario"
)

// serveFlags are the settings of a served game.
type serveFlags struct {
	scenario string
	seed     seedFlag
	sets     setFlags
	seats    string
	addr     string
	dir      string
	web      string
	json     bool
	timeout  time.Duration
	cert     string
	key      string
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name: "serve",
		about: "Serve one game to several players over WebSockets. Prints 'seat ROLE CODE' for each seat,\n" +
			"then 'listening ADDR'; the game starts when every seat has joined, and actors without a seat\n" +
			"are played by the scenario's AI. The game is written to --dir as it goes: serving the same\n" +
			"--dir again resumes it with the same codes. See docs/network.md.",
	}
	fs := cmd.flags()
	f := serveFlags{scenario: "shadow-war", seed: 1, addr: "127.0.0.1:7420"}
	fs.StringVar(&f.scenario, "scenario", f.scenario, "embedded scenario `ID` or path to a scenario FILE")
	fs.Var(&f.seed, "seed", "random seed `N`, an integer in [0, 2^53)")
	fs.Var(&f.sets, "set", "override a scenario value (`KEY=VALUE`, repeatable)")
	fs.StringVar(&f.seats, "seats", "", "the seats, such as usa,israel,iran,umpire (`ROLES`, comma-separated)")
	fs.StringVar(&f.addr, "addr", f.addr, "listen on `HOST:PORT`")
	fs.StringVar(&f.dir, "dir", "", "write the game to `DIR`, or resume the game it holds")
	fs.StringVar(&f.web, "web", "", "serve the browser client from `DIR` instead of the built-in one")
	fs.BoolVar(&f.json, "json", false, "when the game ends, print the run --json object as the last line")
	fs.DurationVar(&f.timeout, "turn-timeout", 0, "a seat that has not answered after `DURATION` gets its AI's answer (0: wait)")
	fs.StringVar(&f.cert, "cert", "", "serve TLS with this certificate `FILE` (with --key)")
	fs.StringVar(&f.key, "key", "", "the TLS private key `FILE`")
	if code, ok := cmd.parse(fs, args, stdout, stderr); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return cmd.usageError(stderr, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case f.dir == "":
		return cmd.usageError(stderr, fs, "--dir is required: the game is written there")
	case (f.cert == "") != (f.key == ""):
		return cmd.usageError(stderr, fs, "--cert and --key go together")
	case f.timeout < 0:
		return cmd.usageError(stderr, fs, "--turn-timeout must not be negative")
	case !netplay.Exists(f.dir) && f.seats == "":
		return cmd.usageError(stderr, fs, "--seats is required for a new game")
	}
	if err := serve(&f, stdout, stderr); err != nil {
		var problems scenario.ErrorList
		if errors.As(err, &problems) {
			printProblems(stderr, problems)
		} else {
			fmt.Fprintf(stderr, "deconflict-sim serve: %v\n", err)
		}
		return exitFail
	}
	return exitOK
}

func serve(f *serveFlags, stdout, stderr io.Writer) error {
	logger := log.New(stderr, "serve: ", log.LstdFlags)
	var setup *netplay.Setup
	if netplay.Exists(f.dir) {
		fmt.Fprintf(stderr, "serve: resuming the game in %s (its scenario, seed, overrides and seats)\n", f.dir)
	} else {
		sc, err := loadScenario(f.scenario, f.sets.overrides())
		if err != nil {
			return err
		}
		if setup, err = netplay.NewSetup(sc, uint64(f.seed), f.sets, strings.Split(f.seats, ","), f.timeout); err != nil {
			return err
		}
	}
	g, err := netplay.Open(f.dir, setup, logger)
	if err != nil {
		return err
	}
	setup = g.Setup()
	if f.timeout > 0 {
		g.SetTurnTimeout(f.timeout)
	}
	for _, s := range setup.Seats {
		fmt.Fprintf(stdout, "%s %s %s\n", netproto.BannerSeat, s.Role, s.Code)
	}
	web := netplay.WebFS()
	if f.web != "" {
		web = os.DirFS(f.web)
		if _, err := fs.Stat(web, "index.html"); err != nil {
			return fmt.Errorf("--web %s: no index.html there", f.web)
		}
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: g.Handler(web), ReadHeaderTimeout: 10 * time.Second, ErrorLog: logger}
	fmt.Fprintf(stdout, "%s %s\n", netproto.BannerListening, ln.Addr())
	go func() {
		var err error
		if f.cert != "" {
			err = srv.ServeTLS(ln, f.cert, f.key)
		} else {
			fmt.Fprintln(stderr, "serve: traffic is not encrypted (give --cert and --key for TLS)")
			err = srv.Serve(ln)
		}
		if !errors.Is(err, http.ErrServerClosed) {
			logger.Printf("http: %v", err)
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := g.Run(ctx)
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		srv.Shutdown(sctx)
		cancel()
	}()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("stopped; serve --dir %s resumes the game", f.dir)
		}
		return err
	}
	time.Sleep(200 * time.Millisecond) // let the last messages reach the players
	rf := &runFlags{sets: setup.Overrides, json: f.json}
	if f.json {
		return encodeRunJSON(stdout, g.Scenario(), rf, &res, "")
	}
	return writeSummary(stdout, g.Scenario(), rf, &res)
}
