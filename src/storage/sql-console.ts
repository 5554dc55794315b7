import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** The rows and column names of one read-only statement; truncated when rows stopped at the cap. */
export interface ConsoleResult {
  rows: Record<string, unknown>[];
  columns: string[];
  truncated: boolean;
}

/**
 * Why a statement was refused or stopped: `invalid` (does not compile), `writes` (can change the
 * database), `reaches` (ATTACH, VACUUM ... or a pragma that sets something), `no-rows`, `timeout`.
 */
export class ConsoleRefusal extends Error {
  constructor(
    readonly reason: 'invalid' | 'writes' | 'reaches' | 'no-rows' | 'timeout',
    message: string,
    /** The SQLite error code, when SQLite gave one (SQLITE_CORRUPT: the file, not the statement). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The statement compiled but failed while running (out of memory, a damaged page ...). */
export class ConsoleFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Limits of one console statement. */
export interface ConsoleLimits {
  /** Wall time, from start to the last row; the query is killed when it is up. */
  timeoutMs: number;
  /** Rows returned at most; the result says `truncated` when there were more. */
  maxRows: number;
}

// Pragmas that only read: bare (`PRAGMA page_count`) or with a table or index name as argument.
const NAME_PRAGMAS = [
  'table_info',
  'table_xinfo',
  'table_list',
  'index_info',
  'index_xinfo',
  'index_list',
  'foreign_key_list',
  'foreign_key_check',
  'integrity_check',
  'quick_check',
];
const BARE_PRAGMAS = [
  ...NAME_PRAGMAS,
  'application_id',
  'auto_vacuum',
  'collation_list',
  'compile_options',
  'data_version',
  'database_list',
  'encoding',
  'foreign_keys',
  'freelist_count',
  'function_list',
  'module_list',
  'page_count',
  'page_size',
  'pragma_list',
  'schema_version',
  'user_version',
];
// Statements that read nothing useful but can reach other files or rewrite the database.
const REACHES = /^(attach|detach|vacuum|reindex|analyze)\b/i;
const PRAGMA = /^pragma\s+(?:"?\w+"?\s*\.\s*)?"?(\w+)"?\s*([=(])?/i;

/** The statement without the comments and white space in front of it. */
function withoutLeadingComments(statement: string): string {
  return statement.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/, '');
}

/**
 * Refuses, before anything runs, what a read-only connection would still allow: ATTACH, DETACH,
 * VACUUM (INTO), REINDEX, ANALYZE, and pragmas other than the ones that only read (PRAGMA
 * table_info(posts) is fine, PRAGMA user_version = 5 or PRAGMA hard_heap_limit = 1 is not).
 * Throws ConsoleRefusal('reaches').
 */
export function checkStatement(statement: string): void {
  const s = withoutLeadingComments(statement);
  if (REACHES.test(s)) {
    throw new ConsoleRefusal(
      'reaches',
      'only read-only statements are allowed (ATTACH, DETACH, VACUUM, REINDEX and ANALYZE are refused: ' +
        'they can change the database or reach another file)',
    );
  }
  const pragma = PRAGMA.exec(s);
  if (!pragma) return;
  const name = pragma[1]!.toLowerCase();
  const op = pragma[2];
  const allowed = op === '=' ? false : op === '(' ? NAME_PRAGMAS.includes(name) : BARE_PRAGMAS.includes(name);
  if (!allowed) {
    throw new ConsoleRefusal(
      'reaches',
      `PRAGMA ${name}${op === '=' ? ' = ...' : op === '(' ? '(...)' : ''} is refused: only pragmas that read are ` +
        'allowed, like PRAGMA table_info(posts), index_list(posts), foreign_key_list(posts), integrity_check, page_count',
    );
  }
}

// SQLite's own allocations in the console process are capped (a runaway sort fails with "out of memory").
const HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;

// The console process: opens the file read-only (query_only too), compiles the statement, and
// iterates at most maxRows + 1 rows, so an endless statement that yields rows stops at the cap.
// One that yields no rows for a long time (count(*) over an endless recursive CTE) stays inside one
// SQLite call, which neither a JS check nor worker.terminate() can interrupt: the parent kills the process.
const CHILD = `'use strict';
process.once('message', (job) => {
  const reply = (m) => process.send(m, () => process.exit(0));
  const fail = (kind, err) => reply({ kind, message: String(err && err.message), code: err && err.code });
  let db;
  try {
    const SQLite = require(job.module);
    db = new SQLite(job.path, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('hard_heap_limit = ' + job.heapLimit);
  } catch (err) {
    return fail('failed', err);
  }
  let stmt;
  try {
    stmt = db.prepare(job.statement);
  } catch (err) {
    return fail('invalid', err);
  }
  if (!stmt.readonly) return reply({ kind: 'writes' });
  if (!stmt.reader) return reply({ kind: 'no-rows' });
  try {
    const rows = [];
    let truncated = false;
    for (const row of stmt.iterate()) {
      if (rows.length >= job.maxRows) {
        truncated = true;
        break;
      }
      rows.push(row);
    }
    reply({ kind: 'rows', rows, columns: stmt.columns().map((c) => c.name), truncated });
  } catch (err) {
    fail('failed', err);
  }
});
`;

type ChildReply =
  | { kind: 'rows'; rows: Record<string, unknown>[]; columns: string[]; truncated: boolean }
  | { kind: 'invalid' | 'failed'; message: string; code?: string }
  | { kind: 'writes' | 'no-rows' };

/**
 * Runs one statement on a read-only connection to the file at `path` (`webcare sql`), in a child
 * process that is killed when `timeoutMs` is up; at most `maxRows` rows come back.
 * Rejects with ConsoleRefusal (refused, does not compile, can write, returns no rows, timed out) or
 * ConsoleFailure (failed while running).
 */
export async function runConsole(path: string, statement: string, limits: ConsoleLimits): Promise<ConsoleResult> {
  checkStatement(statement);
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // a plain node: no loaders or preloads the parent runs with
  const child = spawn(process.execPath, ['-e', CHILD], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced', // Buffers (BLOBs) arrive as Buffers
    env,
  });
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  return new Promise<ConsoleResult>((resolve, reject) => {
    let stderr = '';
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      process.off('exit', killChild);
      fn();
    };
    const timer = setTimeout(() => {
      killChild();
      finish(() => reject(new ConsoleRefusal('timeout', `stopped after ${limits.timeoutMs} ms`)));
    }, limits.timeoutMs);
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 4096) stderr += d.toString();
    });
    child.once('error', (err) => finish(() => reject(new ConsoleFailure(`cannot start the query: ${err.message}`))));
    // 'close' comes after the last message of the child: without a reply, the process died (killed, crashed).
    child.once('close', (code, signal) => {
      const why = stderr.trim().split('\n').pop();
      const end = signal ?? `exit code ${code}`;
      finish(() => reject(new ConsoleFailure(`the query process ended (${end})${why ? `: ${why}` : ''}`)));
    });
    child.once('message', (m: ChildReply) => {
      finish(() => {
        if (m.kind === 'rows') resolve({ rows: m.rows, columns: m.columns, truncated: m.truncated });
        else if (m.kind === 'invalid') reject(new ConsoleRefusal('invalid', m.message, m.code));
        else if (m.kind === 'failed') reject(new ConsoleFailure(m.message, m.code));
        else if (m.kind === 'writes') reject(new ConsoleRefusal('writes', 'the statement can change the database'));
        else reject(new ConsoleRefusal('no-rows', 'the statement returns no rows'));
      });
    });
    const job = {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      statement,
      maxRows: limits.maxRows,
      heapLimit: HEAP_LIMIT_BYTES,
    };
    child.send(job);
  });
}
