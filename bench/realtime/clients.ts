/**
 * The subscribers of the Realtime benchmark, in a process of their own (so the server's memory
 * and event loop are its own): raw Phoenix sockets (serializer 2.0.0) driven over IPC by run.ts.
 * Every timestamp is taken in this process, so latencies need no clock shared between processes.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';

type Command =
  | {
      cmd: 'connect';
      count: number;
      topic: string;
      tokens: string[];
      postgresChanges?: Record<string, unknown>;
    }
  | { cmd: 'broadcast'; topic: string; messages: number; intervalMs: number }
  | { cmd: 'flood'; topic: string; messages: number }
  | { cmd: 'insert'; rows: number; intervalMs: number }
  | { cmd: 'collect' }
  | { cmd: 'close' };

const url = `${process.env.BENCH_WS_URL}?apikey=${process.env.BENCH_ANON_KEY}&vsn=2.0.0`;
const db = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
let sockets: WebSocket[] = [];
let latencies: number[] = [];
let delivered = 0;
let lastDeliveryAt = 0;
let ref = 0;

function open(token: string, topic: string, postgresChanges?: Record<string, unknown>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const joinRef = String(++ref);
    ws.on('open', () => {
      ws.send(
        JSON.stringify([
          joinRef,
          joinRef,
          `realtime:${topic}`,
          'phx_join',
          {
            config: {
              broadcast: { self: false, ack: false },
              presence: { enabled: false },
              postgres_changes: postgresChanges ? [postgresChanges] : [],
              private: false,
            },
            access_token: token,
          },
        ]),
      );
    });
    ws.on('message', (data: Buffer) => {
      const [, messageRef, , event, payload] = JSON.parse(data.toString()) as [
        string | null,
        string | null,
        string,
        string,
        Record<string, unknown>,
      ];
      const now = performance.now();
      if (event === 'phx_reply' && messageRef === joinRef) {
        if (payload.status === 'ok' && !postgresChanges) resolve(ws);
        else if (payload.status !== 'ok') reject(new Error(JSON.stringify(payload)));
      } else if (event === 'system' && postgresChanges) {
        if (payload.status === 'ok') resolve(ws);
        else reject(new Error(String(payload.message)));
      } else if (event === 'broadcast') {
        const sentAt = (payload.payload as { sentAt?: number }).sentAt;
        if (sentAt !== undefined) latencies.push(now - sentAt);
        delivered++;
        lastDeliveryAt = now;
      } else if (event === 'postgres_changes') {
        const record = (payload.data as { record: { sent_at: number } }).record;
        latencies.push(performance.timeOrigin + now - record.sent_at);
        delivered++;
        lastDeliveryAt = now;
      }
    });
    ws.on('error', reject);
  });
}

async function connect(command: Extract<Command, { cmd: 'connect' }>): Promise<number> {
  for (let i = 0; i < command.count; i += 50) {
    const batch = Array.from({ length: Math.min(50, command.count - i) }, (_, j) =>
      open(command.tokens[(i + j) % command.tokens.length]!, command.topic, command.postgresChanges),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets.length;
}

async function broadcast(topic: string, messages: number, intervalMs: number): Promise<void> {
  const sender = await open(process.env.BENCH_ANON_KEY!, topic);
  for (let i = 0; i < messages; i++) {
    sender.send(
      JSON.stringify([
        null,
        String(++ref),
        `realtime:${topic}`,
        'broadcast',
        {
          type: 'broadcast',
          event: 'tick',
          payload: { n: i, sentAt: performance.now() },
        },
      ]),
    );
    if (intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  sender.close();
}

/** Sends `messages` back to back and reports deliveries per second until the last one lands. */
async function flood(
  topic: string,
  messages: number,
  expected: number,
): Promise<{ perSecond: number; delivered: number }> {
  const sender = await open(process.env.BENCH_ANON_KEY!, topic);
  delivered = 0;
  const started = performance.now();
  for (let i = 0; i < messages; i++) {
    sender.send(
      JSON.stringify([
        null,
        String(++ref),
        `realtime:${topic}`,
        'broadcast',
        { type: 'broadcast', event: 'flood', payload: { n: i } },
      ]),
    );
  }
  const deadline = started + 60_000;
  while (delivered < expected && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 10));
  sender.close();
  return { perSecond: (delivered / (lastDeliveryAt - started)) * 1000, delivered };
}

async function insert(rows: number, intervalMs: number): Promise<void> {
  for (let i = 0; i < rows; i++) {
    await db.query('insert into compat.bench_live (is_public, sent_at) values (true, $1)', [
      performance.timeOrigin + performance.now(),
    ]);
    if (intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

process.on('message', async (command: Command) => {
  try {
    let result: unknown = null;
    if (command.cmd === 'connect') result = await connect(command);
    else if (command.cmd === 'broadcast')
      await broadcast(command.topic, command.messages, command.intervalMs);
    else if (command.cmd === 'flood')
      result = await flood(command.topic, command.messages, command.messages * sockets.length);
    else if (command.cmd === 'insert') await insert(command.rows, command.intervalMs);
    else if (command.cmd === 'collect') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      result = latencies;
      latencies = [];
    } else if (command.cmd === 'close') {
      for (const ws of sockets) ws.close();
      sockets = [];
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    process.send!({ ok: true, result });
  } catch (error) {
    process.send!({ ok: false, error: String(error) });
  }
});

await db.connect();
process.send!({ ready: true });
