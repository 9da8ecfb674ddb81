/**
 * parse_user_agent: the reference's two examples cell by cell, real user agents of today's browsers,
 * tools and bots (their answers are uap-core 0.18.0's, whose own 31,122 fixtures this parser matches),
 * the look_for forms and their errors, and hostile texts, which must finish in bounded time and stop
 * at the query's deadline.
 */

import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Database, executeQuery } from '../../../src/engine';
import { MemoryBudget, withMemoryBudget } from '../../../src/engine/exec/memoryBudget';
import { parseDevice } from '../../../src/engine/functions/userAgentParser';
import { QueryTimeoutError } from '../../../src/results/errors';
import { call, NOW, printed, rows } from './helpers';

const ALL = "dynamic(['browser', 'os', 'device'])";

function parsed(userAgent: string, lookFor = ALL): unknown {
  return printed(`print x = parse_user_agent(${JSON.stringify(userAgent)}, ${lookFor})`).x;
}

const browser = (Family: string, MajorVersion = '', MinorVersion = '', Patch = '') => ({
  Family,
  MajorVersion,
  MinorVersion,
  Patch,
});
const os = (Family: string, MajorVersion = '', MinorVersion = '', Patch = '', PatchMinor = '') => ({
  Family,
  MajorVersion,
  MinorVersion,
  Patch,
  PatchMinor,
});
const device = (Family: string, Brand = '', Model = '') => ({ Family, Brand, Model });
const OTHER_DEVICE = device('Other');

describe('the reference examples', () => {
  test('look_for as a string: AdobeAIR 2.5.1', () => {
    const ua = 'Mozilla/5.0 (Windows; U; en-US) AppleWebKit/531.9 (KHTML, like Gecko) AdobeAIR/2.5.1';
    const row = printed(`print useragent = "${ua}"\n| extend x = parse_user_agent(useragent, "browser")`);
    assert.deepEqual(row, { useragent: ua, x: { Browser: browser('AdobeAIR', '2', '5', '1') } });
  });

  test('look_for as a dynamic array: Nokia OSS Browser on Symbian OS, a Nokia N81', () => {
    const ua =
      'Mozilla/5.0 (SymbianOS/9.2; U; Series60/3.1 NokiaN81-3/10.0.032 Profile/MIDP-2.0 Configuration/CLDC-1.1 ) AppleWebKit/413 (KHTML, like Gecko) Safari/4';
    const row = printed(
      `print useragent = "${ua}"\n| extend x = parse_user_agent(useragent, dynamic(["browser","os","device"]))`,
    );
    assert.deepEqual(row, {
      useragent: ua,
      x: {
        Browser: browser('Nokia OSS Browser', '3', '1', ''),
        OperatingSystem: os('Symbian OS', '9', '2', '', ''),
        Device: device('Nokia N81', 'Nokia', 'N81-3'),
      },
    });
  });
});

describe('real user agents', () => {
  const cases: [string, string, unknown][] = [
    [
      'Chrome on Windows',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      { Browser: browser('Chrome', '120', '0', '0'), OperatingSystem: os('Windows', '10'), Device: OTHER_DEVICE },
    ],
    [
      'Edge (Chrome with Edg/)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      { Browser: browser('Edge', '120', '0', '2210'), OperatingSystem: os('Windows', '10'), Device: OTHER_DEVICE },
    ],
    [
      'Firefox on Ubuntu',
      'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
      { Browser: browser('Firefox', '121', '0'), OperatingSystem: os('Ubuntu'), Device: OTHER_DEVICE },
    ],
    [
      'Safari on an iPhone',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      {
        Browser: browser('Mobile Safari', '17', '1'),
        OperatingSystem: os('iOS', '17', '1', '2'),
        Device: device('iPhone', 'Apple', 'iPhone'),
      },
    ],
    [
      'Chrome on a Samsung phone (a device rule with replacements)',
      'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
      {
        Browser: browser('Chrome Mobile', '120', '0', '6099'),
        OperatingSystem: os('Android', '13'),
        Device: device('Samsung SM-S911B', 'Samsung', 'SM-S911B'),
      },
    ],
    [
      'curl',
      'curl/8.4.0',
      { Browser: browser('curl', '8', '4', '0'), OperatingSystem: os('Other'), Device: OTHER_DEVICE },
    ],
    [
      'Googlebot (a spider device)',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      {
        Browser: browser('Googlebot', '2', '1'),
        OperatingSystem: os('Other'),
        Device: device('Spider', 'Spider', 'Desktop'),
      },
    ],
    [
      'the empty string: every part unknown',
      '',
      { Browser: browser('Other'), OperatingSystem: os('Other'), Device: OTHER_DEVICE },
    ],
  ];
  for (const [what, ua, expected] of cases) {
    test(what, () => {
      assert.deepEqual(parsed(ua), expected);
    });
  }

  test('a case-insensitive device rule (regex_flag i) matches the brand in any case', () => {
    // uap-core's Airis rule, '; {0,2}AIRIS[ _\-]?([^/;\)]+) {0,2}(?:;|\)|Build)', is flagged 'i'.
    for (const brand of ['AIRIS', 'airis', 'Airis']) {
      const ua = `Mozilla/5.0 (Linux; U; Android 4.0.4; es-es; ${brand} TM421M Build/IMM76D) AppleWebKit/534.30`;
      assert.deepEqual(parsed(ua, "'device'"), { Device: device('TM421M', 'Airis', 'TM421M') }, brand);
    }
  });

  test('a null user agent (a dynamic null reaching the string argument) reads as the empty string', () => {
    assert.deepEqual(call('parse_user_agent', ['string', 'string'], 'dynamic', [null, 'browser']), {
      Browser: browser('Other'),
    });
  });

  test('rows of a table, repeated user agents included, each get their own answer', () => {
    const got = rows(
      "datatable(ua:string)['curl/8.4.0', 'Wget/1.21.4', 'curl/8.4.0', ''] | project b = parse_user_agent(ua, 'browser').Browser.Family",
    );
    assert.deepEqual(got, [['curl'], ['Wget'], ['curl'], ['Other']]);
  });
});

