/** The parsed form of a template: what the executor walks. */

export type Operand =
  | { readonly kind: 'field'; readonly path: string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly path: string[] }
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'pipeline'; readonly pipeline: Pipeline }
  | { readonly kind: 'function'; readonly name: string };

/** One stage of a pipeline: a function call with arguments, or a single value. */
export interface Command {
  readonly operands: Operand[];
}

export interface Pipeline {
  /** `$x := …` declares, `$x = …` assigns; `range $k, $v := …` declares two. */
  readonly declare: string[];
  readonly assign: boolean;
  readonly commands: Command[];
}

export interface Position {
  readonly template: string;
  readonly line: number;
}

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly pipeline: Pipeline; readonly at: Position }
  | { readonly kind: 'if' | 'with'; readonly branches: Branch[]; readonly otherwise: Node[]; readonly at: Position }
  | { readonly kind: 'range'; readonly pipeline: Pipeline; readonly body: Node[]; readonly otherwise: Node[]; readonly at: Position }
  | { readonly kind: 'template'; readonly name: string; readonly pipeline: Pipeline | null; readonly at: Position };

/** `if`/`with` and each `else if`/`else with` that follows it. */
export interface Branch {
  readonly condition: Pipeline;
  readonly body: Node[];
}
