package infile

// openNonblock is zero in the browser: it has no FIFOs to wait on and its
// syscall package has no such flag (files there are refused by the runtime).
const openNonblock = 0
