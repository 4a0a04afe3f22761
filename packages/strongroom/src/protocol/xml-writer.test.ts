import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XmlWriter, escapeXmlAttribute, escapeXmlText } from './xml-writer.ts';

test('text escaping', () => {
  assert.equal(escapeXmlText('plain'), 'plain');
  assert.equal(escapeXmlText('a<b>&c "d" \'e\''), 'a&lt;b&gt;&amp;c "d" \'e\'');
  assert.equal(escapeXmlText('line\r\nnext'), 'line&#xD;\nnext');
  assert.equal(escapeXmlText('&amp;'), '&amp;amp;');
});

test('attribute escaping', () => {
  assert.equal(escapeXmlAttribute('a"b<c\n'), 'a&quot;b&lt;c&#xA;');
});

test('elements, namespaces and leaves', () => {
  const xml = new XmlWriter().open('R', 'https://example.com/doc/"x"/').open('A').leaf('B', '1 < 2').close('A').text('&').close('R').toString();
  assert.equal(xml, '<R xmlns="https://example.com/doc/&quot;x&quot;/"><A><B>1 &lt; 2</B></A>&amp;</R>');
});
