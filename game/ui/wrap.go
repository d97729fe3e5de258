package ui

import "strings"

// Measure returns the width of a string in pixels in some font.
type Measure func(s string) float64

// Wrap breaks text into lines no wider than width, at spaces where it can
// and inside over-long words where it must. Newlines in the text are kept.
func Wrap(text string, width float64, measure Measure) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, w := range words {
			try := w
			if line != "" {
				try = line + " " + w
			}
			if measure(try) <= width {
				line = try
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			line = w
			for measure(line) > width && len([]rune(line)) > 1 {
				head, tail := splitToFit(line, width, measure)
				out = append(out, head)
				line = tail
			}
		}
		out = append(out, line)
	}
	return out
}

// splitToFit cuts a word into the longest head that fits and the rest (the
// head has at least one rune).
func splitToFit(word string, width float64, measure Measure) (string, string) {
	r := []rune(word)
	n := 1
	for n < len(r) && measure(string(r[:n+1])) <= width {
		n++
	}
	return string(r[:n]), string(r[n:])
}

// Ellipsize shortens text with "…" so that it fits width.
func Ellipsize(text string, width float64, measure Measure) string {
	if measure(text) <= width {
		return text
	}
	r := []rune(text)
	for n := len(r) - 1; n > 0; n-- {
		if s := strings.TrimRight(string(r[:n]), " ") + "…"; measure(s) <= width {
			return s
		}
	}
	return "…"
}
