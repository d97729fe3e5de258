package netproto

import (
	"bufio"
	"strings"
)

// deconflict-sim serve prints a banner on its standard output before it
// takes connections: a line "seat ROLE CODE" per seat, then
// "listening ADDR". Scripts and tests read the codes and the address off it.
const (
	BannerSeat      = "seat"
	BannerListening = "listening"
)

// ReadBanner reads serve's banner from sc up to its listening line and
// returns the address and each seat's code by role. addr is empty when the
// output ended first (sc.Err says why, if it failed). sc can be read on
// past the banner.
func ReadBanner(sc *bufio.Scanner) (addr string, codes map[string]string) {
	codes = map[string]string{}
	for addr == "" && sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 3 && f[0] == BannerSeat:
			codes[f[1]] = f[2]
		case len(f) == 2 && f[0] == BannerListening:
			addr = f[1]
		}
	}
	return addr, codes
}
