import { tokenizeYaml, type YamlTokenType } from '@/lib/domain/yaml-tokens';

const TOKEN_CLASS: Record<YamlTokenType, string> = {
  key: 'text-sky-300',
  string: 'text-emerald-300',
  number: 'text-amber-200',
  bool: 'text-fuchsia-300',
  comment: 'text-slate-400 italic',
  punct: 'text-slate-300',
  plain: 'text-slate-100',
};

/** config.yaml with syntax colours; tokens are rendered as text, never as HTML. */
export function YamlBlock({ text }: { text: string }) {
  const lines = tokenizeYaml(text.replace(/\n$/, ''));
  return (
    <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-5" tabIndex={0} aria-label="config.yaml" data-testid="config-yaml">
      <code>
        {lines.map((tokens, i) => (
          <span key={i} className="block min-h-5">
            {tokens.map((t, j) => (
              <span key={j} className={TOKEN_CLASS[t.type]}>{t.text}</span>
            ))}
          </span>
        ))}
      </code>
    </pre>
  );
}
