/**
 * A reader for the small YAML subset that manifest.yml is written in (no YAML package is
 * installed): block mappings, block sequences (of scalars or of mappings), plain, single- and
 * double-quoted scalars, folded (`>`) and literal (`|`) block scalars, and comments. Anything
 * outside the subset (tabs, flow collections, anchors, tags, multi-documents) is an error, so
 * the manifest cannot drift into syntax this reader would misread.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

type Line = { number: number; indent: number; text: string; raw: string };

export function parseSimpleYaml(source: string): YamlValue {
  const lines: Line[] = source.split(/\r?\n/).map((raw, index) => {
    if (/^\s*\t/.test(raw)) throw new Error(`line ${index + 1}: tabs are not allowed in indentation`);
    const indent = raw.length - raw.trimStart().length;
    return { number: index + 1, indent, text: raw.trim(), raw };
  });
  const reader = { lines, pos: 0 };
  skipBlank(reader);
  const first = reader.lines[reader.pos];
  if (!first) return null;
  if (first.text === '---' || first.text.startsWith('%')) {
    throw new Error(`line ${first.number}: directives and document markers are not supported`);
  }
  const value = parseBlock(reader, first.indent);
  skipBlank(reader);
  const rest = reader.lines[reader.pos];
  if (rest) throw new Error(`line ${rest.number}: unexpected content at indent ${rest.indent}`);
  return value;
}

type Reader = { lines: Line[]; pos: number };

function isBlank(line: Line): boolean {
  return line.text === '' || line.text.startsWith('#');
}

function skipBlank(reader: Reader): void {
  while (reader.pos < reader.lines.length && isBlank(reader.lines[reader.pos] as Line)) reader.pos += 1;
}

function peek(reader: Reader): Line | undefined {
  skipBlank(reader);
  return reader.lines[reader.pos];
}

function parseBlock(reader: Reader, indent: number): YamlValue {
  const line = peek(reader);
  if (!line) return null;
  return line.text === '-' || line.text.startsWith('- ')
    ? parseSequence(reader, indent)
    : parseMapping(reader, indent);
}

function parseSequence(reader: Reader, indent: number): YamlValue[] {
  const items: YamlValue[] = [];
  for (let line = peek(reader); line && line.indent === indent; line = peek(reader)) {
    if (!(line.text === '-' || line.text.startsWith('- '))) {
      throw new Error(`line ${line.number}: expected a sequence item`);
    }
    const rest = line.text.slice(1).trimStart();
    if (rest === '') {
      reader.pos += 1;
      const next = peek(reader);
      items.push(next && next.indent > indent ? parseBlock(reader, next.indent) : null);
    } else if (splitKey(rest)) {
      // "- key: value" opens a mapping whose keys sit where "key" starts.
      const itemIndent = indent + (line.text.length - rest.length);
      reader.lines[reader.pos] = { ...line, indent: itemIndent, text: rest };
      items.push(parseMapping(reader, itemIndent));
    } else {
      reader.pos += 1;
      items.push(parseScalar(rest, line.number));
    }
  }
  return items;
}

function splitKey(text: string): { key: string; rest: string } | null {
  const match = /^([A-Za-z_][\w.-]*):(?:\s+(.*))?$/.exec(text);
  if (!match) return null;
  return { key: match[1] as string, rest: (match[2] ?? '').trim() };
}

function parseMapping(reader: Reader, indent: number): { [key: string]: YamlValue } {
  const map: { [key: string]: YamlValue } = {};
  for (let line = peek(reader); line && line.indent === indent; line = peek(reader)) {
    const entry = splitKey(line.text);
    if (!entry) throw new Error(`line ${line.number}: expected "key: value"`);
    if (Object.hasOwn(map, entry.key)) throw new Error(`line ${line.number}: duplicate key ${entry.key}`);
    reader.pos += 1;
    if (/^[>|][+-]?$/.test(entry.rest)) {
      map[entry.key] = readBlockScalar(reader, indent, entry.rest);
    } else if (entry.rest === '' || entry.rest.startsWith('#')) {
      const next = peek(reader);
      const nestedSequence = next && next.indent === indent && next.text.startsWith('- ');
      map[entry.key] =
        next && (next.indent > indent || nestedSequence) ? parseBlock(reader, next.indent) : null;
    } else {
      map[entry.key] = parseScalar(entry.rest, line.number);
    }
  }
  const stray = peek(reader);
  if (stray && stray.indent > indent) throw new Error(`line ${stray.number}: unexpected indentation`);
  return map;
}

function readBlockScalar(reader: Reader, parentIndent: number, header: string): string {
  const body: string[] = [];
  let contentIndent: number | null = null;
  while (reader.pos < reader.lines.length) {
    const line = reader.lines[reader.pos] as Line;
    if (line.text !== '') {
      if (line.indent <= parentIndent) break;
      contentIndent ??= line.indent;
      if (line.indent < contentIndent) throw new Error(`line ${line.number}: block scalar dedented`);
    }
    body.push(line.text === '' ? '' : line.raw.slice(contentIndent ?? 0));
    reader.pos += 1;
  }
  while (body.length > 0 && body[body.length - 1] === '') body.pop();
  let text: string;
  if (header.startsWith('|')) {
    text = body.join('\n');
  } else {
    text = '';
    let pendingBreaks = 0;
    for (const part of body) {
      if (part === '') {
        pendingBreaks += 1;
        continue;
      }
      if (text !== '') text += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : ' ';
      text += part;
      pendingBreaks = 0;
    }
  }
  return header.endsWith('-') ? text : `${text}\n`;
}

function parseScalar(text: string, lineNumber: number): YamlValue {
  if (/^[[{&*!|>@`%]/.test(text)) {
    throw new Error(`line ${lineNumber}: flow collections, anchors and tags are not supported`);
  }
  if (text.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(text);
    if (!match) throw new Error(`line ${lineNumber}: unterminated double-quoted string`);
    return (match[1] as string).replace(/\\(.)/g, (_, ch: string) =>
      ch === 'n' ? '\n' : ch === 't' ? '\t' : ch,
    );
  }
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(text);
    if (!match) throw new Error(`line ${lineNumber}: unterminated single-quoted string`);
    return (match[1] as string).replace(/''/g, "'");
  }
  const plain = text.replace(/\s+#.*$/, '');
  if (/: |:$/.test(plain)) throw new Error(`line ${lineNumber}: a plain value may not contain ": "`);
  if (plain === 'true') return true;
  if (plain === 'false') return false;
  if (plain === 'null' || plain === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(plain)) return Number(plain);
  if (/^(yes|no|on|off|y|n)$/i.test(plain)) {
    throw new Error(`line ${lineNumber}: quote "${plain}": YAML 1.1 readers take it as a boolean`);
  }
  return plain;
}
