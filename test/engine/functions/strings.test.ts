// The string and conversion functions' examples from the Kusto reference, with the outputs it states.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call, column, printed, rows } from './helpers';

describe('conversions', () => {
  test('tostring, toint, tolong, toreal, todecimal', () => {
    assert.deepEqual(
      printed(
        'print a = tostring(123), b = toint("123") == 123, c = toint(2.3), d = tolong("123") == 123, e = toreal("123.4") == 123.4, f = todecimal("123.45678") == decimal(123.45678)',
      ),
      { a: '123', b: true, c: 2, d: true, e: true, f: true },
    );
  });
  test('to*() give null for what does not convert', () => {
    assert.deepEqual(
      printed(
        'print a = toint("abc"), b = toreal("x1"), c = tobool("maybe"), d = todatetime("not a date"), e = totimespan("1x")',
      ),
      { a: null, b: null, c: null, d: null, e: null },
    );
  });
  test('tobool', () => {
    assert.deepEqual(
      printed(
        'print a = tobool("true") == true, b = tobool("false") == false, c = tobool(1) == true, d = tobool(123) == true',
      ),
      { a: true, b: true, c: true, d: true },
    );
  });
  test('todatetime', () => {
    assert.deepEqual(
      printed(`print a = todatetime("2015-12-31 23:59:59.9"), b = todatetime('12-02-2022') == datetime(2022-12-02)`),
      { a: '2015-12-31T23:59:59.9000000Z', b: true },
    );
  });
  test('totimespan', () => {
    const r = printed(
      'let value=5; print minsStr=totimespan("0.00:03:00"), days=totimespan(4d), hour=totimespan(value * 1h), mins=totimespan(value * 2m), seconds=totimespan(5 * 4s), timespanMin=timespan(25min)',
    );
    assert.deepEqual(r, {
      minsStr: '00:03:00',
      days: '4.00:00:00',
      hour: '05:00:00',
      mins: '00:10:00',
      seconds: '00:00:20',
      timespanMin: '00:25:00',
    });
  });
  test('toguid', () => {
    const q = `datatable(str: string) ["0123456789abcdef0123456789abcdef", "0123456789ab-cdef-0123-456789abcdef", "a string that is not a guid"] | extend guid = toguid(str)`;
    assert.deepEqual(column(q, 1), [
      '01234567-89ab-cdef-0123-456789abcdef',
      '01234567-89ab-cdef-0123-456789abcdef',
      null,
    ]);
  });
  test('parse_json and nested JSON strings', () => {
    const q = `datatable(context_custom_metrics:string) ['{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}']
| extend d = parse_json(context_custom_metrics) | extend duration_value = d.duration.value, duration_min = d.duration.min`;
    const [row] = rows(q);
    assert.deepEqual(row!.slice(1), [
      { duration: { value: 118, count: 5, min: 100, max: 150, stdDev: 0, sampledValue: 118, sum: 118 } },
      118,
      100,
    ]);
    assert.equal(
      printed(`let d='{"a":123, "b":"{\\\\"c\\\\":456}"}'; print d_b_c=parse_json(tostring(parse_json(d).b)).c`).d_b_c,
      456,
    );
  });
  test('parse_json of text that is not JSON is that text as a dynamic string', () => {
    assert.equal(call('parse_json', ['string'], 'dynamic', ['not json']), 'not json');
  });
  test('tohex', () => {
    const r = printed(
      `print a = tohex(256) == '100', b = tohex(-256) == 'ffffffffffffff00', c = tohex(toint(-256), 8) == 'ffffff00', d = tohex(256, 8) == '00000100', e = tohex(256, 2) == '100'`,
    );
    assert.deepEqual(r, { a: true, b: true, c: true, d: true, e: true });
  });
});

