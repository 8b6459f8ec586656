/**
 * The provider SDK's own cost (`node --import tsx bench/llm-gateway/sdk-vs-fetch.ts`): the same
 * JSON chat completion to the LLM stand-in through the official `openai` SDK (as the gateway's
 * adapter calls it) and through a plain `fetch` in the same wire format, interleaved, one at a time
 * and with 32 concurrent callers. The stand-in runs in a process of its own.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import OpenAI from 'openai';
import { ms, summarise } from './stats';

async function main() {
  const child = fork(new URL('./stand-in-process.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const baseURL = chunk.toString().trim();
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL, timeout: 60_000, maxRetries: 1 });
  const body = {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user' as const, content: 'Summarise the quarter in one paragraph.' }],
    max_completion_tokens: 256,
  };
  const viaSdk = async () => {
    const response = await sdk.chat.completions.create(
      { ...body, stream: false },
      { signal: new AbortController().signal },
    );
    return response.choices[0]?.message.content;
  };
  const viaFetch = async () => {
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-bench', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: new AbortController().signal,
    });
    const json = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    return json.choices[0]?.message.content;
  };
  const time = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  for (let i = 0; i < 300; i++) {
    await viaSdk();
    await viaFetch();
  }
  const sdkTimes: number[] = [];
  const fetchTimes: number[] = [];
  for (let i = 0; i < 1000; i++) {
    sdkTimes.push(await time(viaSdk));
    fetchTimes.push(await time(viaFetch));
  }
  const rate = async (fn: () => Promise<unknown>) => {
    const end = performance.now() + 3000;
    let n = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (performance.now() < end) {
          await fn();
          n += 1;
        }
      }),
    );
    return n / 3;
  };
  const rates = { sdk: [] as number[], fetch: [] as number[] };
  for (let round = 0; round < 2; round++) {
    rates.sdk.push(await rate(viaSdk));
    rates.fetch.push(await rate(viaFetch));
  }
  const s = summarise(sdkTimes);
  const f = summarise(fetchTimes);
  const cpu = process.cpuUsage();
  console.log('| path | p50 (ms) | p99 (ms) | 32 concurrent (req/s) |');
  console.log('|---|---:|---:|---:|');
  console.log(
    `| openai SDK | ${ms(s.p50)} | ${ms(s.p99)} | ${rates.sdk.map((r) => r.toFixed(0)).join(' / ')} |`,
  );
  console.log(
    `| plain fetch | ${ms(f.p50)} | ${ms(f.p99)} | ${rates.fetch.map((r) => r.toFixed(0)).join(' / ')} |`,
  );
  console.log(`(cpu of this process: ${(cpu.user / 1000).toFixed(0)} ms user)`);
  child.kill();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
