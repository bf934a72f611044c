import { DOCS_PAGE_SCRIPT } from './docs-page.script';

/** Options of `renderDocsHtml`. */
export interface DocsPageOptions {
  /** Name the page sends the API key under if the document needs it. Default: `X-API-KEY`. */
  apiKeyName?: string;
  /** Page title. Default: `NetPulse API`. */
  title?: string;
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f7f8fa; }
#np-root { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
h1 { margin-top: 0; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #d5d9e0; text-transform: capitalize; }
.np-op, .np-schema { background: #fff; border: 1px solid #d5d9e0; border-left: 6px solid #8893a5; border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
.np-get { border-left-color: #2f7ed8; } .np-post { border-left-color: #2e9d57; } .np-delete { border-left-color: #c94040; }
.np-put, .np-patch { border-left-color: #c9892b; }
.np-method { display: inline-block; min-width: 4.5rem; font-weight: 700; }
.np-path { font-size: 1.05em; margin-right: .75rem; } .np-summary { font-weight: 400; color: #4a5365; }
.np-table { border-collapse: collapse; width: 100%; margin: .25rem 0 .75rem; }
.np-table th, .np-table td { border: 1px solid #e2e5ea; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.np-table th { background: #f0f2f5; }
.np-example { background: #1d2330; color: #e6e9ef; padding: .75rem; border-radius: 4px; overflow-x: auto; font-size: 13px; }
.np-note { color: #6b7485; font-style: italic; } .np-error { color: #c94040; }
.np-type { font-family: ui-monospace, monospace; font-size: .92em; }
`;

/** A string as a JS literal that is safe inside `<script>` (no `</script>`, no line separators). */
function scriptLiteral(value: string): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The `/docs` page: one self-contained HTML document (inline CSS and JS, no CDN, no external fetch)
 * that loads `specUrl` from the same origin and lists every operation with its parameters, bodies,
 * answers and examples, then every schema. If the document answers 401/403 the page asks for the key.
 */
export function renderDocsHtml(specUrl: string, options: DocsPageOptions = {}): string {
  const title = options.title ?? 'NetPulse API';
  // Function replacers: a `$&` or `$'` in the URL must not be read as a replacement pattern.
  const script = DOCS_PAGE_SCRIPT.replace('__SPEC_URL__', () => scriptLiteral(specUrl)).replace('__KEY_NAME__', () => scriptLiteral(options.apiKeyName ?? 'X-API-KEY'));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<main id="np-root"><p>Loading <code>${escapeHtml(specUrl)}</code>…</p></main>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
