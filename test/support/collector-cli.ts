// The collector as operators run it: the CLI the package ships (bin/cxkit-collector.js over the built dist/collector)
// in a process of its own, on a free port, with no access log and no rate limit unless the arguments ask for them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../bin/cxkit-collector.js', import.meta.url));
const built = fileURLToPath(new URL('../../dist/collector/cli.js', import.meta.url));

export interface CliProcess {
  readonly process: ChildProcess;
  /** Its exit code once it has exited. */
  readonly exited: Promise<number | null>;
  /** What it has written so far, stdout and stderr together. */
  output(): string;
}

export interface RunningCli extends CliProcess {
  /** Where it listens, e.g. http://127.0.0.1:40123/ */
  readonly url: string;
}

/** Where and how the CLI runs: this checkout's by default, or the one an install put in `node_modules/.bin`. */
export interface CliPlace {
  readonly cwd?: string;
  readonly program?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Starts the CLI; an option given twice takes the last value, so `args` may turn the access log back on. A command
 * (`copy`, `check-webhooks`) is given its arguments alone.
 */
export function spawnCli(args: readonly string[], { cwd, program, env }: CliPlace = {}): CliProcess {
  if (!program && !existsSync(built)) throw new Error('dist/collector is missing: run `npm run build` before these tests (npm test does)');
  const command = args[0] === 'copy' || args[0] === 'check-webhooks';
  const options = command ? args : ['--port', '0', '--access-log', 'off', '--rate-limit-ip', '0', ...args];
  const child = spawn(program ?? process.execPath, program ? options : [cli, ...options], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd,
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  // 'close', not 'exit': by then everything it wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { process: child, exited, output: () => output };
}

/** Starts the CLI and waits until it says where it listens; rejects with its output if it exits or stays silent. */
export async function startCli(args: readonly string[], place: CliPlace = {}): Promise<RunningCli> {
  const started = spawnCli(args, place);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start: ${started.output()}`)), 20_000);
    const look = () => {
      const match = /cxkit collector: (http:\/\/\S+\/)v1\/responses/.exec(started.output());
      if (match) (clearTimeout(timer), resolve(match[1]!));
    };
    started.process.stderr!.on('data', look);
    void started.exited.then(() => (clearTimeout(timer), reject(new Error(`collector exited: ${started.output()}`))));
  });
  return { ...started, url };
}
