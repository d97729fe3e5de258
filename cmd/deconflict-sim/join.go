package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/deconflict/deconflict/cmd/deconflict-sim/internal/netplay"
)

func cmdJoin(args []string, stdout, stderr io.Writer) int {
	cmd := subcommand{
		name:     "join",
		synopsis: "ADDR",
		about: "Play one seat of a served game with an AI policy. With no --policy it answers with the\n" +
			"scenario's policy for the seat, exactly as a local run does. It reconnects for up to 60 s\n" +
			"when the connection drops, and prints how the game ended.",
	}
	fs := cmd.flags()
	var code, policy string
	var seed seedFlag
	fs.StringVar(&code, "code", "", "the seat's `CODE`, as serve printed it")
	fs.StringVar(&policy, "policy", "", "play this AI policy `NAME` here instead of the scenario's")
	fs.Var(&seed, "seed", "seed `N` for a --policy played here")
	code1, ok := cmd.parse(fs, args, stdout, stderr)
	if !ok {
		return code1
	}
	if fs.NArg() == 0 {
		return cmd.usageError(stderr, fs, "the server's ADDR is required")
	}
	addr := fs.Arg(0)
	if code1, ok := cmd.parse(fs, fs.Args()[1:], stdout, stderr); !ok {
		return code1
	}
	switch {
	case fs.NArg() > 0:
		return cmd.usageError(stderr, fs, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case code == "":
		return cmd.usageError(stderr, fs, "--code is required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	over, err := netplay.Join(ctx, netplay.JoinOptions{Addr: addr, Code: code, Policy: policy, Seed: uint64(seed),
		Retry: 60 * time.Second, Log: log.New(stderr, "join: ", log.LstdFlags)})
	if err != nil {
		fmt.Fprintf(stderr, "deconflict-sim join: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "over: %s, final hash %s\n", over.Outcome, over.FinalHash)
	return exitOK
}