describe('strings', () => {
  test('strcat and strcat_delim', () => {
    assert.equal(printed('print str = strcat("hello", " ", "world")').str, 'hello world');
    assert.equal(
      printed('print MultiLineString = strcat("Line 1\\n", "Line 2\\n", "Line 3")').MultiLineString,
      'Line 1\nLine 2\nLine 3',
    );
    assert.equal(printed("print st = strcat_delim('-', 1, '2', 'A', 1s)").st, '1-2-A-00:00:01');
  });
  test('strlen counts characters', () => {
    assert.deepEqual(printed(`print a = strlen("hello"), b = strlen("⒦⒰⒮⒯⒪"), c = strlen('C\u0327edilla')`), {
      a: 5,
      b: 5,
      c: 8,
    });
  });
  test('substring', () => {
    assert.deepEqual(
      printed(
        'print a = substring("123456", 1), b = substring("123456", 2, 2), c = substring("ABCD", 0, 2), d = substring("123456", -2, 2)',
      ),
      { a: '23456', b: '34', c: 'AB', d: '56' },
    );
  });
  test('tolower and toupper', () => {
    assert.deepEqual(printed('print a = tolower("Hello") == "hello", b = toupper("hello") == "HELLO"'), {
      a: true,
      b: true,
    });
  });
  test('trim, trim_start, trim_end', () => {
    assert.equal(
      printed(
        'let string_to_trim = @"--https://bing.com--"; let substring = "--"; print trimmed_string = trim(substring,string_to_trim)',
      ).trimmed_string,
      'https://bing.com',
    );
    assert.deepEqual(
      column(
        'range x from 1 to 2 step 1 | project str = strcat("-  ","Te st",x,@"// $") | extend trimmed_str = trim(@"[^\\w]+",str)',
        1,
      ),
      ['Te st1', 'Te st2'],
    );
    assert.equal(
      printed('print trimmed_string = trim(@"\\s+", @"    Hello, world!    ")').trimmed_string,
      'Hello, world!',
    );
    assert.equal(
      printed('print trimmed_string = trim_start("https://", @"https://bing.com")').trimmed_string,
      'bing.com',
    );
    assert.deepEqual(
      column(
        'range x from 1 to 2 step 1 | project str = strcat("-  ","Te st",x,@"// $") | extend trimmed_str = trim_start(@"[^\\w]+",str)',
        1,
      ),
      ['Te st1// $', 'Te st2// $'],
    );
    assert.equal(printed('print t = trim_start(@"\\s+", @"    Hello, world!    ")').t, 'Hello, world!    ');
    assert.equal(printed('print trimmed_string = trim_end(".com", @"bing.com")').trimmed_string, 'bing');
    assert.deepEqual(
      column(
        'range x from 1 to 2 step 1 | project str = strcat("-  ","Te st",x,@"// $") | extend trimmed_str = trim_end(@"[^\\w]+",str)',
        1,
      ),
      ['-  Te st1', '-  Te st2'],
    );
    assert.equal(printed('print t = trim_end(@"\\s+", @"    Hello, world!    ")').t, '    Hello, world!');
  });
  test('split', () => {
    const r = printed(
      'print split("aa_bb", "_"), split("aaa_bbb_ccc", "_", 1), split("", "_"), split("a__b", "_"), split("aabbcc", "bb")',
    );
    assert.deepEqual(Object.values(r), [['aa', 'bb'], ['bbb'], [''], ['a', '', 'b'], ['aa', 'cc']]);
  });
  test('replace_string, replace_regex and the old replace', () => {
    assert.equal(
      printed(
        'print Message="A magic trick can turn a cat into a dog" | extend Outcome = replace_string(Message, "cat", "hamster")',
      ).Outcome,
      'A magic trick can turn a hamster into a dog',
    );
    assert.deepEqual(
      column(
        "range x from 1 to 2 step 1 | extend str=strcat('Number is ', tostring(x)) | extend replaced=replace_string(str, 'is', 'was')",
        2,
      ),
      ['Number was 1', 'Number was 2'],
    );
    assert.deepEqual(
      column(
        "range x from 1 to 2 step 1 | extend str=strcat('Number is ', tostring(x)) | extend replaced=replace_regex(str, @'is (\\d+)', @'was: \\1')",
        2,
      ),
      ['Number was: 1', 'Number was: 2'],
    );
    assert.equal(printed("print replace(@'is (\\d+)', @'was: \\1', 'Number is 5')").print_0, 'Number was: 5');
  });
  test('extract', () => {
    const q = `datatable(Text: string) ["User: James, Email: James@example.com, Age: 29", "User: David, Age: 35"]
| extend UserName = extract("User: ([^,]+)", 1, Text), EmailId = extract(@"Email: (\\S+),", 1, Text), Age = extract(@"\\d+", 0, Text)`;
    assert.deepEqual(
      rows(q).map((r) => r.slice(1)),
      [
        ['James', 'James@example.com', '29'],
        ['David', '', '35'],
      ],
    );
    // extract(@"-(\d{2})-", 1, DateString, typeof(int)): the typeof() argument only sets the result type.
    const month = (s: string) => call('extract', ['string', 'long', 'string'], 'int', ['-(\\d{2})-', 1, s]);
    assert.deepEqual(['15-12-2024', '21-07-2023', '10-03-2022'].map(month), [12, 7, 3]);
  });
  test('extract_all', () => {
    const id = 'print Id="82b8be2d-dfa7-4bd1-8f63-24ad26d31449" | extend guid_bytes = ';
    assert.deepEqual(printed(`${id}extract_all(@"([\\da-f]{2})", Id)`).guid_bytes, [
      '82',
      'b8',
      'be',
      '2d',
      'df',
      'a7',
      '4b',
      'd1',
      '8f',
      '63',
      '24',
      'ad',
      '26',
      'd3',
      '14',
      '49',
    ]);
    assert.deepEqual(printed(`${id}extract_all(@"(\\w)(\\w+)(\\w)", Id)`).guid_bytes, [
      ['8', '2b8be2', 'd'],
      ['d', 'fa', '7'],
      ['4', 'bd', '1'],
      ['8', 'f6', '3'],
      ['2', '4ad26d3144', '9'],
    ]);
    assert.deepEqual(printed(`${id}extract_all(@"(\\w)(\\w+)(\\w)", dynamic([1,3]), Id)`).guid_bytes, [
      ['8', 'd'],
      ['d', '7'],
      ['4', '1'],
      ['8', '3'],
      ['2', '9'],
    ]);
    assert.deepEqual(
      printed(`${id}extract_all(@"(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)", dynamic(['first',2,'last']), Id)`)
        .guid_bytes,
      [
        ['8', '2b8be2', 'd'],
        ['d', 'fa', '7'],
        ['4', 'bd', '1'],
        ['8', 'f6', '3'],
        ['2', '4ad26d3144', '9'],
      ],
    );
  });
  test('indexof', () => {
    const r =
      printed(`print idx1 = indexof("abcdefg","cde"), idx2 = indexof("abcdefg","cde",1,4), idx3 = indexof("abcdefg","cde",1,2),
idx4 = indexof("abcdefg","cde",3,4), idx5 = indexof("abcdefg","cde",-5), idx6 = indexof(1234567,5,1,4), idx7 = indexof("abcdefg","cde",2,-1),
idx8 = indexof("abcdefgabcdefg", "cde", 1, 10, 2), idx9 = indexof("abcdefgabcdefg", "cde", 1, -1, 3)`);
    assert.deepEqual(r, { idx1: 2, idx2: 2, idx3: -1, idx4: -1, idx5: 2, idx6: 4, idx7: 2, idx8: 9, idx9: -1 });
  });
  test('strrep', () => {
    assert.deepEqual(
      printed("print from_str = strrep('ABC', 2), from_int = strrep(123,3,'.'), from_time = strrep(3s,2,' ')"),
      { from_str: 'ABCABC', from_int: '123.123.123', from_time: '00:00:03 00:00:03' },
    );
  });
  test('reverse', () => {
    assert.equal(
      printed('print str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" | extend rstr = reverse(str)').rstr,
      'ZYXWVUTSRQPONMLKJIHGFEDCBA',
    );
    const r = printed(
      "print ['int'] = 12345, ['double'] = 123.45, ['datetime'] = datetime(2017-10-15 12:00), ['timespan'] = 3h | project rint = reverse(['int']), rdouble = reverse(['double']), rdatetime = reverse(['datetime']), rtimespan = reverse(['timespan'])",
    );
    assert.deepEqual(r, {
      rint: '54321',
      rdouble: '54.321',
      rdatetime: 'Z0000000.00:00:21T51-01-7102',
      rtimespan: '00:00:30',
    });
  });
  test('countof', () => {
    const r = printed(
      'print a = countof("aaa", "a"), b = countof("aaaa", "aa"), c = countof("ababa", "ab", "normal"), d = countof("ababa", "aba"), e = countof("ababa", "aba", "regex"), f = countof("abcabc", "a.c", "regex")',
    );
    assert.deepEqual(r, { a: 3, b: 3, c: 2, d: 2, e: 1, f: 2 });
  });
  test('url_encode and url_decode', () => {
    assert.equal(
      printed("let url = @'https://www.bing.com/hello world'; print encoded = url_encode(url)").encoded,
      'https%3a%2f%2fwww.bing.com%2fhello+world',
    );
    assert.equal(
      printed("let url = @'https%3a%2f%2fwww.bing.com%2f'; print decoded = url_decode(url)").decoded,
      'https://www.bing.com/',
    );
  });
  test('base64 both ways; bytes that are not UTF-8 decode to the empty string', () => {
    assert.deepEqual(
      printed(
        'print a = base64_encode_tostring("Kusto"), b = base64_decode_tostring("S3VzdG8="), c = base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")',
      ),
      { a: 'S3VzdG8=', b: 'Kusto', c: '' },
    );
  });
});

describe('hashes', () => {
  test('hash_sha256 and hash_md5 of a string and of a datetime', () => {
    assert.deepEqual(printed('print h1=hash_sha256("World"), h2=hash_sha256(datetime(2020-01-01))'), {
      h1: '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524',
      h2: 'ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d',
    });
    assert.deepEqual(printed('print h1=hash_md5("World"), h2=hash_md5(datetime(2020-01-01))'), {
      h1: 'f5a7924e621e84c9280a9a27e1bcb7f6',
      h2: '786c530672d1f8db31fee25ea8a9390b',
    });
  });
});
