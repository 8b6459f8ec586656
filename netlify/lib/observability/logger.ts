/**
 * Structured JSON logs: one line per event on stdout (stderr for warn/error), which Netlify's log
 * drains and any log search can filter by field. Every line of a request carries its requestId.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const rank: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * The level is read on every line rather than at start-up so that a logger made before the
 * environment is parsed (or after a test changes LOG_LEVEL) still obeys it.
 */
function threshold(): number {
  const level = process.env.LOG_LEVEL?.trim() as keyof typeof rank | undefined;
  return rank[level && level in rank ? level : 'info'];
}

/** Errors do not serialise with JSON.stringify; keep what helps debugging. */
export function serializeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { value: String(error) };
  const extra = error as Error & { code?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(extra.code === undefined ? {} : { code: extra.code }),
    stack: error.stack,
    ...(error.cause === undefined ? {} : { cause: serializeError(error.cause) }),
  };
}

export function createLogger(base: LogFields = {}): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (rank[level] < threshold()) return;
    const line = JSON.stringify(
      { ts: new Date().toISOString(), level, message, ...base, ...fields },
      (_key, value) =>
        value instanceof Error ? serializeError(value) : typeof value === 'bigint' ? value.toString() : value,
    );
    if (level === 'warn' || level === 'error') process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

export const logger = createLogger();
