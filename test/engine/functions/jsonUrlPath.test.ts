// extract_json, parse_url, parse_urlquery, parse_path and notnull: the reference's examples with the
// outputs it states, plus nulls, empty and bad input.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call, printed, rows } from './helpers';

describe('extract_json', () => {
  test('the reference example', () => {
    assert.deepEqual(
      rows(`let json = '{"name": "John", "age": 30, "city": "New York"}';
print extract_json("$.name", json, typeof(string));`),
      [['John']],
    );
  });
  test('the JSONPath subset, typed and untyped results', () => {
    const json = `'{"name": "John", "age": 30, "a": {"b c": [1, {"d": true}]}}'`;
    assert.deepEqual(
      printed(`let json = ${json}; print a=extract_json("$.age", json), b=extract_json("$.age", json, typeof(long)),
c=extractjson("$.a['b c'][1]", json), d=extract_json('$.a["b c"][1].d', json, typeof(bool)), e=extract_json("$.a['b c'][0]", json, typeof(real))`),
      { a: '30', b: 30, c: '{"d":true}', d: true, e: 1 },
    );
  });
  test('missing values, non-JSON text and unsupported paths', () => {
    assert.deepEqual(
      printed(
        `print e=extract_json("$.zz", '{"a":1}'), f=extract_json("$.zz", '{"a":1}', typeof(long)), g=extract_json("$.name", "not json"), h=extract_json("$[3]", "[1]")`,
      ),
      { e: '', f: null, g: '', h: '' },
    );
    assert.equal(call('extract_json', ['string', 'string'], 'string', ['$.a', '']), '');
    assert.throws(() => printed('print extract_json("$..name", "{}")'), /not supported/);
    assert.throws(() => printed('print extract_json("name", "{}")'), /start with/);
  });
});

describe('parse_url / parse_urlquery', () => {
  test('the reference examples', () => {
    // The reference prints "Query Parameters" as quoted text, but its parse_urlquery example indexes
    // into it, so it is a bag; "Path" is as its example shows it, without the leading "/".
    assert.deepEqual(
      printed('print Result=parse_url("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")')
        .Result,
      {
        Scheme: 'scheme',
        Host: 'host',
        Port: '1234',
        Path: 'this/is/a/path',
        Username: 'username',
        Password: 'password',
        'Query Parameters': { k1: 'v1', k2: 'v2' },
        Fragment: 'fragment',
      },
    );
    assert.deepEqual(printed('print Result=parse_urlquery("k1=v1&k2=v2&k3=v3")').Result, {
      'Query Parameters': { k1: 'v1', k2: 'v2', k3: 'v3' },
    });
    // The reference's getQueryParamValue example, as written there (.[param] with a variable key).
    assert.deepEqual(
      rows(`let getQueryParamValue = (querystring: string, param: string) {
    let params = parse_urlquery(querystring);
    tostring(params["Query Parameters"].[param])
};
print UrlQuery = 'view=vs-2019&preserve-view=true'
| extend view = getQueryParamValue(UrlQuery, 'view')
| extend preserve = getQueryParamValue(UrlQuery, 'preserve-view')`),
      [['view=vs-2019&preserve-view=true', 'vs-2019', 'true']],
    );
  });
  test('missing parts, IPv6 hosts, decoding, non-URLs and empty input', () => {
    assert.deepEqual(printed('print r=parse_url("https://bing.com")').r, {
      Scheme: 'https',
      Host: 'bing.com',
      Port: '',
      Path: '',
      Username: '',
      Password: '',
      'Query Parameters': {},
      Fragment: '',
    });
    const v6 = printed('print r=parseurl("http://[::1]:8080/x?q=a%20b+c")').r as Record<string, unknown>;
    assert.deepEqual([v6.Host, v6.Port, v6.Path, v6['Query Parameters']], ['[::1]', '8080', 'x', { q: 'a b c' }]);
    assert.equal(call('parse_url', ['string'], 'dynamic', ['bing.com']), null);
    assert.equal(call('parse_url', ['string'], 'dynamic', ['']), null);
    assert.deepEqual(call('parseurlquery', ['string'], 'dynamic', ['']), { 'Query Parameters': {} });
    assert.deepEqual(call('parse_urlquery', ['string'], 'dynamic', ['?a=1&b&=&c=%zz']), {
      'Query Parameters': { a: '1', b: '', '': '', c: '%zz' },
    });
  });
});

describe('parse_path', () => {
  test('the reference example', () => {
    assert.deepEqual(
      rows(`datatable(p:string) 
[
    @"C:\\temp\\file.txt",
    @"temp\\file.txt",
    "file://C:/temp/file.txt:some.exe",
    @"\\\\shared\\users\\temp\\file.txt.gz",
    "/usr/lib/temp/file.txt"
]
| extend path_parts = parse_path(p)`).map((r) => r[1]),
      [
        {
          Scheme: '',
          RootPath: 'C:',
          DirectoryPath: 'C:\\temp',
          DirectoryName: 'temp',
          Filename: 'file.txt',
          Extension: 'txt',
          AlternateDataStreamName: '',
        },
        {
          Scheme: '',
          RootPath: '',
          DirectoryPath: 'temp',
          DirectoryName: 'temp',
          Filename: 'file.txt',
          Extension: 'txt',
          AlternateDataStreamName: '',
        },
        {
          Scheme: 'file',
          RootPath: 'C:',
          DirectoryPath: 'C:/temp',
          DirectoryName: 'temp',
          Filename: 'file.txt',
          Extension: 'txt',
          AlternateDataStreamName: 'some.exe',
        },
        {
          Scheme: '',
          RootPath: '',
          DirectoryPath: '\\\\shared\\users\\temp',
          DirectoryName: 'temp',
          Filename: 'file.txt.gz',
          Extension: 'gz',
          AlternateDataStreamName: '',
        },
        {
          Scheme: '',
          RootPath: '',
          DirectoryPath: '/usr/lib/temp',
          DirectoryName: 'temp',
          Filename: 'file.txt',
          Extension: 'txt',
          AlternateDataStreamName: '',
        },
      ],
    );
  });
  test('a bare file name and the empty path', () => {
    assert.deepEqual(call('parse_path', ['string'], 'dynamic', ['readme']), {
      Scheme: '',
      RootPath: '',
      DirectoryPath: '',
      DirectoryName: '',
      Filename: 'readme',
      Extension: '',
      AlternateDataStreamName: '',
    });
    assert.deepEqual(call('parse_path', ['string'], 'dynamic', ['']), {
      Scheme: '',
      RootPath: '',
      DirectoryPath: '',
      DirectoryName: '',
      Filename: '',
      Extension: '',
      AlternateDataStreamName: '',
    });
  });
});

describe('notnull', () => {
  test("is isnotnull under the binder's hidden name", () => {
    assert.deepEqual(
      printed('print a = notnull(int(null)), b = notnull(1), c = notnull(""), d = notnull(dynamic(null))'),
      { a: false, b: true, c: true, d: false },
    );
  });
});
