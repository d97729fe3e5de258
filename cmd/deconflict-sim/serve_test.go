package main

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as deconflict-sim, so servers can be started as
// processes and killed with SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("DECONFLICT_SIM_AS_MAIN") == "1" {
		os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// process is deconflict-sim running as a child process.
type process struct {
	cmd    *exec.Cmd
	lines  chan string // stdout, line by line
	stderr *lockedBuffer
	exited chan struct{}
}

// lockedBuffer collects a child's stderr while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func start(t *testing.T, args ...string) *process {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DECONFLICT_SIM_AS_MAIN=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, lines: make(chan string, 1000), stderr: &lockedBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	go func() { cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-p.exited })
	return p
}

func (p *process) line(t *testing.T) string {
	t.Helper()
	select {
	case l, ok := <-p.lines:
		if !ok {
			t.Fatalf("%v ended early; stderr:\n%s", p.cmd.Args, p.stderr)
		}
		return l
	case <-time.After(30 * time.Second):
		t.Fatalf("%v printed nothing for 30 s", p.cmd.Args)
	}
	return ""
}

// rest returns the remaining lines once the process has exited.
func (p *process) rest(t *testing.T) []string {
	t.Helper()
	var out []string
	timeout := time.After(90 * time.Second)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				<-p.exited
				return out
			}
			out = append(out, l)
		case <-timeout:
			t.Fatalf("%v did not end; stderr:\n%s", p.cmd.Args, p.stderr)
		}
	}
}

// freePort returns a loopback address nothing listens on now.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// seatsOf reads serve's seat lines and its listening line.
func seatsOf(t *testing.T, p *process, n int) map[string]string {
	t.Helper()
	codes := map[string]string{}
	for range n {
		f := strings.Fields(p.line(t))
		if len(f) != 3 || f[0] != "seat" {
			t.Fatalf("want a seat line, got %q", f)
		}
		codes[f[1]] = f[2]
	}
	if l := p.line(t); !strings.HasPrefix(l, "listening ") {
		t.Fatalf("want the listening line, got %q", l)
	}
	return codes
}

