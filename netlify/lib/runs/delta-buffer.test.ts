import { describe, expect, it } from 'vitest';
import { DeltaBuffer } from './delta-buffer';

describe('DeltaBuffer', () => {
  it('hands out the first text at once, then at most once per interval, in order, losing nothing', () => {
    const buffer = new DeltaBuffer(250);
    const written: string[] = [];
    for (let ms = 0; ms <= 1000; ms += 10) {
      buffer.push(`${ms},`);
      const text = buffer.take(ms);
      if (text) written.push(text);
    }
    expect(written[0]).toBe('0,');
    expect(written).toHaveLength(5);
    expect(written.join('')).toBe(Array.from({ length: 101 }, (_, i) => `${i * 10},`).join(''));
  });

  it('writes nothing when nothing arrived', () => {
    expect(new DeltaBuffer(250).take(1000)).toBeUndefined();
  });
});
