import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { $ZodIssue } from 'zod/v4/core';
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.js';

/** A parsed YAML file that can say on which line a key path sits. */
export interface YamlSource {
  file: string;
  data: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML text; throws ConfigError "file:line: message" on a syntax error. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = lineCounter.linePos(err.pos[0]).line;
    throw new ConfigError(`${file}:${line}: ${err.message.split('\n')[0]}`);
  }
  return {
    file,
    data: doc.toJS() ?? {},
    lineOf(path) {
      // Walk up to the deepest node that exists (a missing key is reported at its parent).
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

/** Formats a key path the way users read it: organisations[3].accounts.x */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** Turns the first zod issue into one line: "file: key.path: what is wrong (line N)". */
export function issueToError(src: YamlSource, issue: $ZodIssue, prefix: readonly PropertyKey[] = []): ConfigError {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0] ?? '?');
  const line = src.lineOf(path);
  const where = formatPath(path) || '(top level)';
  return new ConfigError(`${src.file}: ${where}: ${describe(issue)}${line ? ` (line ${line})` : ''}`);
}

function describe(issue: $ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? `is required (${issue.expected})` : `must be ${article(issue.expected)}`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union') return issue.errors.flat()[0]?.message ?? issue.message;
  return issue.message;
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** Reads and parses a YAML file; a missing file is a ConfigError "<file>: <what> not found". */
export function readYamlFile(file: string, what: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`${file}: ${what} not found`);
  }
  return parseYamlSource(file, text);
}
