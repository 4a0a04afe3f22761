import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  formatAmzDate,
  parseAmzDate,
  parseDateHeader,
  percentDecode,
  uriEncode,
} from './canonical.ts';
import { signRequest } from './sign.ts';

test('canonicalUri: non-S3 paths are normalised and encoded a second time', () => {
  assert.equal(canonicalUri('', false), '/');
  assert.equal(canonicalUri('/', false), '/');
  assert.equal(canonicalUri('//', false), '/');
  assert.equal(canonicalUri('/a/./b/../c//d/', false), '/a/c/d/');
  assert.equal(canonicalUri('/a/b/../../..', false), '/');
  assert.equal(canonicalUri('/my%20key', false), '/my%2520key');
  assert.equal(canonicalUri('/a%2Fb', false), '/a%252Fb');
  assert.equal(canonicalUri("/x!'()*~", false), '/x%21%27%28%29%2A~');
});

test('canonicalUri: S3 signs the path exactly as sent', () => {
  assert.equal(canonicalUri('/bucket/a%20b/./c', true), '/bucket/a%20b/./c');
  assert.equal(canonicalUri('', true), '/');
});

test('canonicalQuery sorts by encoded name then value and re-encodes strictly', () => {
  assert.equal(canonicalQuery(''), '');
  assert.equal(canonicalQuery('b=2&a=1&b=1&b=10'), 'a=1&b=1&b=10&b=2');
  assert.equal(canonicalQuery('flag&empty=&x=1'), 'empty=&flag=&x=1');
  // Prefix names sort as names, not as "name=value" strings.
  assert.equal(canonicalQuery('a-b=1&a=2'), 'a=2&a-b=1');
  assert.equal(canonicalQuery('k=%7e%2f%2B'), 'k=~%2F%2B');
  assert.equal(canonicalQuery("k=a+b!'"), 'k=a%2Bb%21%27');
  assert.equal(canonicalQuery('k=%zz%'), 'k=%25zz%25');
  assert.equal(canonicalQuery('X-Amz-Signature=abc&a=1&&'), 'a=1');
});

test('canonicalHeaders trims, collapses spaces and joins repeated values with commas', () => {
  const headers = { host: 'example.com', 'x-a': '  a   b \t c  ' };
  assert.equal(canonicalHeaders({ headers }, ['host', 'x-a']), 'host:example.com\nx-a:a b c\n');
  const rawHeaders = ['Host', 'example.com', 'X-Multi', ' one ', 'x-multi', 'two  three'];
  assert.equal(canonicalHeaders({ headers: {}, rawHeaders }, ['host', 'x-multi']), 'host:example.com\nx-multi:one,two three\n');
  // A latin1 non-breaking space byte is a value character, not whitespace.
  assert.equal(canonicalHeaders({ headers: { 'x-b': '\u00a0v\u00a0' } }, ['x-b']), 'x-b:\u00a0v\u00a0\n');
});

test('ISO 8601 basic dates round-trip and malformed ones are refused', () => {
  const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
  assert.equal(formatAmzDate(date), '20260102T030405Z');
  assert.equal(parseAmzDate('20260102T030405Z')?.getTime(), Date.UTC(2026, 0, 2, 3, 4, 5));
  for (const bad of ['2026-01-02T03:04:05Z', '20260230T000000Z', '20260102T030405', '201']) assert.equal(parseAmzDate(bad), null, bad);
  assert.equal(parseDateHeader('Fri, 02 Jan 2026 03:04:05 GMT')?.getTime(), Date.UTC(2026, 0, 2, 3, 4, 5));
  assert.equal(parseDateHeader('yesterday'), null);
});

test('uriEncode and percentDecode are inverse for Unicode', () => {
  const value = "a b/ü?&=+~*'";
  assert.equal(uriEncode(value), 'a%20b%2F%C3%BC%3F%26%3D%2B~%2A%27');
  assert.equal(uriEncode(value, true), 'a%20b/%C3%BC%3F%26%3D%2B~%2A%27');
  assert.equal(percentDecode(uriEncode(value)), value);
});

// Vectors from AWS's published SigV4 test suite (credentials AKIDEXAMPLE, 20150830T123600Z).
const SUITE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE = [
  { name: 'get-vanilla', method: 'GET', path: '/', query: '', headers: {}, signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
  { name: 'get-vanilla-query-order-key-case', method: 'GET', path: '/', query: 'Param2=value2&Param1=value1', headers: {}, signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500' },
  { name: 'get-vanilla-utf8-query', method: 'GET', path: '/', query: '%E1%88%B4=bar', headers: {}, signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04' },
  { name: 'post-vanilla', method: 'POST', path: '/', query: '', headers: {}, signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' },
  { name: 'get-header-value-trim', method: 'GET', path: '/', query: '', headers: { 'my-header1': ' value1', 'my-header2': ' "a   b   c"' }, signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736' },
  { name: 'get-relative-relative', method: 'GET', path: '/example1/example2/../..', query: '', headers: {}, signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
  { name: 'get-slashes', method: 'GET', path: '//example//', query: '', headers: {}, signature: '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84' },
  // The suite sends these paths unencoded on the request line, so they are encoded only once.
  { name: 'get-utf8', method: 'GET', path: '/\u1234', query: '', headers: {}, signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85' },
];

for (const vector of SUITE) {
  test(`AWS SigV4 test suite: ${vector.name}`, () => {
    const signed = signRequest(
      { method: vector.method, rawPath: vector.path, rawQuery: vector.query, headers: { host: 'example.amazonaws.com', ...vector.headers }, body: Buffer.alloc(0) },
      { credentials: SUITE_CREDENTIALS, region: 'us-east-1', service: 'service', time: new Date(Date.UTC(2015, 7, 30, 12, 36, 0)) },
    );
    assert.match(signed.headers.authorization, new RegExp(`Signature=${vector.signature}$`));
  });
}