func runHash(t *testing.T, args ...string) string {
	t.Helper()
	out, _ := mustCall(t, exitOK, append([]string{"run", "--json"}, args...)...)
	var r struct {
		FinalHash string `json:"final_hash"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return r.FinalHash
}

func TestServeJoinMatchesRunAndRefusesAWrongCode(t *testing.T) {
	want := runHash(t, "--scenario", "tanf-2021", "--seed", "9")
	addr := freePort(t)
	srv := start(t, "serve", "--scenario", "tanf-2021", "--seed", "9", "--seats", "usa,israel,iran",
		"--addr", addr, "--dir", filepath.Join(t.TempDir(), "game"), "--json")
	codes := seatsOf(t, srv, 3)
	code, _, errOut := call("join", addr, "--code", "not-a-seat-code-at-all")
	if code != exitFail || !strings.Contains(errOut, "wrong seat code") {
		t.Errorf("join with a wrong code: exit %d, %q", code, errOut)
	}
	var joins []*process
	for _, role := range []string{"usa", "israel", "iran"} {
		joins = append(joins, start(t, "join", addr, "--code", codes[role]))
	}
	for _, j := range joins {
		if got := j.rest(t); len(got) != 1 || got[0] != "over: completed, final hash "+want {
			t.Errorf("join printed %q, want the final hash %s", got, want)
		}
	}
	out := srv.rest(t)
	// The last line is the run --json object, field for field what run
	// prints for the same scenario and seed.
	var last, local map[string]any
	if len(out) == 0 || json.Unmarshal([]byte(out[len(out)-1]), &last) != nil {
		t.Fatalf("serve --json's last line: %q; want the run --json object", out)
	}
	runOut, _ := mustCall(t, exitOK, "run", "--json", "--scenario", "tanf-2021", "--seed", "9")
	if err := json.Unmarshal([]byte(runOut), &local); err != nil {
		t.Fatal(err)
	}
	for k, v := range local {
		if fmt.Sprint(last[k]) != fmt.Sprint(v) {
			t.Errorf("serve --json %s = %v, run --json has %v", k, last[k], v)
		}
	}
	if srv.cmd.ProcessState.ExitCode() != 0 {
		t.Errorf("serve exited %d", srv.cmd.ProcessState.ExitCode())
	}
	if !strings.Contains(srv.stderr.String(), "traffic is not encrypted") {
		t.Errorf("serve did not say the traffic is not encrypted:\n%s", srv.stderr)
	}
}

func TestServeResumesAfterKill9(t *testing.T) {
	want := runHash(t, "--scenario", "shadow-war", "--seed", "4")
	addr := freePort(t)
	dir := filepath.Join(t.TempDir(), "game")
	srv := start(t, "serve", "--scenario", "shadow-war", "--seed", "4", "--seats", "usa,israel,iran", "--addr", addr, "--dir", dir)
	codes := seatsOf(t, srv, 3)
	var joins []*process
	for _, role := range []string{"usa", "israel", "iran"} {
		joins = append(joins, start(t, "join", addr, "--code", codes[role]))
	}
	journal := filepath.Join(dir, "journal.jsonl")
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if st, err := os.Stat(journal); err == nil && st.Size() > 20_000 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the game did not get going; stderr:\n%s", srv.stderr)
		}
	}
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-srv.exited
	// Only the directory and the address: the seats, codes and game are the
	// directory's.
	again := start(t, "serve", "--dir", dir, "--addr", addr)
	if resumed := seatsOf(t, again, 3); len(resumed) != 3 || resumed["usa"] != codes["usa"] || resumed["iran"] != codes["iran"] || resumed["israel"] != codes["israel"] {
		t.Fatalf("resumed with seats %v, want %v", resumed, codes)
	}
	for _, j := range joins {
		if got := j.rest(t); len(got) != 1 || got[0] != "over: completed, final hash "+want {
			t.Errorf("join printed %q, want the final hash %s; its stderr:\n%s", got, want, j.stderr)
		}
	}
	out := again.rest(t)
	if !strings.Contains(strings.Join(out, "\n"), "final hash  "+want) {
		t.Errorf("the resumed server printed:\n%s\nwant final hash %s", strings.Join(out, "\n"), want)
	}
	// The finished game's replay checks out.
	if out, _ := mustCall(t, exitOK, "replay", filepath.Join(dir, "replay.jsonl")); !strings.Contains(out, want) {
		t.Errorf("replay of the served game: %s", out)
	}
}

// TestNetworkDocsListEveryFlag keeps docs/network.md in step with the flags
// of serve and join.
func TestNetworkDocsListEveryFlag(t *testing.T) {
	doc := string(mustRead(t, "../../docs/network.md"))
	for _, cmd := range []string{"serve", "join"} {
		usage, _ := mustCall(t, exitOK, cmd, "-h")
		for _, line := range strings.Split(usage, "\n") {
			if !strings.HasPrefix(line, "  --") {
				continue
			}
			if flag := strings.Fields(line)[0]; !strings.Contains(doc, "`"+flag) {
				t.Errorf("docs/network.md does not document %s %s", cmd, flag)
			}
		}
	}
}

// TestServeTLS: with --cert and --key the server speaks only TLS, serves the
// browser client over https, and does not warn about plain traffic.
func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)

	addr := freePort(t)
	srv := start(t, "serve", "--scenario", "tanf-2021", "--seats", "usa", "--addr", addr,
		"--dir", filepath.Join(dir, "game"), "--cert", certFile, "--key", keyFile)
	seatsOf(t, srv, 1)
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	resp, err := client.Get("https://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<title>Deconflict") {
		t.Errorf("https GET /: %d %.200s", resp.StatusCode, body)
	}
	if resp, err := (&http.Client{Timeout: 10 * time.Second}).Get("http://" + addr + "/"); err == nil && resp.StatusCode == http.StatusOK {
		t.Errorf("plain http was served alongside TLS")
	}
	if strings.Contains(srv.stderr.String(), "not encrypted") {
		t.Errorf("serve with TLS warned about plain traffic:\n%s", srv.stderr)
	}
}
