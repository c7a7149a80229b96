/**
 * Child process for the lock tests: opens the PGlite data folder given as argument, writes a row,
 * prints "open" and then holds the database until killed. On failure prints the error message to
 * stderr and exits with code 3.
 */
import { openDatabase } from "../../src/db/open-database.ts";

const dataDir = process.argv[2];
try {
  const db = await openDatabase({ dataDir });
  await db.run(async (k) => {
    await k.raw("CREATE TABLE IF NOT EXISTS held_by (pid int)");
    await k.raw("INSERT INTO held_by VALUES (?)", [process.pid]);
  });
  process.stdout.write("open\n");
  setInterval(() => {}, 60_000);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(3);
}
