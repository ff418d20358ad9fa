import type { Command, Node, Operand, Pipeline, Position } from './template-ast.js';
import { isMap, isTruthy, printValue, readPath } from './go-values.js';
import { templateFunctions } from './template-functions.js';
import { parseTemplate } from './template-parser.js';

/** A failure while executing, located like Helm's "execution error at (file:line)". */
export class TemplateExecutionError extends Error {
  constructor(at: Position, message: string) {
    super(`execution error at (${at.template}:${at.line}): ${message}`);
    this.name = 'TemplateExecutionError';
  }
}

/** Helm refuses deeper include chains too (it guards against a template including itself). */
const MAX_INCLUDE_DEPTH = 100;

interface Scope {
  readonly dot: unknown;
  /** Innermost frame last; a frame lives as long as the if/with/range body that opened it. */
  readonly frames: Map<string, unknown>[];
  readonly depth: number;
}

/**
 * A set of named templates (each file under its path, plus every `{{define}}`) that can be executed
 * against data, as Helm does for a chart.
 */
export class TemplateEngine {
  private readonly templates = new Map<string, Node[]>();

  /** Parses a file and registers it under `name`, together with the templates it defines. */
  addFile(name: string, source: string): void {
    const parsed = parseTemplate(source, name);
    this.templates.set(name, parsed.root);
    for (const [defined, body] of parsed.defines) this.templates.set(defined, body);
  }

  execute(name: string, data: unknown): string {
    return this.run(name, data, 0, { template: name, line: 0 });
  }

  private run(name: string, dot: unknown, depth: number, at: Position): string {
    const body = this.templates.get(name);
    if (!body) throw new TemplateExecutionError(at, `no template "${name}" associated with template`);
    if (depth > MAX_INCLUDE_DEPTH) throw new TemplateExecutionError(at, `rendering template has a nested reference name: ${name}`);
    return this.walk(body, { dot, frames: [new Map([['$', dot]])], depth });
  }

  private walk(nodes: Node[], scope: Scope): string {
    let output = '';
    for (const node of nodes) output += this.node(node, scope);
    return output;
  }

