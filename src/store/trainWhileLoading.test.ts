/**
 * A run trains the dataset the person sees: while chosen files are being read, Train is refused (the UI also
 * disables it), and once they are in, the run is made from them. The workers are replaced by promises the test
 * resolves, so the order of events is the test's to choose.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreparedDataset } from '../core/dataset/prepared';
import { DEFAULT_CONFIG } from '../core/config/config';
import type { LoadResult } from '../worker/client';

const pending: ((r: LoadResult) => void)[] = [];
const started: { runId: string; dataset: string }[] = [];

vi.mock('../worker/client', () => ({
  loadFiles: () => new Promise<LoadResult>((resolve) => pending.push(resolve)),
  loadDemo: () => Promise.resolve({ dataset: fakeDataset('demo'), diagnostics: [] }),
  startRun: (runId: string, _config: unknown, data: PreparedDataset) => {
    started.push({ runId, dataset: data.summary.name });
    return { stop() {}, pause() {}, loseDevice() {} };
  },
}));

function fakeDataset(name: string): PreparedDataset {
  // Only what starting a run reads: the name, the training count, the labels, the dev text.
  return { summary: { name }, train: { count: 3 }, vocab: { labels: ['O', 'B-PER'] }, text: { dev: { tokens: [], tags: [] } } } as unknown as PreparedDataset;
}

const { useStudio } = await import('./index');
/** The worker starts in a task after the one that made the run. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const files = [new File(['Anna B-PER\n'], 'train.conll'), new File(['Tom B-PER\n'], 'dev.conll')];

describe('Train while files are read', () => {
  beforeEach(() => {
    pending.length = 0;
    started.length = 0;
    useStudio.setState({ runs: [], dataset: null, loading: null, labQueue: [] });
  });

  it('is refused until the chosen files are in, then trains them, not the dataset loaded before', async () => {
    await useStudio.getState().loadDemoDataset();
    expect(useStudio.getState().dataset?.summary.name).toBe('demo');

    const loaded = useStudio.getState().addFiles(files);
    expect(useStudio.getState().loading?.text).toBe('Reading train.conll, dev.conll…');
    const refused = useStudio.getState().train(DEFAULT_CONFIG);
    expect(refused).toEqual(['Wait until the files are read (Reading train.conll, dev.conll…); the run would train the dataset loaded before them.']);
    expect(useStudio.getState().runs).toEqual([]);
    expect(started).toEqual([]);

    pending[0]({ dataset: fakeDataset('train.conll, dev.conll'), diagnostics: [] });
    await loaded;
    expect(useStudio.getState().loading).toBeNull();
    expect(useStudio.getState().train(DEFAULT_CONFIG)).toEqual([]);
    expect(useStudio.getState().runs.map((r) => [r.name, r.dataset, r.trainSize])).toEqual([['run-1', 'train.conll, dev.conll', 3]]);
    await nextTask();
    expect(started.map((s) => s.dataset)).toEqual(['train.conll, dev.conll']);
  });

  it('keeps the latest of two loads, whichever ends first', async () => {
    const first = useStudio.getState().addFiles([new File(['x'], 'old.conll')]);
    const second = useStudio.getState().addFiles([new File(['y'], 'new.conll')]);
    pending[1]({ dataset: fakeDataset('new.conll'), diagnostics: [] });
    await second;
    pending[0]({ dataset: fakeDataset('old.conll'), diagnostics: [] });
    await first;
    expect(useStudio.getState().dataset?.summary.name).toBe('new.conll');
    expect(useStudio.getState().loading).toBeNull();
  });

  it('holds a queued loss-lab run while files are read and starts it on them afterwards', async () => {
    await useStudio.getState().loadDemoDataset();
    const loaded = useStudio.getState().addFiles(files);
    useStudio.setState({ labQueue: [{ config: DEFAULT_CONFIG, lab: { id: 'lab-1', loss: 'crf', seed: 1 } }] });
    useStudio.getState().startNextQueued();
    expect(started).toEqual([]);
    pending[0]({ dataset: fakeDataset('train.conll, dev.conll'), diagnostics: [] });
    await loaded;
    await nextTask();
    expect(started.map((s) => s.dataset)).toEqual(['train.conll, dev.conll']);
  });
});
