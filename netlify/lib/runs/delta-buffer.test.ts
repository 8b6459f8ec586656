import { describe, expect, it } from 'vitest';
import { DeltaBuffer } from './delta-buffer';

describe('DeltaBuffer', () => {
  it('hands out the text at most once per interval, in order, losing nothing', () => {
    const buffer = new DeltaBuffer(250, 0);
    const written: string[] = [];
    for (let ms = 0; ms <= 1000; ms += 10) {
      buffer.push(`${ms},`);
      const text = buffer.take(ms);
      if (text) written.push(text);
    }
    expect(written).toHaveLength(4);
    expect(written.join('')).toBe(Array.from({ length: 101 }, (_, i) => `${i * 10},`).join(''));
  });

  it('writes nothing when nothing arrived', () => {
    expect(new DeltaBuffer(250, 0).take(1000)).toBeUndefined();
  });
});
