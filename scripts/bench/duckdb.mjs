// DuckDB as a peer in `npm run bench` (through @duckdb/node-api, a devDependency): one SQL query in a child process, timed like our commands.
// As a module: duckdbArgs(sql, threads) gives the child's argv; run directly: node scripts/bench/duckdb.mjs THREADS SQL prints the rows as JSON.
import { fileURLToPath } from 'node:url';

export const DUCKDB_SCRIPT = fileURLToPath(import.meta.url);

/** The node argv that runs `sql` in DuckDB with `threads` threads and prints its rows as JSON (BigInt/decimal as strings). */
export function duckdbArgs(sql, threads = 2) {
  return [DUCKDB_SCRIPT, String(threads), sql];
}

/** Whether the peer can run here (the devDependency installed for this platform). */
export async function duckdbAvailable() {
  try {
    await import('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const [threads, sql] = process.argv.slice(2);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await db.connect();
  const reader = await con.runAndReadAll(sql);
  const rows = reader.getRows().map((r) => r.map((v) => (v === null || typeof v !== 'object' ? (typeof v === 'bigint' ? String(v) : v) : String(v))));
  process.stdout.write(JSON.stringify(rows));
}

if (process.argv[1] === DUCKDB_SCRIPT) await main();
