/**
 * Lua scripts as Upstash accepts them, made runnable on stock Redis. Upstash allows the shebang
 * flag `allow-key-locking` (used by @upstash/ratelimit) that Redis refuses; it is dropped before
 * the script reaches Redis. The client still addresses the script by the SHA-1 of the text it
 * sent, so the adapter remembers which stock-Redis SHA each original SHA stands for.
 */
import { createHash } from 'node:crypto';

const upstashOnlyFlags = new Set(['allow-key-locking']);

export const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** The script with Upstash-only shebang flags removed (unchanged when it has none). */
export function toStockRedis(script: string): string {
  const match = /^#!lua([^\n]*)\n/.exec(script);
  if (!match) return script;
  const options = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const rewritten = options.map((option) => {
    if (!option.startsWith('flags=')) return option;
    const flags = option
      .slice('flags='.length)
      .split(',')
      .filter((flag) => flag && !upstashOnlyFlags.has(flag));
    return `flags=${flags.join(',')}`;
  });
  return `#!lua${rewritten.length ? ` ${rewritten.join(' ')}` : ''}\n${script.slice(match[0].length)}`;
}

export class ScriptShas {
  private readonly stockShaOf = new Map<string, string>();

  /** Remembers `script`; returns the text to send to Redis. */
  register(script: string): string {
    const stock = toStockRedis(script);
    if (stock !== script) this.stockShaOf.set(sha1(script), sha1(stock));
    return stock;
  }

  /** The SHA Redis knows for the SHA the client sent. */
  resolve(sha: string): string {
    return this.stockShaOf.get(sha.toLowerCase()) ?? sha;
  }
}
