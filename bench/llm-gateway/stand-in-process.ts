/** The LLM stand-in in a process of its own (for sdk-vs-fetch.ts); prints its OpenAI base URL. */
import { freePort } from '../../dev/ports';
import { startLlmStandIn } from '../../dev/stand-ins/llm/server';

const standIn = await startLlmStandIn({ port: await freePort() });
process.stdout.write(`${standIn.baseUrls.openai}\n`);
