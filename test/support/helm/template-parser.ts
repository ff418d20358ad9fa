import type { Branch, Command, Node, Operand, Pipeline, Position } from './template-ast.js';
import { splitTemplate, TemplateSyntaxError, tokenizeAction, type Piece, type Token } from './template-lexer.js';

export interface ParsedTemplate {
  readonly root: Node[];
  /** `{{ define "name" }}` bodies found in the file. */
  readonly defines: Map<string, Node[]>;
}

type Terminator = { readonly keyword: 'end' | 'else'; readonly tokens: Token[]; readonly at: Position } | null;

const UNSUPPORTED = new Set(['block', 'break', 'continue']);

/** Parses one template file into its output tree and the named templates it defines. */
export function parseTemplate(source: string, template: string): ParsedTemplate {
  return new Parser(splitTemplate(source, template), template).parseFile();
}

class Parser {
  private index = 0;
  private readonly defines = new Map<string, Node[]>();

  constructor(
    private readonly pieces: Piece[],
    private readonly template: string,
  ) {}

  parseFile(): ParsedTemplate {
    const { nodes, terminator } = this.parseList();
    if (terminator) this.fail(terminator.at, `unexpected {{${terminator.keyword}}}`);
    return { root: nodes, defines: this.defines };
  }

  /** Nodes up to the next `{{end}}`/`{{else …}}` at this level, or to the end of the file. */
  private parseList(): { nodes: Node[]; terminator: Terminator } {
    const nodes: Node[] = [];
    while (this.index < this.pieces.length) {
      const piece = this.pieces[this.index++];
      if (piece.kind === 'text') {
        nodes.push({ kind: 'text', text: piece.text });
        continue;
      }
      const at = { template: this.template, line: piece.line };
      const tokens = tokenizeAction(piece.source, this.template, piece.line);
      const keyword = tokens[0]?.kind === 'identifier' ? tokens[0].name : null;
      if (tokens.length === 0) this.fail(at, 'missing value for command');
      if (keyword === 'end' || keyword === 'else') return { nodes, terminator: { keyword, tokens: tokens.slice(1), at } };
      if (keyword === 'if' || keyword === 'with') nodes.push(this.parseConditional(keyword, tokens.slice(1), at));
      else if (keyword === 'range') nodes.push(this.parseRange(tokens.slice(1), at));
      else if (keyword === 'define') this.parseDefine(tokens.slice(1), at);
      else if (keyword === 'template') nodes.push(this.parseTemplateCall(tokens.slice(1), at));
      else if (keyword !== null && UNSUPPORTED.has(keyword)) this.fail(at, `{{${keyword}}} is not supported by this renderer`);
      else nodes.push({ kind: 'output', pipeline: this.parsePipeline(tokens, at), at });
    }
    return { nodes, terminator: null };
  }

  private parseConditional(keyword: 'if' | 'with', tokens: Token[], at: Position): Node {
    const branches: Branch[] = [];
    let condition = this.parsePipeline(tokens, at);
    for (;;) {
      const { nodes, terminator } = this.parseList();
      branches.push({ condition, body: nodes });
      if (!terminator) this.fail(at, `unexpected EOF: {{${keyword}}} has no {{end}}`);
      if (terminator.keyword === 'end') return { kind: keyword, branches, otherwise: [], at };
      const chained = terminator.tokens[0];
      if (chained?.kind === 'identifier' && chained.name === keyword) {
        condition = this.parsePipeline(terminator.tokens.slice(1), terminator.at);
        continue;
      }
      if (terminator.tokens.length > 0) this.fail(terminator.at, `{{else}} inside {{${keyword}}} takes only "${keyword}"`);
      return { kind: keyword, branches, otherwise: this.parseUntilEnd(keyword, at), at };
    }
  }

  private parseRange(tokens: Token[], at: Position): Node {
    const pipeline = this.parsePipeline(tokens, at);
    if (pipeline.declare.length > 2) this.fail(at, 'too many declarations in range');
    const { nodes, terminator } = this.parseList();
    if (!terminator) this.fail(at, 'unexpected EOF: {{range}} has no {{end}}');
    if (terminator.keyword === 'end') return { kind: 'range', pipeline, body: nodes, otherwise: [], at };
    if (terminator.tokens.length > 0) this.fail(terminator.at, '{{else}} inside {{range}} takes no pipeline');
    return { kind: 'range', pipeline, body: nodes, otherwise: this.parseUntilEnd('range', at), at };
  }

