import { TemplateEngine } from './template-engine.js';
import { TemplateSyntaxError } from './template-lexer.js';

function render(source: string, data: unknown = {}, partials: Record<string, string> = {}): string {
  const engine = new TemplateEngine();
  for (const [name, text] of Object.entries(partials)) engine.addFile(name, text);
  engine.addFile('main', source);
  return engine.execute('main', data);
}

describe('TemplateEngine', () => {
  describe('text and actions', () => {
    it('prints fields of the data, variables and literals', () => {
      expect(render('{{ .a.b }}-{{ $.a.b }}-{{ "s" }}-{{ 7 }}-{{ true }}', { a: { b: 'x' } })).toBe('x-x-s-7-true');
    });

    it('prints a missing key as nothing (Helm) but fails on a field of nil', () => {
      expect(render('[{{ .missing }}]', {})).toBe('[]');
      expect(() => render('{{ .missing.deeper }}', {})).toThrow(/nil pointer evaluating interface \{\}\.deeper/);
    });

    it('trims whitespace on the side of a dash, newlines included', () => {
      expect(render('a  \n  {{- "b" -}}  \n  c')).toBe('abc');
      expect(render('a\n{{ "b" -}}\n  c\n{{- "d" }}\n')).toBe('a\nbcd\n');
    });

    it('drops comments, with their trimming', () => {
      expect(render('a\n{{- /* a note */}}\nb')).toBe('a\nb');
    });

    it('keeps "}}" inside a quoted string', () => {
      expect(render('{{ "x}}y" }}')).toBe('x}}y');
    });
  });

  describe('control flow', () => {
    it('takes the first true branch of if / else if / else', () => {
      const template = '{{ if eq .n "a" }}A{{ else if eq .n "b" }}B{{ else }}other{{ end }}';
      expect(render(template, { n: 'a' })).toBe('A');
      expect(render(template, { n: 'b' })).toBe('B');
      expect(render(template, { n: 'c' })).toBe('other');
    });

    it('treats false, 0, "", nil, empty lists and maps as false', () => {
      for (const value of [false, 0, '', null, [], {}]) expect(render('{{ if .v }}yes{{ else }}no{{ end }}', { v: value })).toBe('no');
      for (const value of [true, 1, 'x', [0], { k: 1 }]) expect(render('{{ if .v }}yes{{ else }}no{{ end }}', { v: value })).toBe('yes');
    });

    it('ranges over lists with index and element, and over maps in key order', () => {
      expect(render('{{ range $i, $v := .list }}{{ $i }}={{ $v }};{{ end }}', { list: ['a', 'b'] })).toBe('0=a;1=b;');
      expect(render('{{ range $k, $v := .map }}{{ $k }}={{ $v }};{{ end }}', { map: { b: 2, a: 1 } })).toBe('a=1;b=2;');
      expect(render('{{ range .list }}<{{ . }}>{{ end }}', { list: ['x', 'y'] })).toBe('<x><y>');
    });

    it('runs the else of range when there is nothing to iterate', () => {
      expect(render('{{ range .list }}x{{ else }}none{{ end }}', { list: [] })).toBe('none');
    });

    it('sets the dot in with, and skips it for an empty value', () => {
      expect(render('{{ with .a }}{{ .b }}{{ end }}', { a: { b: 'in' } })).toBe('in');
      expect(render('{{ with .a }}{{ .b }}{{ else }}empty{{ end }}', { a: null })).toBe('empty');
    });

    it('reaches the root through $ inside range and with', () => {
      expect(render('{{ range .list }}{{ $.name }}{{ . }} {{ end }}', { name: 'n', list: [1, 2] })).toBe('n1 n2 ');
    });

    it('scopes variables to the block that declares them and lets = assign outer ones', () => {
      expect(render('{{ $x := "outer" }}{{ if true }}{{ $x = "set" }}{{ $y := "inner" }}{{ end }}{{ $x }}')).toBe('set');
      expect(() => render('{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}')).toThrow(/undefined variable: \$y/);
    });
  });

  describe('pipelines and named templates', () => {
    it('passes each result as the last argument of the next command', () => {
      expect(render('{{ .v | default "d" | quote }}', { v: '' })).toBe('"d"');
      expect(render('{{ printf "%s-%s" "a" "b" | trunc 3 }}')).toBe('a-b');
    });

    it('evaluates parenthesised pipelines as arguments', () => {
      expect(render('{{ default (printf "%s!" .n) .missing }}', { n: 'x' })).toBe('x!');
    });

    it('short-circuits and/or, so a guard protects the field after it', () => {
      expect(render('{{ if and .a .a.b }}yes{{ else }}no{{ end }}', { a: null })).toBe('no');
      expect(render('{{ or .a "fallback" }}', { a: '' })).toBe('fallback');
      expect(render('{{ and "x" "y" }}')).toBe('y');
    });

    it('includes a defined template with the given dot, as a string that pipes on', () => {
      const partials = { '_helpers.tpl': '{{- define "greet" -}}hello {{ .name }}{{- end }}' };
      expect(render('{{ include "greet" . | quote }}', { name: 'ann' }, partials)).toBe('"hello ann"');
      expect(render('[{{ template "greet" .person }}]', { person: { name: 'bo' } }, partials)).toBe('[hello bo]');
    });

    it('registers every file by its name so include can read another file', () => {
      expect(render('{{ include "other.yaml" . }}', { v: 1 }, { 'other.yaml': 'v={{ .v }}' })).toBe('v=1');
    });

    it('refuses a template that includes itself without end', () => {
      const partials = { '_loop.tpl': '{{ define "loop" }}{{ include "loop" . }}{{ end }}' };
      expect(() => render('{{ include "loop" . }}', {}, partials)).toThrow(/nested reference name: loop/);
    });
  });

  describe('errors', () => {
    it('locates execution errors by template and line', () => {
      expect(() => render('line 1\n{{ required "value x is required" .x }}')).toThrow('execution error at (main:2): error calling required: value x is required');
    });

    it('names unknown functions and templates', () => {
      expect(() => render('{{ nope 1 }}')).toThrow(/function "nope" not defined/);
      expect(() => render('{{ include "absent" . }}')).toThrow(/no template "absent"/);
    });

    it('refuses arguments to a value that is not a function', () => {
      expect(() => render('{{ .a "b" }}', { a: 1 })).toThrow(/can't give argument to non-function \.a/);
    });

    it('reports syntax errors with their line', () => {
      expect(() => render('ok\n{{ if .a }}never closed')).toThrow(TemplateSyntaxError);
      expect(() => render('ok\n{{ if .a }}never closed')).toThrow(/main:2: unexpected EOF/);
      expect(() => render('{{ end }}')).toThrow(/unexpected \{\{end\}\}/);
      expect(() => render('{{ "open')).toThrow(/unclosed action/);
    });

    it('refuses syntax outside the supported subset instead of guessing', () => {
      expect(() => render('{{ range .l }}{{ break }}{{ end }}', { l: [1] })).toThrow(/\{\{break\}\} is not supported/);
    });
  });
});
