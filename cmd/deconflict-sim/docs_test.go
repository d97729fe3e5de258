package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
	"github.com/deconflict/deconflict/sim/narrate"
	"github.com/deconflict/deconflict/sim/scenario"
)

var updateDocs = flag.Bool("update", false, "rewrite the generated tables of docs/cli.md")

// docsPath is docs/cli.md, from this package's directory.
const docsPath = "../../docs/cli.md"

// generated lists the tables of docs/cli.md that are built from the code,
// each between <!-- begin NAME --> and <!-- end NAME --> lines.
func generated() map[string]string {
	return map[string]string{
		"metrics":     metricsTable(),
		"event-kinds": kindsTable(),
		"lint-codes":  lintTable(),
	}
}

func lintTable() string {
	var b strings.Builder
	b.WriteString("| code | finds |\n|---|---|\n")
	for _, c := range scenario.Codes() {
		fmt.Fprintf(&b, "| `%s` | %s |\n", c[0], c[1])
	}
	return b.String()
}

func metricsTable() string {
	var b strings.Builder
	b.WriteString("| key | unit | decimals | meaning |\n|---|---|---|---|\n")
	for _, s := range sim.MetricSpecs() {
		fmt.Fprintf(&b, "| `%s` | %s | %d | %s |\n", s.Key, s.Unit, decimals(s.Scale), s.Doc)
	}
	return b.String()
}

func kindsTable() string {
	var b strings.Builder
	b.WriteString("| kind | records |\n|---|---|\n")
	for k := sim.LogKind(0); k < sim.NumLogKinds; k++ {
		fmt.Fprintf(&b, "| `%s` | %s |\n", k, narrate.KindDoc(k))
	}
	return b.String()
}

// TestDocsTablesCurrent fails when a generated table in docs/cli.md no
// longer matches the code. Regenerate with:
//
//	go test ./cmd/deconflict-sim -run Docs -update
func TestDocsTablesCurrent(t *testing.T) {
	doc, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	fresh := doc
	for name, table := range generated() {
		fresh, err = replaceSection(fresh, name, table)
		if err != nil {
			t.Fatal(err)
		}
	}
	if bytes.Equal(fresh, doc) {
		return
	}
	if *updateDocs {
		if err := os.WriteFile(docsPath, fresh, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("docs/cli.md is stale; run: go test ./cmd/deconflict-sim -run Docs -update")
}

// replaceSection puts body between the begin and end markers of a section.
func replaceSection(doc []byte, name, body string) ([]byte, error) {
	begin := []byte("<!-- begin " + name + " -->\n")
	end := []byte("<!-- end " + name + " -->")
	i := bytes.Index(doc, begin)
	j := bytes.Index(doc, end)
	if i < 0 || j < i {
		return nil, fmt.Errorf("docs/cli.md lacks the markers %q and %q", begin, end)
	}
	var out bytes.Buffer
	out.Write(doc[:i+len(begin)])
	out.WriteString(body)
	out.Write(doc[j:])
	return out.Bytes(), nil
}
