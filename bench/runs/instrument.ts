/**
 * What the run bench measures besides wall time: each statement's wait for a pooled connection
 * and its round trip (by the engine function or table it names), the CPU of this process and of
 * the platform's Postgres (its postmaster's children, read from /proc), and the provider's own
 * time (only inside the SDK stream's `next()`, so the engine's work between events — the delta
 * writes — counts as engine, not provider).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import type { ProviderClient, ProviderEvent } from '../../netlify/lib/llm/types';

export const statementLabel = (text: string) => {
  const engine = /run_engine\.(\w+)/.exec(text);
  if (engine) return engine[1]!;
  const from = /from public\.(\w+)/.exec(text);
  return from ? `read ${from[1]}` : text.replace(/\s+/g, ' ').slice(0, 40);
};

export class StatementTimes {
  readonly waits = new Map<string, number[]>();
  readonly trips = new Map<string, number[]>();

  add(label: string, waitMs: number, tripMs: number): void {
    (this.waits.get(label) ?? this.waits.set(label, []).get(label)!).push(waitMs);
    (this.trips.get(label) ?? this.trips.set(label, []).get(label)!).push(tripMs);
  }

  merge(other: StatementTimes): void {
    for (const [label, trips] of other.trips)
      trips.forEach((trip, i) => this.add(label, other.waits.get(label)![i]!, trip));
  }
}

/** A Queryable over `pool` that records every statement in `times` (when set). */
export function timedDb(pool: pg.Pool, sink: { times?: StatementTimes }): pg.Pool {
  return {
    async query(text: string, values?: unknown[]) {
      const asked = performance.now();
      const client = await pool.connect();
      const got = performance.now();
      try {
        return await client.query(text, values);
      } finally {
        client.release();
        sink.times?.add(statementLabel(text), got - asked, performance.now() - got);
      }
    },
  } as unknown as pg.Pool;
}

/** CPU milliseconds used so far by the Postgres whose backend answers `pid`, all its processes. */
export function postgresCpu(backendPid: number): () => number {
  const statOf = (pid: string) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  const postmaster = statOf(String(backendPid))[1]!;
  const ticksPerMs = 0.1; // USER_HZ = 100 on Linux
  return () => {
    let ticks = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const fields = statOf(pid);
        if (pid === postmaster || fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
    return ticks / ticksPerMs;
  };
}

/** Wraps a provider client so `providerMs.value` grows by the time spent inside its stream's `next()`. */
export function timedStream(client: ProviderClient, providerMs: { value: number }): ProviderClient {
  return {
    provider: client.provider,
    complete: client.complete.bind(client),
    stream(request, signal) {
      const inner = client.stream(request, signal)[Symbol.asyncIterator]();
      const timed: AsyncIterableIterator<ProviderEvent> = {
        [Symbol.asyncIterator]: () => timed,
        async next() {
          const started = performance.now();
          try {
            return await inner.next();
          } finally {
            providerMs.value += performance.now() - started;
          }
        },
        async return(value?: unknown) {
          return (await inner.return?.(value)) ?? { done: true, value: undefined };
        },
      };
      return timed;
    },
  };
}
