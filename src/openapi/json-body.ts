/**
 * Guards for JSON request bodies, used by the JSON body parser (src/routes/json-body-parser.ts)
 * and the .iar reader.
 *
 * Depth: a bound on how deeply a document may nest, checked on the raw bytes
 * before JSON.parse. Request bodies flow into recursive code (schema
 * validation, deep merge, the canonical form behind opc-retry-token, JSON
 * columns): a body of 5,000 nested arrays — 10 KB — overflowed the stack
 * there and answered 500. No request of the APIs nests anywhere near this.
 *
 * Messages: V8's parse errors quote the text around the error
 * (`Unexpected token 'h', ..."password": hunter2}"... is not valid JSON`),
 * which put a client's secret into the 400, the journal and the logs.
 */
export const MAX_JSON_DEPTH = 100;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** True when brackets outside strings nest deeper than `max` (malformed input is left to JSON.parse). */
export function jsonTooDeep(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) {
      i = closingQuote(bytes, i);
      if (i < 0) return false;
    } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/** Index of the quote closing the string opened at `open` (native search: long strings cost little), or -1. */
function closingQuote(bytes: Uint8Array, open: number): number {
  let j = open;
  for (;;) {
    j = bytes.indexOf(QUOTE, j + 1);
    if (j < 0) return -1;
    let backslashes = 0;
    for (let k = j - 1; k > open && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
}

/** A JSON.parse error message without the quoted excerpt of the input (it may hold a secret). */
export function jsonErrorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, ' (not valid JSON)');
}
