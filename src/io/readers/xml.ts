/**
 * A small XML parser producing the part of the DOM that @tmcw/togeojson reads (getElementsByTagName[NS],
 * childNodes, children, textContent, getAttribute, attributes, nodeType, tagName/nodeName/localName,
 * parentNode, normalize). Node has no DOMParser and neither do web workers, where imports run; in a page
 * the platform's DOMParser is used instead (see `xmlParser`). Well-formedness is checked for what matters
 * here (tags balance, quotes close); DTDs are skipped, not read.
 */
import { ImportReadError, type ParseXml } from './types.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

class MiniNodeList<T> extends Array<T> {
  item(i: number): T | null {
    return this[i] ?? null;
  }
}

abstract class MiniNode {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: MiniElement | MiniDocument | null = null;
  readonly childNodes = new MiniNodeList<MiniNode>();
  abstract get textContent(): string;
  normalize(): void {}
}

class MiniText extends MiniNode {
  constructor(
    public data: string,
    readonly nodeType: 3 | 4 | 8,
  ) {
    super();
  }
  get nodeName() {
    return this.nodeType === 3 ? '#text' : this.nodeType === 4 ? '#cdata-section' : '#comment';
  }
  get nodeValue() {
    return this.data;
  }
  get textContent() {
    return this.data;
  }
}

interface MiniAttr {
  name: string;
  value: string;
  localName: string;
  prefix: string | null;
  namespaceURI: string | null;
}

abstract class MiniParent extends MiniNode {
  get children(): MiniElement[] {
    return this.childNodes.filter((n): n is MiniElement => n instanceof MiniElement);
  }
  get textContent(): string {
    let s = '';
    for (const n of this.childNodes) if (n.nodeType !== 8) s += n.textContent;
    return s;
  }
  getElementsByTagName(name: string): MiniNodeList<MiniElement> {
    const out = new MiniNodeList<MiniElement>();
    const walk = (n: MiniNode) => {
      for (const c of n.childNodes) {
        if (c instanceof MiniElement) {
          if (name === '*' || c.tagName === name) out.push(c);
          walk(c);
        }
      }
    };
    walk(this);
    return out;
  }
  getElementsByTagNameNS(ns: string | null, local: string): MiniNodeList<MiniElement> {
    const out = new MiniNodeList<MiniElement>();
    const walk = (n: MiniNode) => {
      for (const c of n.childNodes) {
        if (c instanceof MiniElement) {
          if ((ns === '*' || c.namespaceURI === (ns || null)) && (local === '*' || c.localName === local)) out.push(c);
          walk(c);
        }
      }
    };
    walk(this);
    return out;
  }
}

class MiniElement extends MiniParent {
  readonly nodeType = 1;
  readonly attributes: MiniAttr[] = [];
  namespaceURI: string | null = null;
  constructor(readonly tagName: string) {
    super();
  }
  get nodeName() {
    return this.tagName;
  }
  get localName() {
    const i = this.tagName.indexOf(':');
    return i === -1 ? this.tagName : this.tagName.slice(i + 1);
  }
  get prefix() {
    const i = this.tagName.indexOf(':');
    return i === -1 ? null : this.tagName.slice(0, i);
  }
  getAttribute(name: string): string | null {
    return this.attributes.find((a) => a.name === name)?.value ?? null;
  }
  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }
}

