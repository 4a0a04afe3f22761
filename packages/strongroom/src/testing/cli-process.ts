/**
 * Runs the real `strongroom` binary (bin/strongroom.js → dist/) as a child
 * process, the way a user starts it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const STRONGROOM_BIN = fileURLToPath(new URL('../../bin/strongroom.js', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far (JSON log lines). */
  lines: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `strongroom start` and resolves once its "listening" log line names the URL. */
export async function startServerProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ServerProcess> {
  const child = spawn(process.execPath, [STRONGROOM_BIN, 'start', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const reader = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time\n${lines.join('\n')}\n${stderr}`)), 20_000);
    reader.on('line', (line) => {
      lines.push(line);
      const entry = safeJson(line);
      if (entry?.msg === 'listening' && typeof entry.url === 'string') {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}\n${lines.join('\n')}\n${stderr}`));
    });
  });
  return {
    url,
    child,
    lines,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}

function safeJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
