package sim_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/deconflict/deconflict/sim"
)

// TestModelDocNamesEveryConstant: docs/model.md states the rules with the
// names the code gives their constants, so each tunable parameter and each
// fixed constant of sim/constants.go must appear there, in backquotes.
func TestModelDocNamesEveryConstant(t *testing.T) {
	doc, err := os.ReadFile("../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, s := range sim.ParamSpecs() {
		if !strings.Contains(text, "`"+s.Key+"`") {
			t.Errorf("docs/model.md never names the parameter `%s`", s.Key)
		}
	}
	f, err := parser.ParseFile(token.NewFileSet(), "constants.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			for _, name := range spec.(*ast.ValueSpec).Names {
				n++
				if !strings.Contains(text, "`"+name.Name+"`") {
					t.Errorf("docs/model.md never names the constant `%s` of sim/constants.go", name.Name)
				}
			}
		}
	}
	if n < 20 {
		t.Fatalf("found only %d constants in sim/constants.go", n)
	}
}
