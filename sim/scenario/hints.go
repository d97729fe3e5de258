package scenario

import (
	"fmt"
	"strings"

	"github.com/deconflict/deconflict/sim/ai"
)

// wordMatch finds the one candidate that holds s as a whole hyphenated word,
// such as "palmyra-airport" for "palmyra", which edit distance misses.
func wordMatch(s string, candidates []string) (string, bool) {
	if s == "" {
		return "", false
	}
	found := ""
	for _, c := range candidates {
		if c != s && strings.Contains("-"+c+"-", "-"+s+"-") {
			if found != "" {
				return "", false // ambiguous
			}
			found = c
		}
	}
	return found, found != ""
}

// policyParamOwner names the policies that take a parameter key, such as
// "israel's opportunist policy", or "" when none does.
func policyParamOwner(key string) string {
	var owners []string
	for _, spec := range ai.Specs() {
		for _, p := range spec.Params {
			if p.Key == key {
				owners = append(owners, fmt.Sprintf("%s's %s policy", spec.Actor, spec.Name))
			}
		}
	}
	return strings.Join(owners, " and ")
}
