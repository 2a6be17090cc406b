// The Nu HTML checker (vnu.jar) on every built page: no errors allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { siteDir, testsDir, listPages } from './helpers.mjs';

const vnu = path.join(testsDir, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

function runVnu(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-jar', vnu, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('Every built page passes the Nu HTML checker with no errors', { timeout: 180_000 }, async () => {
  const pages = listPages();
  const { code, stdout, stderr } = await runVnu(['--errors-only', '--skip-non-html', '--format', 'json', siteDir]);
  let messages = [];
  try {
    messages = JSON.parse(stderr || stdout || '{"messages":[]}').messages || [];
  } catch {
    assert.fail(`vnu.jar did not give JSON (exit ${code}):\n${stderr}\n${stdout}`);
  }
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
  const report = errors
    .map((m) => `  ${path.relative(siteDir, decodeURIComponent(String(m.url || '').replace(/^file:/, '')))}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'} ${m.message}${m.extract ? `\n      ${m.extract.replace(/\n/g, ' ')}` : ''}`)
    .join('\n');
  assert.equal(errors.length, 0, `the Nu HTML checker found ${errors.length} error(s) in ${pages.length} pages:\n${report}`);
  assert.equal(code, 0, `vnu.jar exited with ${code}:\n${stderr}`);
});
