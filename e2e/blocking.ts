/**
 * @file Does the page block while it trains? A Long Tasks API observer in the page records every task over 50 ms,
 * and a Chromium trace of the same window gives each of those tasks' CPU time on the page's main thread.
 *
 * Why both: a long task is wall-clock time. On a machine whose cores are shared (CI runners, several engineers on
 * two cores), the main thread can wait 100 ms for a core inside a task that does 5 ms of work; the observer alone
 * would blame the page for the machine. A task whose own CPU time is over 50 ms is the page blocking, whatever the
 * machine; that is what the tests assert, with every observed long task listed alongside.
 */
import type { Browser, Page } from '@playwright/test';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LongTask {
  /** Start (performance.now(), ms) and wall duration, as the observer saw it. */
  start: number;
  duration: number;
  /** Main-thread CPU time of the traced task it was, ms; null if no traced task matched. */
  cpu: number | null;
}

export interface BlockingReport {
  longTasks: LongTask[];
  /** The most CPU any one main-thread task took in the window, ms. */
  maxTaskCpu: number;
  tasks: number;
}

const MARK = 'blocking-watch-start';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export async function startBlockingWatch(page: Page, browser: Browser): Promise<string> {
  const path = join(tmpdir(), `blocking-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  await browser.startTracing(page, { path, categories: ['toplevel', 'blink.user_timing', 'devtools.timeline'] });
  await page.evaluate((mark) => {
    const w = window as unknown as { longTasks: [number, number][]; longTaskObserver?: PerformanceObserver; longTaskMark: number };
    w.longTaskObserver?.disconnect();
    w.longTasks = [];
    w.longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push([e.startTime, e.duration]);
    });
    w.longTaskObserver.observe({ type: 'longtask' });
    w.longTaskMark = performance.mark(mark).startTime;
  }, MARK);
  return path;
}

export async function stopBlockingWatch(page: Page, browser: Browser, path: string): Promise<BlockingReport> {
  const [observed, markAt] = await page.evaluate(() => {
    const w = window as unknown as { longTasks: [number, number][]; longTaskObserver?: PerformanceObserver; longTaskMark: number };
    w.longTaskObserver?.disconnect();
    return [w.longTasks, w.longTaskMark] as const;
  });
  await browser.stopTracing();
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  rmSync(path, { force: true });
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const threadNames = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const mark = events.find((e) => e.name === MARK);
  if (!mark) throw new Error(`the trace has no ${MARK} mark to line the observer up with`);
  const main = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur !== undefined && `${e.pid}:${e.tid}` === `${mark.pid}:${mark.tid}`);
  if (threadNames.get(`${mark.pid}:${mark.tid}`) !== 'CrRendererMain') throw new Error('the mark was not on the page’s main thread');
  // Trace time (µs) of performance.now() = 0 on this page.
  const origin = mark.ts - markAt * 1000;
  const inWindow = main.filter((e) => e.ts >= mark.ts);
  const longTasks = observed.map(([start, duration]) => {
    const from = origin + start * 1000;
    const to = from + duration * 1000;
    let best: TraceEvent | null = null;
    let overlap = 0;
    for (const e of inWindow) {
      const o = Math.min(to, e.ts + e.dur!) - Math.max(from, e.ts);
      if (o > overlap) [best, overlap] = [e, o];
    }
    return { start: Math.round(start), duration: Math.round(duration), cpu: best?.tdur === undefined ? null : Math.round(best.tdur / 1000) };
  });
  const maxTaskCpu = Math.max(0, ...inWindow.map((e) => (e.tdur ?? 0) / 1000));
  return { longTasks, maxTaskCpu: Math.round(maxTaskCpu * 10) / 10, tasks: inWindow.length };
}
