/** The ingest floor: read a twarc2 file line by line, JSON.parse, insert each tweet's id and text with one prepared statement in one transaction. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import SQLite from 'better-sqlite3';

const [file, dbPath] = process.argv.slice(2) as [string, string];
const db = new SQLite(dbPath);
db.pragma('journal_mode = WAL');
db.exec('create table if not exists t (id text primary key, text text)');
const insert = db.prepare('insert or ignore into t (id, text) values (?, ?)');
db.exec('begin');
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line) continue;
  const page = JSON.parse(line) as { data?: { id: string; text: string }[] };
  for (const t of page.data ?? []) insert.run(t.id, t.text);
}
db.exec('commit');
db.close();
