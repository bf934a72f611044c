import { XmlElement, XmlReader } from './ttp-xml.reader';
import { TtpError } from './ttp.error';

const EXTEND = /<extend\b([^>]*?)\/?>(?:\s*<\/extend>)?/g;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function serialize(element: XmlElement): string {
  const attrs = Object.entries(element.attrib)
    .map(([k, v]) => ` ${k}="${escapeText(v).replace(/"/g, '&quot;')}"`)
    .join('');
  const body = escapeText(element.text ?? '') + element.children.map((c) => serialize(c) + escapeText(c.tail ?? '')).join('');
  return `<${element.tag}${attrs}>${body}</${element.tag}>`;
}

function readAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(["'])(.*?)\2/gs)) out[m[1]] = m[3];
  return out;
}

/** A file a template names, from the files given to the run; files on disk are never read. */
export function readFile(files: Readonly<Record<string, string>>, path: string, what: string): string {
  const candidates = [path, path.replace(/^\.\//, ''), `./${path}`];
  for (const candidate of candidates) if (Object.prototype.hasOwnProperty.call(files, candidate)) return files[candidate];
  throw new TtpError(`${what} ${JSON.stringify(path)}: files cannot be read here; put the content in the template instead`);
}

/** Replaces each `<extend template="...">` with the text of that template (only `groups` when given). */
export function expandExtends(text: string, files: Readonly<Record<string, string>>, depth = 0): string {
  if (depth > 10) throw new TtpError('<extend> nests deeper than 10 levels');
  return text.replace(EXTEND, (_whole, attrText: string) => {
    const attrs = readAttributes(attrText);
    if (!attrs.template) throw new TtpError('<extend> needs a template attribute');
    let body = expandExtends(readFile(files, attrs.template, '<extend template>'), files, depth + 1);
    if (attrs.groups !== undefined) {
      const wanted = attrs.groups.split(',').map((g) => g.trim());
      let root: XmlElement;
      try {
        root = XmlReader.parse(`<template>\n${body}\n</template>`);
      } catch (error) {
        throw new TtpError(`<extend template=${JSON.stringify(attrs.template)}>: ${error instanceof Error ? error.message : String(error)}`);
      }
      const groups = root.children.filter((c) => ['g', 'grp', 'group'].includes(c.tag.toLowerCase()));
      body = groups
        .filter((g, index) => wanted.includes(String(index)) || wanted.includes(g.attrib.name ?? ''))
        .map(serialize)
        .join('\n');
    }
    return body;
  });
}
