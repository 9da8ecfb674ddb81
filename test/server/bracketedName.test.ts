/**
 * A name typed in brackets (`['Req▮']`, the way a column called `Request Id` is written): where it
 * starts, what a completion replaces, and what is not one (a dynamic index, a string, a comment).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bracketedItems, bracketedNameAt } from '../../src/server/bracketedName';

function at(marked: string) {
  const cursor = marked.indexOf('▮');
  const text = marked.replace('▮', '');
  const found = bracketedNameAt(text, cursor);
  return found && { replaced: text.slice(found.start, found.end), quote: found.quote };
}

describe('a bracketed name under the cursor', () => {
  test('from the bracket to the cursor, or past the closing quote and bracket the editor typed', () => {
    assert.deepEqual(at("T | where ['Re▮"), { replaced: "['Re", quote: "'" });
    assert.deepEqual(at("T | where ['Re▮'] == 1"), { replaced: "['Re']", quote: "'" });
    assert.deepEqual(at('T | project ["Port 🚀"], ["名▮"]'), { replaced: '["名"]', quote: '"' });
    assert.deepEqual(at("T | where ['▮']"), { replaced: "['']", quote: "'" });
    assert.deepEqual(at("T | where ['Request▮ Id'] == 1"), { replaced: "['Request Id']", quote: "'" });
    assert.deepEqual(at("T | where [ 'it\\'▮"), { replaced: "[ 'it\\'", quote: "'" });
    assert.deepEqual(at("['Od▮"), { replaced: "['Od", quote: "'" });
  });

  test('after a CRLF line end and astral characters on earlier lines', () => {
    assert.deepEqual(at('// 😀😀\r\nT\r\n| where x == "👩‍💻" and [\'Re▮\']\r\n| take 1'), {
      replaced: "['Re']",
      quote: "'",
    });
  });

  test('not a dynamic index, a string, a comment, a closed name or another line', () => {
    assert.equal(at("T | where Payload['Re▮']"), undefined);
    assert.equal(at("T | where f(x)['Re▮"), undefined);
    assert.equal(at('T | where x == "[\'Re▮"'), undefined);
    assert.equal(at("T // ['Re▮"), undefined);
    assert.equal(at("T | where ['Request Id'] == ▮"), undefined);
    assert.equal(at("T | where ['Re\n▮"), undefined);
  });
});

describe('the names offered in a bracket', () => {
  const item = (label: string, kind: number, name = label) => ({ label, data: { kind, name } });
  test('columns, tables and variables insert their bracketed form, escaped; keywords and functions are left out', () => {
    const list = bracketedItems(
      [
        item('Request Id', 13),
        item("it's", 13),
        item('a\\b', 13),
        item('Odd_CL', 14),
        item('since', 20),
        item('where', 1),
        item('strcat()', 15, 'strcat'),
      ],
      "'",
    );
    assert.deepEqual(
      list.map((i) => [i.label, i.textEditText, i.filterText]),
      [
        ['Request Id', "['Request Id']", "['Request Id']"],
        ["it's", "['it\\'s']", "['it\\'s']"],
        ['a\\b', "['a\\\\b']", "['a\\\\b']"],
        ['Odd_CL', "['Odd_CL']", "['Odd_CL']"],
        ['since', "['since']", "['since']"],
      ],
    );
    assert.equal(bracketedItems([item("it's", 13)], '"')[0]!.textEditText, '["it\'s"]');
  });
});
