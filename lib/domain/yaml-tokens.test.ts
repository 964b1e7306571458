import { describe, expect, it } from 'vitest';
import { tokenizeYaml, tokenizeYamlLine } from './yaml-tokens';

const types = (line: string) => tokenizeYamlLine(line).filter((t) => t.text.trim()).map((t) => `${t.type}:${t.text.trim()}`);

describe('tokenizeYaml', () => {
  it('colours keys, numbers, strings, booleans and comments', () => {
    expect(types('  layers: 24 # deep')).toEqual(['key:layers', 'punct::', 'number:24', 'comment:# deep']);
    expect(types('name: "base # not a comment"')).toEqual(['key:name', 'punct::', 'string:"base # not a comment"']);
    expect(types('lr: 1e-5')).toEqual(['key:lr', 'punct::', 'number:1e-5']);
    expect(types('enabled: true')).toEqual(['key:enabled', 'punct::', 'bool:true']);
    expect(types('# a comment')).toEqual(['comment:# a comment']);
    expect(types('- item')).toEqual(['punct:-', 'plain:item']);
    expect(types('- key: 0.7')).toEqual(['punct:-', 'key:key', 'punct::', 'number:0.7']);
    expect(types('model:')).toEqual(['key:model', 'punct::']);
    expect(types('url: http://x:80/a#b')).toEqual(['key:url', 'punct::', 'plain:http://x:80/a#b']);
  });

  it('loses no character (the text is shown exactly)', () => {
    const text = 'a: 1\n  b: "x"  # c\n- <script>alert(1)</script>\n\tweird: [1, 2]\n';
    const lines = tokenizeYaml(text);
    expect(lines.map((l) => l.map((t) => t.text).join('')).join('\n')).toBe(text);
  });
});
