package seat

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/deconflict/deconflict/game/netclient"
	"github.com/deconflict/deconflict/sim"
)

// ErrPreviewPending is returned by Preview while the server's answer is on
// its way.
var ErrPreviewPending = errors.New("the preview is on its way")

// previewEvery spaces the preview requests, well within the server's limit
// on messages (20 a second), so that orders always get through.
const previewEvery = 80 * time.Millisecond

// previewWait bounds the wait for one preview.
const previewWait = 5 * time.Second

// previews asks the server for previews one at a time, in the background,
// and keeps the answers until the game moves on (reset).
type previews struct {
	c      *netclient.Client
	cancel context.CancelFunc
	done   chan struct{}
	wake   chan struct{}

	mu     sync.Mutex
	gen    int64 // bumped by reset: answers to older requests are dropped
	rev    int64 // bumped by every answer kept
	answer map[sim.Order]previewAnswer
	queue  []sim.Order
}

type previewAnswer struct {
	p   sim.Preview
	err error // the server's refusal of the order, or a failure to ask
}

func newPreviews(c *netclient.Client) *previews {
	ctx, cancel := context.WithCancel(context.Background())
	p := &previews{c: c, cancel: cancel, done: make(chan struct{}), wake: make(chan struct{}, 1), answer: map[sim.Order]previewAnswer{}}
	go p.run(ctx)
	return p
}

func (p *previews) close() {
	p.cancel()
	<-p.done
}

func (p *previews) revision() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.rev
}

// reset forgets every answer and request: the state they were for is gone.
func (p *previews) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gen++
	clear(p.answer)
	p.queue = p.queue[:0]
}

// get returns the server's preview of o, or ErrPreviewPending after asking
// for it.
func (p *previews) get(o sim.Order) (sim.Preview, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.answer[o]; ok {
		return a.p, a.err
	}
	p.ask(o)
	return sim.Preview{}, ErrPreviewPending
}

// refusal returns the server's refusal of o as its preview said, or nil
// (also while the preview is on its way, which it asks for).
func (p *previews) refusal(o sim.Order) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if a, ok := p.answer[o]; ok {
		var refused *refusedError
		if errors.As(a.err, &refused) {
			return a.err
		}
		return nil
	}
	p.ask(o)
	return nil
}

// ask queues a request for o unless one is queued (under the lock).
func (p *previews) ask(o sim.Order) {
	for _, q := range p.queue {
		if q == o {
			return
		}
	}
	p.queue = append(p.queue, o)
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// connected waits until the client is connected; false when closed.
func (p *previews) connected(ctx context.Context) bool {
	for {
		ch := p.c.Changed()
		if p.c.Status().Connected {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-ch:
		}
	}
}

// refusedError is the server's word that an order is not valid now.
type refusedError struct{ err error }

func (e *refusedError) Error() string { return e.err.Error() }

// run asks for the queued previews one by one until closed.
func (p *previews) run(ctx context.Context) {
	defer close(p.done)
	for {
		p.mu.Lock()
		var o sim.Order
		n := len(p.queue)
		if n > 0 {
			o = p.queue[0]
			p.queue = p.queue[1:]
		}
		gen := p.gen
		p.mu.Unlock()
		if n == 0 {
			select {
			case <-ctx.Done():
				return
			case <-p.wake:
				continue
			}
		}
		if !p.connected(ctx) {
			return
		}
		rctx, cancel := context.WithTimeout(ctx, previewWait)
		pr, err := p.c.Preview(rctx, o)
		cancel()
		if ctx.Err() != nil {
			return
		}
		var server *netclient.ServerError
		if errors.As(err, &server) {
			err = &refusedError{err}
		}
		p.mu.Lock()
		switch {
		case gen != p.gen: // the state it was for is gone
		case errors.Is(err, netclient.ErrNotConnected):
			p.queue = append([]sim.Order{o}, p.queue...) // asked again once the server is back
		case errors.Is(err, context.DeadlineExceeded):
			p.rev++ // no answer: the screen asks again when it shows the order
		default:
			p.answer[o] = previewAnswer{p: pr, err: err}
			p.rev++
		}
		p.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(previewEvery):
		}
	}
}
