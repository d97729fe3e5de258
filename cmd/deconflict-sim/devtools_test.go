package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// browser is a headless Chromium driven over the DevTools protocol: one
// page, which the test opens at addresses and runs scripts in.
type browser struct {
	t       *testing.T
	ctx     context.Context
	conn    *websocket.Conn
	session string // the page's DevTools session
	next    int64
}

// startBrowser starts Chromium with a fresh profile and a 1280×800 page;
// the test's cleanup closes it.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("Chromium is needed (apt-get install chromium): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	profile := t.TempDir()
	cmd := exec.CommandContext(ctx, chromium, "--headless=new", "--no-sandbox", "--use-gl=swiftshader", "--enable-unsafe-swiftshader",
		"--disable-background-networking", "--no-first-run", "--user-data-dir="+profile,
		"--remote-debugging-port=0", "about:blank")
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cancel() // kills the browser if it is still there
		<-exited
	})
	// Chromium writes the port and the browser's endpoint to DevToolsActivePort
	var endpoint string
	for deadline := time.Now().Add(30 * time.Second); endpoint == ""; time.Sleep(100 * time.Millisecond) {
		data, err := os.ReadFile(filepath.Join(profile, "DevToolsActivePort"))
		if lines := strings.Fields(string(data)); err == nil && len(lines) == 2 {
			endpoint = "ws://127.0.0.1:" + lines[0] + lines[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("Chromium opened no DevTools port:\n%s", out.String())
		}
	}
	conn, _, err := websocket.Dial(ctx, endpoint, nil)
	if err != nil {
		t.Fatalf("connect to Chromium's DevTools: %v", err)
	}
	conn.SetReadLimit(256 << 20) // screenshots and stored saves
	b := &browser{t: t, ctx: ctx, conn: conn}
	var target struct {
		TargetID string `json:"targetId"`
	}
	b.call("Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	b.call("Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	b.session = attached.SessionID
	b.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false}, nil)
	t.Cleanup(func() {
		b.session = ""
		b.send("Browser.close", nil)
		conn.CloseNow()
	})
	return b
}

// send sends a command and returns its id.
func (b *browser) send(method string, params any) int64 {
	b.next++
	msg := map[string]any{"id": b.next, "method": method, "params": params}
	if params == nil {
		msg["params"] = map[string]any{}
	}
	if b.session != "" {
		msg["sessionId"] = b.session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.conn.Write(b.ctx, websocket.MessageText, data); err != nil {
		b.t.Fatalf("DevTools %s: %v", method, err)
	}
	return b.next
}

// call runs a DevTools command and decodes its result into result (if not
// nil), skipping the events that come before the answer.
func (b *browser) call(method string, params, result any) {
	b.t.Helper()
	id := b.send(method, params)
	for {
		_, data, err := b.conn.Read(b.ctx)
		if err != nil {
			b.t.Fatalf("DevTools %s: %v", method, err)
		}
		var msg struct {
			ID     int64           `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal(data, &msg); err != nil {
			b.t.Fatalf("DevTools %s: %v", method, err)
		}
		if msg.ID != id {
			continue // an event
		}
		if msg.Error != nil {
			b.t.Fatalf("DevTools %s: %s", method, msg.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(msg.Result, result); err != nil {
				b.t.Fatalf("DevTools %s: %v", method, err)
			}
		}
		return
	}
}

// navigate opens url in the page.
func (b *browser) navigate(url string) {
	b.t.Helper()
	var res struct {
		ErrorText string `json:"errorText"`
	}
	b.call("Page.navigate", map[string]any{"url": url}, &res)
	if res.ErrorText != "" {
		b.t.Fatalf("open %s: %s", url, res.ErrorText)
	}
}

// eval runs a script in the page and decodes its value (JSON) into v.
func (b *browser) eval(script string, v any) {
	b.t.Helper()
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	b.call("Runtime.evaluate", map[string]any{"expression": script, "returnByValue": true}, &res)
	if res.Exception != nil {
		b.t.Fatalf("the page's script %q: %s", script, res.Exception.Text)
	}
	if err := json.Unmarshal(res.Result.Value, v); err != nil {
		b.t.Fatalf("the page's script %q gave %s: %v", script, res.Result.Value, err)
	}
}
