/**
 * XML of uploaded archives (project.xml, connection descriptors, .jca,
 * lookups, schedules), read with fast-xml-parser configured for untrusted
 * input: a DOCTYPE (and so any entity declaration, external or not) is
 * refused before parsing, entities are never expanded by the parser (only
 * the five predefined ones and character references are decoded, here, one
 * for one), nesting is capped, and the document must be well formed.
 * The result is a small element tree in document order, because a flow's
 * steps are ordered and grouping by tag name would lose that.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8 } from 'fflate';
import { badRequest } from '../../core/errors';

export interface XmlNode {
  /** Local name (namespace prefix removed). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Concatenated text content of this element (decoded, trimmed). */
  text: string;
}

const MAX_DEPTH = 64;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  maxNestedTags: MAX_DEPTH,
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return PREDEFINED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${Object.entries(PREDEFINED).find(([, v]) => v === c)![0]};`);
}

type Raw = Record<string, unknown>;

function convert(item: Raw, depth: number): XmlNode | undefined {
  const name = Object.keys(item).find((k) => k !== ':@');
  if (name === undefined || name === '#text') return undefined;
  const attrsRaw = (item[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrsRaw)) {
    // xmlns declarations are not data.
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    attrs[k.includes(':') ? k.slice(k.indexOf(':') + 1) : k] = decodeEntities(String(v));
  }
  const node: XmlNode = { name, attrs, children: [], text: '' };
  const kids = item[name];
  if (Array.isArray(kids)) {
    for (const k of kids as Raw[]) {
      if ('#text' in k) node.text += decodeEntities(String(k['#text']));
      else {
        const child = convert(k, depth + 1);
        if (child) node.children.push(child);
      }
    }
  }
  node.text = node.text.trim();
  return node;
}

/** Parse one archive entry; every problem is a 400 naming the entry. */
export function parseXml(entry: string, bytes: Uint8Array): XmlNode {
  const text = strFromU8(bytes).replace(/^\uFEFF/, '');
  const upper = text.toUpperCase();
  if (upper.includes('<!DOCTYPE') || upper.includes('<!ENTITY')) {
    throw badRequest(`Archive entry '${entry}' has a DOCTYPE or entity declaration; archives with DTDs or entities are refused`);
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) throw badRequest(`Archive entry '${entry}' is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let raw: Raw[];
  try {
    raw = parser.parse(text) as Raw[];
  } catch (e) {
    throw badRequest(`Archive entry '${entry}' is not readable XML: ${(e as Error).message}`);
  }
  const roots = raw.map((r) => convert(r, 0)).filter((n): n is XmlNode => n !== undefined);
  if (roots.length !== 1) throw badRequest(`Archive entry '${entry}' must have exactly one root element`);
  return roots[0];
}

export const child = (n: XmlNode | undefined, name: string): XmlNode | undefined => n?.children.find((c) => c.name === name);
export const childrenOf = (n: XmlNode | undefined, name: string): XmlNode[] => n?.children.filter((c) => c.name === name) ?? [];
export const textOf = (n: XmlNode | undefined, name: string): string | undefined => child(n, name)?.text;

/** Every element below `n` (document order) whose name is one of `names`. */
export function descendants(n: XmlNode, names: Set<string>, out: XmlNode[] = []): XmlNode[] {
  for (const c of n.children) {
    if (names.has(c.name)) out.push(c);
    descendants(c, names, out);
  }
  return out;
}
