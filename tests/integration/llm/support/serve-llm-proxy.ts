/**
 * `POST /api/llm/:provider` served in a process of its own, so a test can kill it mid-call as the
 * platform kills a function at its limit (SIGKILL: nothing after it runs). Prints the URL on stdout
 * once listening; the environment is the parent's (the test platform's).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildContext } from '../../../../dev/functions/context';
import { toWebRequest, writeWebResponse } from '../../../../dev/functions/node-http';
import llmProxy from '../../../../netlify/functions/llm-proxy.mjs';

const server = http.createServer((req, res) => {
  void (async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const request = toWebRequest(req, res, origin, {});
    const setCookies: string[] = [];
    const context = buildContext({
      request,
      ip: '127.0.0.1',
      requestId: crypto.randomUUID(),
      params: { provider: new URL(request.url).pathname.split('/').at(-1) ?? '' },
      siteUrl: origin,
      setCookies,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    await writeWebResponse(await llmProxy(request, context), res, { headers: {}, setCookies });
  })();
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
