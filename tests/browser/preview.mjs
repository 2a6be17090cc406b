// A live preview (`signpost serve`) of a copy of the example site, for the
// browser tests that edit files and watch the preview follow.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { repoRoot } from './helpers.mjs';

export const binary = process.env.SIGNPOST_BIN || path.join(repoRoot, 'target', 'release', 'signpost');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Copies the example site into a new temporary folder (`prefix` names it),
 * lets `prepare(site)` add to it, starts the preview on a free port of
 * 127.0.0.1 and waits until it says where it is running. Returns
 * `{ site, url, stop }`; `stop()` ends the preview and removes the copy.
 */
export async function startPreview({ prefix, prepare = () => {}, timeout = 60000 }) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const part of ['site.yaml', 'content', 'themes']) {
    fs.cpSync(path.join(repoRoot, part), path.join(site, part), { recursive: true });
  }
  prepare(site);
  const port = await freePort();
  const server = spawn(binary, ['serve', '--root', site, '--port', String(port), '--today', '2026-11-24'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    server.kill('SIGINT');
    fs.rmSync(site, { recursive: true, force: true });
  };
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the preview did not start: ${out}`)), timeout);
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/Preview running at (\S+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      server.stderr.on('data', (chunk) => { out += chunk; });
      server.on('exit', (code) => reject(new Error(`the preview stopped (${code}): ${out}`)));
    });
    return { site, url, stop };
  } catch (e) {
    stop();
    throw e;
  }
}