class MiniDocument extends MiniParent {
  readonly nodeType = 9;
  readonly nodeName = '#document';
  get documentElement(): MiniElement | null {
    return this.children[0] ?? null;
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} at line ${line}, column ${column}`);
  }
}

/** Parses XML text into a minimal DOM (typed as Document for the libraries that take one). */
export function parseXmlMini(text: string): Document {
  const doc = new MiniDocument();
  let pos = 0;
  const fail = (msg: string, at = pos): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    throw new XmlSyntaxError(msg, line, at - before.lastIndexOf('\n'));
  };
  const stack: { el: MiniParent; ns: Map<string, string> }[] = [{ el: doc, ns: new Map([['xml', XML_NS]]) }];
  const top = () => stack[stack.length - 1]!;
  const append = (n: MiniNode) => {
    const parent = top().el;
    n.parentNode = parent as MiniElement | MiniDocument;
    parent.childNodes.push(n);
  };
  const appendText = (s: string) => {
    if (!s) return;
    if (stack.length === 1) {
      if (s.trim()) fail('text outside the root element');
      return;
    }
    const last = top().el.childNodes[top().el.childNodes.length - 1];
    if (last instanceof MiniText && last.nodeType === 3) last.data += s;
    else append(new MiniText(s, 3));
  };
  const nameRe = /[^\s/>=]+/y;
  const attrRe = /\s*([^\s/>=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      appendText(decodeEntities(text.slice(pos)));
      break;
    }
    appendText(decodeEntities(text.slice(pos, lt)));
    pos = lt;
    if (text.startsWith('<!--', pos)) {
      const end = text.indexOf('-->', pos + 4);
      if (end === -1) fail('unclosed comment');
      if (stack.length > 1) append(new MiniText(text.slice(pos + 4, end), 8));
      pos = end + 3;
    } else if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9);
      if (end === -1) fail('unclosed CDATA section');
      if (stack.length === 1) fail('CDATA outside the root element');
      append(new MiniText(text.slice(pos + 9, end), 4));
      pos = end + 3;
    } else if (text.startsWith('<?', pos)) {
      const end = text.indexOf('?>', pos + 2);
      if (end === -1) fail('unclosed processing instruction');
      pos = end + 2;
    } else if (text.startsWith('<!', pos)) {
      // <!DOCTYPE …> possibly with an internal subset in brackets.
      let depth = 0;
      let i = pos + 2;
      for (; i < text.length; i++) {
        const ch = text[i];
        if (ch === '[') depth++;
        else if (ch === ']') depth--;
        else if (ch === '>' && depth <= 0) break;
      }
      if (i >= text.length) fail('unclosed declaration');
      pos = i + 1;
    } else if (text[pos + 1] === '/') {
      nameRe.lastIndex = pos + 2;
      const m = nameRe.exec(text);
      const name = m?.[0] ?? '';
      const close = text.indexOf('>', pos);
      if (close === -1) fail('unclosed end tag');
      const open = top().el;
      if (!(open instanceof MiniElement)) fail(`end tag </${name}> without a start tag`);
      if ((open as MiniElement).tagName !== name) fail(`end tag </${name}> does not match <${(open as MiniElement).tagName}>`);
      stack.pop();
      pos = close + 1;
    } else {
      nameRe.lastIndex = pos + 1;
      const m = nameRe.exec(text);
      if (!m) fail('a tag without a name');
      const el = new MiniElement(m![0]);
      pos = nameRe.lastIndex;
      for (;;) {
        attrRe.lastIndex = pos;
        const a = attrRe.exec(text);
        if (!a) break;
        const aname = a[1]!;
        const i = aname.indexOf(':');
        el.attributes.push({
          name: aname,
          value: decodeEntities(a[2] ?? a[3] ?? ''),
          localName: i === -1 ? aname : aname.slice(i + 1),
          prefix: i === -1 ? null : aname.slice(0, i),
          namespaceURI: null,
        });
        pos = attrRe.lastIndex;
      }
      while (/\s/.test(text[pos] ?? '')) pos++;
      let selfClosing = false;
      if (text[pos] === '/' && text[pos + 1] === '>') {
        selfClosing = true;
        pos += 2;
      } else if (text[pos] === '>') pos += 1;
      else fail(`malformed tag <${el.tagName}>`);
      if (stack.length === 1 && doc.children.length > 0) fail('a second root element');
      // Namespaces: xmlns / xmlns:p declared here, inherited from the parent.
      const ns = new Map(top().ns);
      for (const at of el.attributes) {
        if (at.name === 'xmlns') ns.set('', at.value);
        else if (at.prefix === 'xmlns') ns.set(at.localName, at.value);
      }
      el.namespaceURI = ns.get(el.prefix ?? '') || null;
      for (const at of el.attributes) {
        if (at.name === 'xmlns' || at.prefix === 'xmlns') at.namespaceURI = 'http://www.w3.org/2000/xmlns/';
        else if (at.prefix) at.namespaceURI = ns.get(at.prefix) ?? null;
      }
      append(el);
      if (!selfClosing) stack.push({ el, ns });
    }
  }
  if (stack.length > 1) fail(`<${(top().el as MiniElement).tagName}> is not closed`);
  if (!doc.documentElement) fail('no root element');
  return doc as unknown as Document;
}

/** The XML parser to use: the injected one, else the platform's DOMParser, else the built-in one. */
export function xmlParser(injected?: ParseXml): ParseXml {
  if (injected) return injected;
  const DP = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (DP) return (t) => new DP().parseFromString(t, 'application/xml');
  return parseXmlMini;
}

/** Parses, turning syntax errors (thrown, or a browser's <parsererror> document) into an ImportReadError. */
export function parseXmlOrThrow(name: string, text: string, parse: ParseXml): Document {
  let doc: Document;
  try {
    doc = parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    throw new ImportReadError(name, `not valid XML (${msg})`, `不是有效的 XML（${msg}）`);
  }
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) {
    const msg = (err.textContent ?? '').trim().split('\n')[0] ?? '';
    throw new ImportReadError(name, `not valid XML (${msg})`, `不是有效的 XML（${msg}）`);
  }
  return doc;
}

/** The encoding an XML declaration names (`<?xml … encoding="GBK"?>`), read from the first bytes. */
export function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^\s*(?:\uFEFF|ï»¿)?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
}
