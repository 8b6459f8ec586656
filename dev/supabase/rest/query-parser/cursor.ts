/**
 * A character cursor for the small recursive-descent parsers of the query string. Errors read like
 * PostgREST's (Parsec) ones: message `"failed to parse <what> (<input>)" (line 1, column N)` and
 * details `unexpected "x" expecting …`, code PGRST100.
 */
import { RestError } from '../errors';

export class Cursor {
  position = 0;

  constructor(
    readonly input: string,
    /** e.g. `select parameter`, `filter`, `logic tree`, `order`. */
    private readonly what: string,
  ) {}

  get atEnd(): boolean {
    return this.position >= this.input.length;
  }

  peek(offset = 0): string | undefined {
    return this.input[this.position + offset];
  }

  startsWith(text: string): boolean {
    return this.input.startsWith(text, this.position);
  }

  /** Consumes `text` if it comes next. */
  eat(text: string): boolean {
    if (!this.startsWith(text)) return false;
    this.position += text.length;
    return true;
  }

  expect(text: string): void {
    if (!this.eat(text)) throw this.error([`"${text}"`]);
  }

  expectEnd(expected: string[]): void {
    if (!this.atEnd) throw this.error([...expected, 'end of input']);
  }

  /** Consumes characters while `accept` holds; returns them. */
  takeWhile(accept: (char: string, index: number) => boolean): string {
    const start = this.position;
    while (!this.atEnd && accept(this.input[this.position] as string, this.position)) this.position += 1;
    return this.input.slice(start, this.position);
  }

  /** A `"double quoted"` token with backslash escapes (`\"`, `\\`). */
  quoted(): string {
    this.expect('"');
    let value = '';
    for (;;) {
      const char = this.peek();
      if (char === undefined) throw this.error(['"\\""']);
      this.position += 1;
      if (char === '"') return value;
      if (char === '\\' && this.peek() !== undefined) {
        value += this.peek();
        this.position += 1;
      } else {
        value += char;
      }
    }
  }

  error(expected: string[]): RestError {
    const next = this.peek();
    const unexpected = next === undefined ? 'unexpected end of input' : `unexpected ${JSON.stringify(next)}`;
    const expecting = expected.length ? ` expecting ${joinAlternatives(expected)}` : '';
    return RestError.parse(
      `"failed to parse ${this.what} (${this.input})" (line 1, column ${this.position + 1})`,
      `${unexpected}${expecting}`,
    );
  }
}

function joinAlternatives(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
