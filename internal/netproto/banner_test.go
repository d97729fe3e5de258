package netproto

import (
	"bufio"
	"maps"
	"strings"
	"testing"
)

// TestReadBanner: the seat lines and the listening line serve prints give
// the codes by role and the address, and the scanner goes on after them; an
// output that ends before the listening line gives no address.
func TestReadBanner(t *testing.T) {
	sc := bufio.NewScanner(strings.NewReader("seat usa K7F2-MX9Q\nseat iran 3PQR-8ZTW\nlistening 127.0.0.1:8640\nusa seat from 127.0.0.1:5500\n"))
	addr, codes := ReadBanner(sc)
	if want := map[string]string{"usa": "K7F2-MX9Q", "iran": "3PQR-8ZTW"}; addr != "127.0.0.1:8640" || !maps.Equal(codes, want) {
		t.Fatalf("addr %q, codes %v; want 127.0.0.1:8640, %v", addr, codes, want)
	}
	if !sc.Scan() || sc.Text() != "usa seat from 127.0.0.1:5500" {
		t.Fatalf("after the banner the scanner reads %q", sc.Text())
	}
	if addr, _ := ReadBanner(bufio.NewScanner(strings.NewReader("seat usa K7F2-MX9Q\n"))); addr != "" {
		t.Fatalf("an output without its listening line gave address %q", addr)
	}
}
