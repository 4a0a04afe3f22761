/**
 * A minimal XML writer for the XML protocols' responses: elements and
 * escaped text appended to one string, no DOM, no pretty-printing.
 */

const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_ALL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"\r\n\t]/;
const ATTR_SPECIAL_ALL = /[&<>"\r\n\t]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};
const replaceEntity = (ch: string) => ENTITIES[ch];

/** Escape character data (`&`, `<`, `>`; `\r` as a reference so it survives parsing). */
export function escapeXmlText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL_ALL, replaceEntity) : text;
}

export function escapeXmlAttribute(text: string): string {
  return ATTR_SPECIAL.test(text) ? text.replace(ATTR_SPECIAL_ALL, replaceEntity) : text;
}

export class XmlWriter {
  private out = '';

  /** `<name>` or `<name xmlns="...">`. */
  open(name: string, xmlns?: string): this {
    this.out += xmlns === undefined ? `<${name}>` : `<${name} xmlns="${escapeXmlAttribute(xmlns)}">`;
    return this;
  }

  close(name: string): this {
    this.out += `</${name}>`;
    return this;
  }

  /** `<name>text</name>`, the text escaped. */
  leaf(name: string, text: string): this {
    this.out += `<${name}>${escapeXmlText(text)}</${name}>`;
    return this;
  }

  /** Escaped character data inside the current element. */
  text(text: string): this {
    this.out += escapeXmlText(text);
    return this;
  }

  toString(): string {
    return this.out;
  }
}
