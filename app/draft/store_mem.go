package draft

import (
	"context"
	"sync"
	"time"
)

// Memory is a Store held in memory: the fake for tests, and the last resort of a browser that
// refuses both IndexedDB and localStorage (the applicant is then told to export the draft).
type Memory struct {
	mu   sync.Mutex
	recs map[string]Record
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{recs: map[string]Record{}} }

func (m *Memory) Put(ctx context.Context, r Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return m.PutSync(r)
}

// PutSync stores r at once.
func (m *Memory) PutSync(r Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recs[r.ID] = r
	return nil
}

// PutIfUnchanged writes r unless the stored copy was saved after base, read and written
// under one hold of the mutex.
func (m *Memory) PutIfUnchanged(ctx context.Context, r Record, base time.Time) (Record, bool, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, false, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if cur, ok := m.recs[r.ID]; changedSince(cur, ok, base) {
		return cur, true, nil
	}
	m.recs[r.ID] = r
	return Record{}, false, nil
}

func (m *Memory) Get(ctx context.Context, id string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.recs[id]
	if !ok {
		return Record{}, ErrNotFound
	}
	return r, nil
}

func (m *Memory) List(ctx context.Context) ([]Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	out := make([]Record, 0, len(m.recs))
	for _, r := range m.recs {
		out = append(out, r)
	}
	m.mu.Unlock()
	SortRecent(out)
	return out, nil
}

func (m *Memory) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.recs, id)
	return nil
}
