import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../schemas';
import { stillSettling } from './get-messages';

const now = Date.parse('2026-11-21T12:00:00Z');
const answer = (status: ChatMessage['status'], credits: number | null, ageSeconds: number): ChatMessage => ({
  id: 'm1',
  role: 'assistant',
  content: 'partial',
  status,
  credits,
  model: null,
  versionId: null,
  createdAt: new Date(now - ageSeconds * 1000).toISOString(),
  attachments: [],
});

describe('stillSettling (when the chat keeps polling for a charge)', () => {
  it('waits for a stopped answer that is not charged yet', () => {
    expect(stillSettling(answer('stopped', null, 10), now)).toBe(true);
  });

  it('gives up on a stopped answer long past the 60 s drain', () => {
    expect(stillSettling(answer('stopped', null, 5 * 60), now)).toBe(false);
  });

  it('stops once the answer is charged, and keeps following a stream however long', () => {
    expect(stillSettling(answer('stopped', 1632, 10), now)).toBe(false);
    expect(stillSettling(answer('complete', 900, 10), now)).toBe(false);
    expect(stillSettling(answer('streaming', null, 10 * 60), now)).toBe(true);
  });
});
