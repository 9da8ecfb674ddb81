import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkedEntry, unresolvedLinks } from './markdownLinks';

describe('links of the pages a VSIX ships', () => {
  test('resolves a relative link against its page, README as vsce stores it', () => {
    assert.equal(linkedEntry('extension/readme.md', 'docs/user-guide.md#the-editor'), 'extension/docs/user-guide.md');
    assert.equal(linkedEntry('extension/docs/cli.md', '../README.md#the-two-commands'), 'extension/readme.md');
    assert.equal(linkedEntry('extension/docs/user-guide.md', '../reports/'), 'extension/reports');
    assert.equal(linkedEntry('extension/docs/a.md', 'my%20page.md'), 'extension/docs/my page.md');
    assert.equal(linkedEntry('extension/readme.md', 'https://example.com/docs/a.md'), undefined);
    assert.equal(linkedEntry('extension/readme.md', '#quick-start'), undefined);
  });

  test('names each link whose file the VSIX does not ship; a folder counts when it holds a file', () => {
    const names = ['extension/readme.md', 'extension/docs/cli.md', 'extension/reports/a.kqlnb'];
    const readme = '[cli](docs/cli.md), [guide](docs/user-guide.md)\n![chart](docs/screenshots/c.png) [r](reports)';
    assert.deepEqual(unresolvedLinks(names, 'extension/readme.md', readme, { images: true }), [
      'extension/readme.md:1 → docs/user-guide.md',
      'extension/readme.md:2 → docs/screenshots/c.png',
    ]);
    assert.deepEqual(unresolvedLinks(names, 'extension/readme.md', readme, { images: false }), [
      'extension/readme.md:1 → docs/user-guide.md',
    ]);
  });
});
