import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { $ZodIssue } from 'zod/v4/core';
import { readFileSync, statSync } from 'node:fs';
import { ConfigError, describeFsError } from './errors.js';

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
  let data: unknown;
  try {
    // toJS expands aliases: a document built to explode (an alias bomb) stops here, blamed on its file.
    data = doc.toJS() ?? {};
  } catch (e) {
    throw new ConfigError(`${file}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  return {
    file,
    data,
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
  return new ConfigError(`${src.file}: ${where}: ${describeIssue(issue)}${line ? ` (line ${line})` : ''}`);
}

/** What a zod issue says, in the words the config errors use ("must be a number"). */
export function describeIssue(issue: $ZodIssue): string {
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

/**
 * Reads a text file the user named (config, registry, phrase list): a missing file, a directory, a
 * FIFO or device (which would block), or an unreadable file is a ConfigError naming the file.
 */
export function readTextFile(file: string, what: string): string {
  let st;
  try {
    st = statSync(file);
  } catch (err) {
    const missing = (err as { code?: string }).code === 'ENOENT';
    throw new ConfigError(missing ? `${file}: ${what} not found` : `${file}: cannot read ${what}: ${describeFsError(err)}`);
  }
  if (st.isDirectory()) throw new ConfigError(`${file}: ${what} is a directory, expected a file`);
  if (!st.isFile()) throw new ConfigError(`${file}: ${what} is not a regular file (a FIFO, device or socket)`);
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read ${what}: ${describeFsError(err)}`);
  }
}

/** Reads and parses a YAML file; a missing or unreadable file is a ConfigError naming it ("<file>: <what> not found"). */
export function readYamlFile(file: string, what: string): YamlSource {
  return parseYamlSource(file, readTextFile(file, what));
}
