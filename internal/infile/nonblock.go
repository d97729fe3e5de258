//go:build !js

package infile

import "syscall"

// openNonblock is the open flag that keeps opening a FIFO without a writer
// from waiting for one.
const openNonblock = syscall.O_NONBLOCK
