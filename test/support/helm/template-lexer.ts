/**
 * Splits a Go template into text and actions, and an action into tokens. Covers the part of
 * text/template the kici-platform chart uses; anything else is refused with the template name and line,
 * so a chart can never silently rely on syntax this renderer does not understand.
 */

export class TemplateSyntaxError extends Error {
  constructor(template: string, line: number, message: string) {
    super(`template: ${template}:${line}: ${message}`);
    this.name = 'TemplateSyntaxError';
  }
}

export type Piece = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'action'; readonly source: string; readonly line: number };

const OPEN = '{{';
const CLOSE = '}}';

/**
 * Text and actions in order. `{{- ` removes all whitespace before the action, ` -}}` all whitespace after
 * it (Go requires the space next to the dash, otherwise `{{-3}}` would be ambiguous). Comments vanish.
 */
export function splitTemplate(source: string, template: string): Piece[] {
  const pieces: Piece[] = [];
  let position = 0;
  let trimNextText = false;
  const lineAt = (offset: number): number => source.slice(0, offset).split('\n').length;

  while (position <= source.length) {
    const open = source.indexOf(OPEN, position);
    let text = open === -1 ? source.slice(position) : source.slice(position, open);
    if (trimNextText) text = text.replace(/^\s+/, '');
    if (open === -1) {
      if (text) pieces.push({ kind: 'text', text });
      break;
    }
    const trimBefore = /^\{\{-\s/.test(source.slice(open, open + 4));
    if (trimBefore) text = text.replace(/\s+$/, '');
    if (text) pieces.push({ kind: 'text', text });

    const bodyStart = open + OPEN.length + (trimBefore ? 1 : 0);
    const close = findClose(source, bodyStart);
    if (close === -1) throw new TemplateSyntaxError(template, lineAt(open), 'unclosed action');
    const trimAfter = /\s-$/.test(source.slice(bodyStart - 1, close));
    const body = source.slice(bodyStart, trimAfter ? close - 1 : close).trim();
    if (!/^\/\*[\s\S]*\*\/$/.test(body)) pieces.push({ kind: 'action', source: body, line: lineAt(open) });
    trimNextText = trimAfter;
    position = close + CLOSE.length;
  }
  return pieces;
}

/** The `}}` that ends the action, skipping any inside quoted strings. */
function findClose(source: string, from: number): number {
  let quote: string | null = null;
  for (let index = from; index < source.length; index += 1) {
    const char = source[index];
    if (quote) {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === '`') {
      quote = char;
    } else if (source.startsWith(CLOSE, index)) {
      return index;
    }
  }
  return -1;
}

export type Token =
  | { readonly kind: 'field'; readonly path: string[] } // .a.b, or "." alone (empty path)
  | { readonly kind: 'variable'; readonly name: string; readonly path: string[] } // $, $x, $x.a
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number | bigint }
  | { readonly kind: 'punct'; readonly value: '|' | '(' | ')' | ':=' | '=' | ',' };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;
const FIELD_CHAIN = /^(\.[A-Za-z_][A-Za-z0-9_]*)+/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/;

/** Tokens of one action's body. */
export function tokenizeAction(body: string, template: string, line: number): Token[] {
  const tokens: Token[] = [];
  let rest = body;
  const fail = (message: string): never => {
    throw new TemplateSyntaxError(template, line, message);
  };
  while ((rest = rest.replace(/^\s+/, '')).length > 0) {
    let match: RegExpMatchArray | null;
    if (rest.startsWith(':=')) {
      tokens.push({ kind: 'punct', value: ':=' });
      rest = rest.slice(2);
    } else if ('|()=,'.includes(rest[0])) {
      tokens.push({ kind: 'punct', value: rest[0] as '|' | '(' | ')' | '=' | ',' });
      rest = rest.slice(1);
    } else if (rest[0] === '"') {
      match = rest.match(/^"(?:[^"\\]|\\.)*"/) ?? fail(`unterminated quoted string in ${body}`);
      tokens.push({ kind: 'string', value: JSON.parse(match[0]) as string });
      rest = rest.slice(match[0].length);
    } else if (rest[0] === '`') {
      const end = rest.indexOf('`', 1);
      if (end === -1) fail(`unterminated raw string in ${body}`);
      tokens.push({ kind: 'string', value: rest.slice(1, end) });
      rest = rest.slice(end + 1);
    } else if (rest[0] === '$') {
      match = rest.slice(1).match(IDENTIFIER);
      const name = `$${match ? match[0] : ''}`;
      rest = rest.slice(name.length);
      const chain = rest.match(FIELD_CHAIN);
      tokens.push({ kind: 'variable', name, path: chain ? chain[0].slice(1).split('.') : [] });
      rest = rest.slice(chain ? chain[0].length : 0);
    } else if (rest[0] === '.') {
      const chain = rest.match(FIELD_CHAIN);
      tokens.push({ kind: 'field', path: chain ? chain[0].slice(1).split('.') : [] });
      rest = rest.slice(chain ? chain[0].length : 1);
    } else if ((match = rest.match(NUMBER))) {
      // Go keeps integer constants as ints and the rest as floats; bigint stands for Go's int here.
      const text = match[0];
      tokens.push({ kind: 'number', value: /^-?\d+$/.test(text) ? BigInt(text) : Number(text) });
      rest = rest.slice(text.length);
    } else if ((match = rest.match(IDENTIFIER))) {
      tokens.push({ kind: 'identifier', name: match[0] });
      rest = rest.slice(match[0].length);
    } else {
      fail(`unexpected "${rest[0]}" in ${body}`);
    }
  }
  return tokens;
}
