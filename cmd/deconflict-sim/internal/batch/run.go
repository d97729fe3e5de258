package batch

import (
	"context"
	"fmt"
	"sync"

	"github.com/deconflict/deconflict/sim/runner"
)

// Work is handed to workers in chunks of consecutive rows, to keep the cost
// of passing work around small next to short runs, and at most
// chunksPerWorker chunks per worker ahead of the oldest row not yet
// written, so the reorder buffer, and memory, stay flat however long the
// batch and however uneven the runs.
const (
	maxChunk        = 32
	chunksPerWorker = 8
)

// Execute runs the plan's shard rows from the from-th on, with workers
// goroutines each owning a driver of the sweep point it is on, and hands
// every row to emit in row order from the calling goroutine. When ctx is
// cancelled no new run starts; the runs under way finish, and the rows
// emitted are always a complete prefix. It returns the number of rows
// emitted and the error of emit or of the first failing run in row order;
// a cancelled context is not an error (compare the count with the plan's).
func Execute(ctx context.Context, plan *Plan, from int64, workers int, emit func(*Row) error) (int64, error) {
	total := plan.ShardRows()
	if from >= total {
		return 0, nil
	}
	workers = int(max(1, min(int64(workers), total-from)))
	// Chunks small enough that every worker gets dozens of them.
	size := min(maxChunk, max(1, (total-from)/int64(workers*4*chunksPerWorker)))
	window := int64(chunksPerWorker * workers)
	ctx, stop := context.WithCancel(ctx)
	defer stop()

	jobs := make(chan chunk)
	tokens := make(chan struct{}, window)
	results := make(chan chunk, workers)
	go func() { // the producer: hands out chunks in order, at most window ahead
		defer close(jobs)
		for n, start := int64(0), from; start < total; n, start = n+1, start+size {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- chunk{n: n, start: start, end: min(start+size, total)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(ctx, plan, jobs, results)
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	pending := make([]*chunk, window)
	var next int64 // the next chunk to emit
	written := int64(0)
	done := false // a run failed, emit failed or a chunk came back short: emit no more
	var firstErr error
	for c := range results {
		pending[c.n%window] = &c
		for !done {
			p := pending[next%window]
			if p == nil || p.n != next {
				break
			}
			pending[next%window] = nil
			next++
			for i := range p.rows {
				if err := emit(&p.rows[i]); err != nil {
					firstErr = err
					done = true
					break
				}
				written++
			}
			if p.err != nil && firstErr == nil {
				firstErr = p.err // the error of the first failing row, whatever finished first
			}
			if p.err != nil || int64(len(p.rows)) < p.end-p.start {
				done = true
			}
			<-tokens
		}
		if done {
			stop()
		}
	}
	return written, firstErr
}

// chunk is a run of consecutive shard rows [start, end): handed to a
// worker, and back with the rows it ran (fewer when it was cancelled or a
// run failed).
type chunk struct {
	n          int64 // the chunk's number, in order
	start, end int64
	rows       []Row
	err        error
}

// work runs chunks until the jobs close, keeping one driver for the sweep
// point it is on (rows come point by point, so it rarely changes). It
// starts no run once ctx is cancelled.
func work(ctx context.Context, plan *Plan, jobs <-chan chunk, results chan<- chunk) {
	var drv *runner.Driver
	point := -1
	for c := range jobs {
		c.rows = make([]Row, 0, c.end-c.start)
		for j := c.start; j < c.end && ctx.Err() == nil; j++ {
			idx := plan.RowIndex(j)
			row := Row{Index: idx, Point: int(idx / int64(plan.Runs)), Run: int(idx % int64(plan.Runs))}
			row.Seed = plan.Seed(row.Run)
			if row.Point != point {
				point = row.Point
				drv = runner.NewDriver(plan.Points[point].Scenario)
			}
			res, err := drv.Run(row.Seed, runner.Options{})
			if err != nil {
				c.err = fmt.Errorf("row %d (point %d, seed %d): %w", idx, row.Point, row.Seed, err)
				break
			}
			row.Outcome, row.Turns, row.FinalHash, row.Metrics, row.Verdicts = res.Outcome, res.Turns, res.FinalHash, res.Metrics, res.Verdicts
			row.Met = make([]bool, len(res.Objectives))
			for i := range res.Objectives {
				row.Met[i] = res.Objectives[i].Met
			}
			c.rows = append(c.rows, row)
		}
		results <- c
	}
}