  private parseUntilEnd(keyword: string, at: Position): Node[] {
    const { nodes, terminator } = this.parseList();
    if (!terminator || terminator.keyword !== 'end') this.fail(at, `{{${keyword}}} needs {{end}} after {{else}}`);
    return nodes;
  }

  private parseDefine(tokens: Token[], at: Position): void {
    const name = tokens[0];
    if (tokens.length !== 1 || name.kind !== 'string') this.fail(at, '{{define}} takes exactly one quoted name');
    const { nodes, terminator } = this.parseList();
    if (!terminator || terminator.keyword !== 'end' || terminator.tokens.length > 0) this.fail(at, `{{define "${name.value}"}} needs {{end}}`);
    this.defines.set(name.value, nodes);
  }

  private parseTemplateCall(tokens: Token[], at: Position): Node {
    const name = tokens[0];
    if (name?.kind !== 'string') this.fail(at, '{{template}} needs a quoted name');
    const pipeline = tokens.length > 1 ? this.parsePipeline(tokens.slice(1), at) : null;
    return { kind: 'template', name: name.value, pipeline, at };
  }

  private parsePipeline(tokens: Token[], at: Position): Pipeline {
    const declare: string[] = [];
    let assign = false;
    let rest = tokens;
    const operator = tokens.findIndex((token) => token.kind === 'punct' && (token.value === ':=' || token.value === '='));
    if (operator > 0 && tokens.slice(0, operator).every((token) => token.kind === 'variable' || (token.kind === 'punct' && token.value === ','))) {
      for (const token of tokens.slice(0, operator)) if (token.kind === 'variable') declare.push(token.name);
      assign = (tokens[operator] as { value: string }).value === '=';
      rest = tokens.slice(operator + 1);
    }
    const commands: Command[] = this.splitTopLevel(rest, '|').map((part) => ({ operands: this.parseOperands(part, at) }));
    if (commands.some((command) => command.operands.length === 0)) this.fail(at, 'missing command in pipeline');
    return { declare, assign, commands };
  }

  private parseOperands(tokens: Token[], at: Position): Operand[] {
    const operands: Operand[] = [];
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index];
      switch (token.kind) {
        case 'field':
          operands.push({ kind: 'field', path: token.path });
          break;
        case 'variable':
          operands.push({ kind: 'variable', name: token.name, path: token.path });
          break;
        case 'string':
        case 'number':
          operands.push({ kind: 'literal', value: token.value });
          break;
        case 'identifier':
          if (token.name === 'true' || token.name === 'false') operands.push({ kind: 'literal', value: token.name === 'true' });
          else if (token.name === 'nil') operands.push({ kind: 'literal', value: null });
          else operands.push({ kind: 'function', name: token.name });
          break;
        case 'punct': {
          if (token.value !== '(') this.fail(at, `unexpected "${token.value}" in operand`);
          const close = this.matchingParen(tokens, index, at);
          operands.push({ kind: 'pipeline', pipeline: this.parsePipeline(tokens.slice(index + 1, close), at) });
          index = close;
          break;
        }
      }
    }
    return operands;
  }

  private matchingParen(tokens: Token[], open: number, at: Position): number {
    let depth = 0;
    for (let index = open; index < tokens.length; index += 1) {
      const token = tokens[index];
      if (token.kind !== 'punct') continue;
      if (token.value === '(') depth += 1;
      if (token.value === ')' && --depth === 0) return index;
    }
    return this.fail(at, 'unclosed left paren');
  }

  private splitTopLevel(tokens: Token[], separator: '|'): Token[][] {
    const parts: Token[][] = [[]];
    let depth = 0;
    for (const token of tokens) {
      if (token.kind === 'punct' && token.value === '(') depth += 1;
      if (token.kind === 'punct' && token.value === ')') depth -= 1;
      if (depth === 0 && token.kind === 'punct' && token.value === separator) parts.push([]);
      else parts[parts.length - 1].push(token);
    }
    return parts;
  }

  private fail(at: Position, message: string): never {
    throw new TemplateSyntaxError(at.template, at.line, message);
  }
}