describe('look_for', () => {
  const ua = 'curl/8.4.0';
  test('one part as a string, in any case', () => {
    assert.deepEqual(parsed(ua, "'os'"), { OperatingSystem: os('Other') });
    assert.deepEqual(parsed(ua, "'device'"), { Device: OTHER_DEVICE });
    assert.deepEqual(parsed(ua, "'Browser'"), { Browser: browser('curl', '8', '4', '0') });
  });

  test('an array: the parts in the result order (Browser, OperatingSystem, Device), repeats once', () => {
    const x = parsed(ua, "dynamic(['device', 'browser', 'device'])") as Record<string, unknown>;
    assert.deepEqual(Object.keys(x), ['Browser', 'Device']);
    assert.deepEqual(x, { Browser: browser('curl', '8', '4', '0'), Device: OTHER_DEVICE });
  });

  test('from a column: each row its own parts', () => {
    const got = rows(
      "datatable(l:string)['browser', 'os'] | project x = parse_user_agent('curl/8.4.0', l) | project k = tostring(bag_keys(x))",
    );
    assert.deepEqual(got, [['["Browser"]'], ['["OperatingSystem"]']]);
  });

  const bad: [string, RegExp][] = [
    ["'browsers'", /look_for 'browsers' is not "browser", "os" or "device"/],
    ["dynamic(['os', 'cpu'])", /look_for 'cpu' is not "browser", "os" or "device"/],
    // A literal array of numbers is stopped by Kusto.Language; a computed one by the function.
    ['dynamic([1])', /must be a string or a dynamic array of strings/],
    ["parse_json('[1]')", /look_for 1 is not "browser", "os" or "device"/],
    ['dynamic([])', /look_for is an empty array/],
    ["''", /look_for '' is not/],
  ];
  for (const [lookFor, message] of bad) {
    test(`a bad look_for stops the query with why: ${lookFor}`, () => {
      assert.throws(() => parsed(ua, lookFor), message);
    });
  }
});

describe('hostile texts', () => {
  const hostile = [
    ['100 KB of one letter', "strrep('a', 100000)"],
    ['100 KB of separators after an Android prefix', "strcat('Mozilla/5.0 (Linux; Android 10; ', strrep('; ', 50000))"],
    [
      '100 KB of the words many rules look for',
      "strrep('Android ; Build/ Bot spider crawl iPhone AppleWebKit Mobile Safari/ ', 1500)",
    ],
  ] as const;
  for (const [what, text] of hostile) {
    test(`${what}: answered in bounded time (RE2, linear)`, () => {
      const started = Date.now();
      const x = printed(`print x = parse_user_agent(${text}, ${ALL})`).x as Record<string, { Family: string }>;
      assert.deepEqual(Object.keys(x), ['Browser', 'OperatingSystem', 'Device']);
      // Seconds on a loaded two-core machine; catastrophic backtracking would take hours.
      assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
    });
  }

  test('a long text looks at the query deadline and cancel flag between rules; a short one does not', () => {
    let looks = 0;
    const budget = new MemoryBudget();
    budget.check = () => {
      if (++looks === 3) {
        throw new QueryTimeoutError(1000);
      }
    };
    assert.throws(() => withMemoryBudget(budget, () => parseDevice('; '.repeat(50_000))), QueryTimeoutError);
    assert.equal(looks, 3);
    looks = 0;
    withMemoryBudget(budget, () => parseDevice('curl/8.4.0'));
    assert.equal(looks, 0, 'a user agent of ordinary length pays no checks');
  });

  test('a query over such rows stops at its deadline', () => {
    const query =
      'range i from 1 to 20 step 1 | extend x = parse_user_agent(strcat(tostring(i), strrep(\'Android ; Build/ Bot spider crawl iPhone \', 2500)), dynamic(["browser", "os", "device"]))';
    const started = Date.now();
    assert.throws(
      () => executeQuery(query, new Database([]), { now: NOW, deadline: started + 300 }),
      (e: unknown) => e instanceof QueryTimeoutError,
    );
    // Twenty such rows take seconds; the checks stop it about where the deadline falls.
    assert.ok(Date.now() - started < 5_000, `stopped ${Date.now() - started - 300} ms past the deadline`);
  });
});
