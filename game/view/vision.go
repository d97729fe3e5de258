package view

import (
	"image/color"
	"math"
)

// Vision is a kind of colour vision the palettes are checked against.
type Vision uint8

// The kinds of colour vision: normal, and the two red–green dichromacies
// (about 1 man in 50 has one of them).
const (
	Normal Vision = iota
	Deuteranopia
	Protanopia
	NumVisions
)

// machado holds the dichromacy matrices of Machado, Oliveira and Fernandes
// (2009), severity 1.0, which act on linear RGB.
var machado = [NumVisions][3][3]float64{
	Normal:       {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	Deuteranopia: {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	Protanopia:   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
}

// Simulate returns how a colour looks, in linear RGB (0 to 1), to someone
// with the given vision.
func Simulate(c color.RGBA, v Vision) [3]float64 {
	l := [3]float64{linear(c.R), linear(c.G), linear(c.B)}
	var out [3]float64
	for i := range out {
		m := machado[v][i]
		out[i] = min(1, max(0, m[0]*l[0]+m[1]*l[1]+m[2]*l[2]))
	}
	return out
}

// Distance is the CIE76 colour difference (ΔE*ab) between two colours as
// someone with the given vision sees them; about 2 is just noticeable, and
// 20 or more tells two map markers apart at a glance.
func Distance(a, b color.RGBA, v Vision) float64 {
	la, lb := lab(Simulate(a, v)), lab(Simulate(b, v))
	return math.Sqrt((la[0]-lb[0])*(la[0]-lb[0]) + (la[1]-lb[1])*(la[1]-lb[1]) + (la[2]-lb[2])*(la[2]-lb[2]))
}

// linear undoes the sRGB transfer curve.
func linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// lab converts linear sRGB to CIE L*a*b* (D65 white).
func lab(rgb [3]float64) [3]float64 {
	r, g, b := rgb[0], rgb[1], rgb[2]
	x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
	y := 0.2126*r + 0.7152*g + 0.0722*b
	z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
	f := func(t float64) float64 {
		if t > 0.008856 {
			return math.Cbrt(t)
		}
		return 7.787*t + 16.0/116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}
