/**
 * Phoenix channel frames as Realtime speaks them (reference §2): serializer 1.0.0 is JSON objects,
 * 2.0.0 is JSON arrays `[join_ref, ref, topic, event, payload]` plus binary user-broadcast frames
 * (client → server kind 3, server → client kind 4; RealtimeWeb.Socket.V2Serializer).
 */
export type Vsn = '1.0.0' | '2.0.0';

export interface Frame {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

/** A broadcast as it travels between channels: JSON, or bytes (binary pushes and send_binary). */
export interface BroadcastMessage {
  event: string;
  payload: unknown;
  /** Raw bytes when the payload is binary (then `payload` is unused). */
  binary?: Buffer;
  /** Arrived as a kind-3 user broadcast push: v2 receivers get a kind-4 frame, as hosted does. */
  userBroadcast?: boolean;
  meta?: Record<string, unknown>;
}

export class MalformedFrame extends Error {}

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const ENCODING_BINARY = 0;
const ENCODING_JSON = 1;

export function decodeFrame(data: Buffer, isBinary: boolean, vsn: Vsn): Frame {
  if (isBinary) {
    if (vsn !== '2.0.0') throw new MalformedFrame('binary frames need serializer 2.0.0');
    return decodeUserBroadcastPush(data);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new MalformedFrame((error as Error).message);
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length !== 5) throw new MalformedFrame('expected a 5-element array');
    const [join_ref, ref, topic, event, payload] = parsed as unknown[];
    return checkFrame({ join_ref, ref, topic, event, payload });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MalformedFrame('expected a JSON object');
  }
  const object = parsed as Record<string, unknown>;
  return checkFrame({
    join_ref: object.join_ref ?? null,
    ref: object.ref ?? null,
    topic: object.topic,
    event: object.event,
    payload: object.payload,
  });
}

function checkFrame(frame: Record<string, unknown>): Frame {
  const { join_ref, ref, topic, event, payload } = frame;
  if (typeof topic !== 'string' || typeof event !== 'string') {
    throw new MalformedFrame('topic and event must be strings');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new MalformedFrame('payload must be an object');
  }
  return { join_ref: refOrNull(join_ref), ref: refOrNull(ref), topic, event, payload };
}

function refOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

/** Kind 3: kind, join_ref_len, ref_len, topic_len, event_len, meta_len, encoding, fields…, payload. */
function decodeUserBroadcastPush(data: Buffer): Frame {
  if (data.length < 7 || data[0] !== KIND_USER_BROADCAST_PUSH) {
    throw new MalformedFrame(`unsupported binary frame kind ${data[0]}`);
  }
  const [joinRefLength, refLength, topicLength, eventLength, metaLength, encoding] = data.subarray(1, 7);
  let offset = 7;
  const take = (length: number) => {
    if (offset + length > data.length) throw new MalformedFrame('binary frame shorter than its header');
    const field = data.subarray(offset, offset + length).toString('utf8');
    offset += length;
    return field;
  };
  const joinRef = take(joinRefLength!);
  const ref = take(refLength!);
  const topic = take(topicLength!);
  const userEvent = take(eventLength!);
  const metaText = take(metaLength!);
  const body = Buffer.from(data.subarray(offset));
  let meta: Record<string, unknown> | undefined;
  if (metaText !== '') {
    try {
      meta = JSON.parse(metaText) as Record<string, unknown>;
    } catch (error) {
      throw new MalformedFrame((error as Error).message);
    }
  }
  let payload: unknown;
  if (encoding === ENCODING_JSON) {
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new MalformedFrame((error as Error).message);
    }
  } else if (encoding !== ENCODING_BINARY) {
    throw new MalformedFrame(`unknown payload encoding ${encoding}`);
  }
  const broadcast: BroadcastMessage = { event: userEvent, payload, userBroadcast: true, meta };
  if (encoding === ENCODING_BINARY) broadcast.binary = body;
  return {
    join_ref: joinRef === '' ? null : joinRef,
    ref: ref === '' ? null : ref,
    topic,
    event: 'broadcast',
    payload: { type: 'broadcast', event: userEvent, payload, [BROADCAST_MESSAGE]: broadcast },
  };
}

/** The decoded binary push rides along on the payload under this key (never serialised). */
export const BROADCAST_MESSAGE = Symbol('broadcast message');

export function encodeFrame(frame: Frame, vsn: Vsn): string {
  if (vsn === '2.0.0')
    return JSON.stringify([frame.join_ref, frame.ref, frame.topic, frame.event, frame.payload]);
  return JSON.stringify({
    topic: frame.topic,
    event: frame.event,
    payload: frame.payload,
    ref: frame.ref,
    join_ref: frame.join_ref,
  });
}

/**
 * The frame a subscriber receives for a broadcast, or null when its serializer cannot carry it
 * (1.0.0 cannot represent binary payloads; hosted Realtime skips them too).
 */
export function encodeBroadcast(topic: string, message: BroadcastMessage, vsn: Vsn): string | Buffer | null {
  if (message.binary !== undefined || (message.userBroadcast && vsn === '2.0.0')) {
    if (vsn !== '2.0.0') return null;
    const body =
      message.binary ?? Buffer.from(JSON.stringify(message.payload === undefined ? {} : message.payload));
    const topicBytes = Buffer.from(topic);
    const eventBytes = Buffer.from(message.event);
    const metaBytes = Buffer.from(message.meta ? JSON.stringify(message.meta) : '');
    if (topicBytes.length > 255 || eventBytes.length > 255 || metaBytes.length > 255) return null;
    const header = Buffer.from([
      KIND_USER_BROADCAST,
      topicBytes.length,
      eventBytes.length,
      metaBytes.length,
      message.binary !== undefined ? ENCODING_BINARY : ENCODING_JSON,
    ]);
    return Buffer.concat([header, topicBytes, eventBytes, metaBytes, body]);
  }
  const payload: Record<string, unknown> = {
    type: 'broadcast',
    event: message.event,
    payload: message.payload,
  };
  if (message.meta) payload.meta = message.meta;
  return encodeFrame({ join_ref: null, ref: null, topic, event: 'broadcast', payload }, vsn);
}