  private node(node: Node, scope: Scope): string {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'output': {
        const value = this.pipeline(node.pipeline, scope, node.at);
        return node.pipeline.declare.length > 0 ? '' : printValue(value);
      }
      case 'if':
      case 'with':
        for (const branch of node.branches) {
          const value = this.pipeline(branch.condition, scope, node.at);
          if (isTruthy(value)) return this.walk(branch.body, this.enter(scope, node.kind === 'with' ? value : scope.dot));
        }
        return this.walk(node.otherwise, this.enter(scope, scope.dot));
      case 'range':
        return this.range(node.pipeline, node.body, node.otherwise, scope, node.at);
      case 'template': {
        const dot = node.pipeline ? this.pipeline(node.pipeline, scope, node.at) : null;
        return this.run(node.name, dot, scope.depth + 1, node.at);
      }
    }
  }

  private range(pipeline: Pipeline, body: Node[], otherwise: Node[], scope: Scope, at: Position): string {
    const value = this.evaluateCommands(pipeline.commands, scope, at);
    let entries: [unknown, unknown][];
    if (value === null || value === undefined) entries = [];
    else if (Array.isArray(value)) entries = value.map((item, index) => [BigInt(index), item]);
    else if (isMap(value)) entries = Object.keys(value).sort().map((key) => [key, value[key]]);
    else throw new TemplateExecutionError(at, `range can't iterate over ${printValue(value)}`);
    if (entries.length === 0) return this.walk(otherwise, this.enter(scope, scope.dot));

    let output = '';
    for (const [key, item] of entries) {
      const inner = this.enter(scope, item);
      const frame = inner.frames[inner.frames.length - 1];
      if (pipeline.declare.length === 1) frame.set(pipeline.declare[0], item);
      if (pipeline.declare.length === 2) {
        frame.set(pipeline.declare[0], key);
        frame.set(pipeline.declare[1], item);
      }
      output += this.walk(body, inner);
    }
    return output;
  }

  private enter(scope: Scope, dot: unknown): Scope {
    return { ...scope, dot, frames: [...scope.frames, new Map()] };
  }

  private pipeline(pipeline: Pipeline, scope: Scope, at: Position): unknown {
    const value = this.evaluateCommands(pipeline.commands, scope, at);
    for (const name of pipeline.declare) {
      if (!pipeline.assign) {
        scope.frames[scope.frames.length - 1].set(name, value);
        continue;
      }
      const frame = [...scope.frames].reverse().find((candidate) => candidate.has(name));
      if (!frame) throw new TemplateExecutionError(at, `undefined variable: ${name}`);
      frame.set(name, value);
    }
    return value;
  }

  private evaluateCommands(commands: Command[], scope: Scope, at: Position): unknown {
    let piped: { value: unknown } | null = null;
    for (const command of commands) piped = { value: this.command(command, scope, at, piped) };
    return piped?.value;
  }

  private command(command: Command, scope: Scope, at: Position, piped: { value: unknown } | null): unknown {
    const [head, ...rest] = command.operands;
    if (head.kind !== 'function') {
      if (rest.length > 0 || piped) throw new TemplateExecutionError(at, `can't give argument to non-function ${describe(head)}`);
      return this.operand(head, scope, at);
    }
    const lazyArgs = [...rest.map((operand) => () => this.operand(operand, scope, at)), ...(piped ? [() => piped.value] : [])];
    try {
      if (head.name === 'and' || head.name === 'or') return this.logical(head.name, lazyArgs);
      const args = lazyArgs.map((evaluate) => evaluate());
      if (head.name === 'include') {
        if (args.length !== 2) throw new Error(`wrong number of args for include: want 2 got ${args.length}`);
        return this.run(String(args[0]), args[1], scope.depth + 1, at);
      }
      const fn = templateFunctions[head.name];
      if (!fn) throw new TemplateExecutionError(at, `function "${head.name}" not defined`);
      return fn(...args);
    } catch (error) {
      if (error instanceof TemplateExecutionError) throw error;
      throw new TemplateExecutionError(at, `error calling ${head.name}: ${(error as Error).message}`);
    }
  }

  /** Go 1.18+: `and` stops at the first empty argument, `or` at the first non-empty one. */
  private logical(name: 'and' | 'or', args: (() => unknown)[]): unknown {
    if (args.length === 0) throw new Error(`wrong number of args for ${name}: want at least 1 got 0`);
    let value: unknown;
    for (const evaluate of args) {
      value = evaluate();
      if (isTruthy(value) === (name === 'or')) return value;
    }
    return value;
  }

  private operand(operand: Operand, scope: Scope, at: Position): unknown {
    try {
      switch (operand.kind) {
        case 'literal':
          return operand.value;
        case 'field':
          return readPath(scope.dot, operand.path, '');
        case 'variable': {
          const frame = [...scope.frames].reverse().find((candidate) => candidate.has(operand.name));
          if (!frame) throw new Error(`undefined variable: ${operand.name}`);
          return readPath(frame.get(operand.name), operand.path, operand.name);
        }
        case 'pipeline':
          return this.evaluateCommands(operand.pipeline.commands, scope, at);
        case 'function':
          return this.command({ operands: [operand] }, scope, at, null);
      }
    } catch (error) {
      if (error instanceof TemplateExecutionError) throw error;
      throw new TemplateExecutionError(at, (error as Error).message);
    }
  }
}

function describe(operand: Operand): string {
  if (operand.kind === 'field') return `.${operand.path.join('.')}`;
  if (operand.kind === 'variable') return [operand.name, ...operand.path].join('.');
  return printValue(operand.kind === 'literal' ? operand.value : '(pipeline)');
}
