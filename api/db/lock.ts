/**
 * One process at a time on an embedded data directory (issue #11, item 3). PGlite is a whole
 * PostgreSQL in one process with no shared memory or postmaster between processes: two of them on
 * one directory each believe they own it, and the directory is corrupted (lost commits, broken
 * indexes). So the embedded engine takes this lock before it opens the directory.
 *
 * Node has no flock(), and a lock FILE needs a stale-lock rule that two racing starters can both
 * pass (both see the holder dead, both delete and recreate). Instead the lock is a socket the
 * kernel owns: a listening Unix socket in Linux's abstract namespace (a named pipe on Windows),
 * named after the directory's device and inode. Binding a name is atomic (of two racing starters
 * exactly one gets it) and the kernel frees it when the process ends in any way, `kill -9`
 * included, so a crashed server's directory opens again with no clean-up and no staleness guess.
 * The holder answers whoever connects with who it is (pid, host, command, since), for the message.
 *
 * The abstract namespace belongs to one network namespace: processes in two containers (or on two
 * hosts over NFS) sharing the directory cannot see each other's socket. For them the holder also
 * keeps `<dir>.lock` (JSON, the same facts) touched every HEARTBEAT_MS; a starter that wins the
 * socket but finds that file from ANOTHER host fresher than LEASE_MS refuses too. That check
 * catches a running holder but is not race-proof: give each container a directory of its own.
 * Other platforms (macOS) bind a filesystem socket in the temp directory and treat a socket nobody
 * answers on as stale (there the takeover of a stale socket is not race-proof either).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const HEARTBEAT_MS = 10_000;
const LEASE_MS = 60_000;

export interface LockHolder {
  pid: number;
  hostname: string;
  /** What the holder runs, e.g. "kontakt serve" (command words only, never option values). */
  command: string;
  since: string;
}

export interface DirLock {
  holder: LockHolder;
  release(): Promise<void>;
}

/** The directory is held by another process; the message names the directory and the holder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder
      ? `pid ${holder.pid} (${holder.command}${holder.hostname !== os.hostname() ? ` on host ${holder.hostname}` : ''}, since ${holder.since})`
      : 'a process that did not say its pid';
    super(
      `the embedded database ${dir} is in use by another Kontakt process: ${who}. ` +
        'Only one process at a time may open it. Stop that process and run this again, ' +
        'or run Kontakt on a PostgreSQL server (DATABASE_URL), which the server and the kontakt commands can share.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** The command words of this process ("kontakt apikey create"): option values may be secrets. */
function ownCommand(): string {
  const words: string[] = [];
  for (const a of process.argv.slice(2)) {
    if (!/^[a-z][a-z0-9-]*$/.test(a) || words.length === 3) break;
    words.push(a);
  }
  return words.length ? `kontakt ${words.join(' ')}` : path.basename(process.argv[1] ?? 'node');
}

function lockAddress(dir: string): string {
  const st = fs.statSync(dir);
  // Device and inode, not the path: a symlink or bind mount to the same directory is the same lock.
  const identity = process.platform === 'win32' ? fs.realpathSync.native(dir).toLowerCase() : `${st.dev}:${st.ino}`;
  const id = crypto.createHash('sha256').update(identity).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return `\0kontakt-data-dir-${id}`;
  if (process.platform === 'win32') return `\\\\.\\pipe\\kontakt-data-dir-${id}`;
  return path.join(os.tmpdir(), `kontakt-${id}.sock`);
}

const listen = (server: net.Server, address: string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** Asks the socket's holder who it is; undefined when nobody answers within `ms`. */
function ask(address: string, ms: number): Promise<LockHolder | undefined | 'refused'> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(address);
    const done = (v: LockHolder | undefined | 'refused') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(undefined), ms);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => done(parseHolder(text)));
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'refused' : undefined));
  });
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as LockHolder;
    return Number.isSafeInteger(v.pid) && typeof v.hostname === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function readInfo(file: string): { holder: LockHolder; ageMs: number } | undefined {
  try {
    const holder = parseHolder(fs.readFileSync(file, 'utf8'));
    return holder && { holder, ageMs: Date.now() - fs.statSync(file).mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * Takes the directory (created if missing) for this process, or throws DataDirLockedError at once.
 * Release it after the database is closed; a process that dies releases it anyway.
 */
export async function lockDataDir(dir: string, attempt = 0): Promise<DirLock> {
  fs.mkdirSync(dir, { recursive: true });
  const absolute = path.resolve(dir);
  const address = lockAddress(absolute);
  const infoFile = `${absolute}.lock`;
  const me: LockHolder = { pid: process.pid, hostname: os.hostname(), command: ownCommand(), since: new Date().toISOString() };
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.end(JSON.stringify(me));
  });
  try {
    await listen(server, address);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const answer = await ask(address, 1000);
    if (answer === 'refused' && attempt < 2) {
      // The holder ended between our bind and our question, or (platforms without abstract
      // sockets) a dead process left its socket file behind: try once more.
      if (process.platform !== 'linux' && process.platform !== 'win32') fs.rmSync(address, { force: true });
      return lockDataDir(dir, attempt + 1);
    }
    // The holder may be busy (a long migration blocks its event loop): its file says who it is.
    throw new DataDirLockedError(absolute, (answer !== 'refused' && answer) || readInfo(infoFile)?.holder);
  }
  server.unref();
  const other = readInfo(infoFile);
  if (other && other.holder.hostname !== me.hostname && other.ageMs < LEASE_MS) {
    await new Promise((r) => server.close(r));
    throw new DataDirLockedError(absolute, other.holder);
  }
  // Written whole or not at all (rename), so a reader never sees half a file.
  const tmp = `${infoFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(me) + '\n');
  fs.renameSync(tmp, infoFile);
  const beat = setInterval(() => {
    const t = new Date();
    fs.utimes(infoFile, t, t, () => undefined);
  }, HEARTBEAT_MS);
  beat.unref();
  let released: Promise<void> | undefined;
  return {
    holder: me,
    release: () =>
      (released ??= (async () => {
        clearInterval(beat);
        const still = readInfo(infoFile);
        if (still && still.holder.pid === me.pid && still.holder.hostname === me.hostname) fs.rmSync(infoFile, { force: true });
        await new Promise((r) => server.close(r));
      })()),
  };
}
