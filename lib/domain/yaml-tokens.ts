// A tiny, safe YAML tokenizer for display: it colours keys, strings, numbers, booleans and
// comments. It never evaluates anything and the page renders tokens as text in <span>s, so any
// input (even HTML) is shown literally. Not a YAML parser: unusual constructs come out as plain.

export type YamlTokenType = 'key' | 'string' | 'number' | 'bool' | 'comment' | 'punct' | 'plain';
export type YamlToken = { type: YamlTokenType; text: string };

const NUMBER_RE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;
const BOOL_RE = /^(?:true|false|True|False|TRUE|FALSE|yes|no|on|off|null|Null|NULL|~)$/;

/** Split `text` at the first ` #` (or leading `#`) that is not inside quotes. */
function splitComment(text: string): [string, string] {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return [text.slice(0, i), text.slice(i)];
    }
  }
  return [text, ''];
}

function scalar(text: string): YamlToken[] {
  if (!text) return [];
  const lead = /^\s*/.exec(text)![0];
  const trail = /\s*$/.exec(text.slice(lead.length))![0];
  const core = text.slice(lead.length, text.length - trail.length);
  const out: YamlToken[] = [];
  if (lead) out.push({ type: 'plain', text: lead });
  if (core) {
    let type: YamlTokenType = 'plain';
    if (/^(["']).*\1$/.test(core)) type = 'string';
    else if (NUMBER_RE.test(core)) type = 'number';
    else if (BOOL_RE.test(core)) type = 'bool';
    else if (/^[|>][-+]?\d*$/.test(core) || /^[[\]{}&*!]/.test(core)) type = 'punct';
    out.push({ type, text: core });
  }
  if (trail) out.push({ type: 'plain', text: trail });
  return out;
}

export function tokenizeYamlLine(line: string): YamlToken[] {
  const out: YamlToken[] = [];
  const indent = /^\s*/.exec(line)![0];
  if (indent) out.push({ type: 'plain', text: indent });
  let rest = line.slice(indent.length);
  const [code, comment] = splitComment(rest);
  rest = code;
  // List items: "- " (possibly repeated)
  let dash: RegExpExecArray | null;
  while ((dash = /^-(?:\s+|$)/.exec(rest))) {
    out.push({ type: 'punct', text: dash[0] });
    rest = rest.slice(dash[0].length);
  }
  if (rest === '---' || rest === '...') {
    out.push({ type: 'punct', text: rest });
  } else {
    const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^:#]*?)(\s*:)(?=\s|$)/.exec(rest);
    if (key) {
      out.push({ type: 'key', text: key[1] });
      out.push({ type: 'punct', text: key[2] });
      out.push(...scalar(rest.slice(key[0].length)));
    } else {
      out.push(...scalar(rest));
    }
  }
  if (comment) out.push({ type: 'comment', text: comment });
  return out;
}

/** Tokens per line (line breaks are not tokens; render one row per line). */
export function tokenizeYaml(text: string): YamlToken[][] {
  return text.replace(/\r\n?/g, '\n').split('\n').map(tokenizeYamlLine);
}
