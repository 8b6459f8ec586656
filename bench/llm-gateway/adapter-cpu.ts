/**
 * The OpenAI-format adapter's own CPU per call (`node --import tsx bench/llm-gateway/adapter-cpu.ts
 * [--before DIR] [--calls 300] [--blocks 6]`): this tree's `complete()` and `stream()` — and, with
 * `--before`, those of another tree's adapter — against the LLM stand-in in a process of its own,
 * in interleaved blocks of sequential calls. It prints this process's CPU time (user + system) per
 * call, the medians over the blocks, and their ratio: on a shared machine CPU time per call is far
 * steadier than latency, and under concurrency it is what a function instance runs out of.
 * Streams are 32 tokens, sent as fast as the stand-in can (one network read per token or a few).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { ProviderClient, ProviderRequest } from '../../netlify/lib/llm/types';
import { summarise } from './stats';

const { values: options } = parseArgs({
  options: {
    before: { type: 'string' },
    calls: { type: 'string', default: '300' },
    blocks: { type: 'string', default: '6' },
  },
});
const calls = Number(options.calls);
const blocks = Number(options.blocks);

type Factory = (dialect: 'openai', options: Record<string, unknown>) => ProviderClient;

async function adapterOf(root: string): Promise<Factory> {
  const module = (await import(`${root}/netlify/lib/llm/providers/openai-compatible.ts`)) as {
    openAiCompatibleClient: Factory;
  };
  return module.openAiCompatibleClient;
}

async function main() {
  const child = fork(new URL('./stand-in-process.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const baseUrl = chunk.toString().trim();
  const clientOptions = { apiKey: 'sk-bench', baseUrl, timeoutMs: 60_000, maxRetries: 1 };
  const trees: Array<[string, ProviderClient]> = [
    ['this tree', (await adapterOf(new URL('../..', import.meta.url).pathname))('openai', clientOptions)],
  ];
  if (options.before)
    trees.push(['before', (await adapterOf(options.before.replace(/\/$/, '')))('openai', clientOptions)]);

  const request = (content: string): ProviderRequest => ({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content }],
    maxTokens: 256,
  });
  const json = request('Summarise the quarter in one paragraph.');
  const streamed = request('Summarise the quarter in one paragraph. [[llm:tokens=32]]');
  const kinds = {
    json: (client: ProviderClient) => client.complete(json, new AbortController().signal),
    stream: async (client: ProviderClient) => {
      let tokens = 0;
      for await (const event of client.stream(streamed, new AbortController().signal))
        if (event.type === 'delta') tokens += 1;
      if (tokens !== 32) throw new Error(`expected 32 tokens, got ${tokens}`);
    },
  };

  for (const [, client] of trees)
    for (let i = 0; i < 200; i++) {
      await kinds.json(client);
      await kinds.stream(client);
    }

  const cpuMs = new Map<string, number[]>();
  const wallMs = new Map<string, number[]>();
  for (let block = 0; block < blocks; block++)
    for (const [kind, run] of Object.entries(kinds))
      for (const [name, client] of trees) {
        const key = `${kind} | ${name}`;
        const cpu = process.cpuUsage();
        const started = performance.now();
        for (let i = 0; i < calls; i++) await run(client);
        const used = process.cpuUsage(cpu);
        (cpuMs.get(key) ?? cpuMs.set(key, []).get(key)!).push((used.user + used.system) / 1000 / calls);
        (wallMs.get(key) ?? wallMs.set(key, []).get(key)!).push((performance.now() - started) / calls);
      }

  console.log('| call | tree | CPU per call (ms, median of blocks) | wall per call (ms) |');
  console.log('| --- | --- | ---: | ---: |');
  for (const [key, values] of cpuMs)
    console.log(
      `| ${key} | ${summarise(values).p50.toFixed(3)} | ${summarise(wallMs.get(key)!).p50.toFixed(3)} |`,
    );
  if (trees.length > 1)
    for (const kind of Object.keys(kinds)) {
      const of = (name: string) => summarise(cpuMs.get(`${kind} | ${name}`)!).p50;
      console.log(`${kind}: CPU this tree / before ${(of('this tree') / of('before')).toFixed(2)}×`);
    }
  child.kill();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
