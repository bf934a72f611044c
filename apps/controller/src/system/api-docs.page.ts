import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { join } from 'node:path';

/** Files of the `swagger-ui-dist` package the `/docs` page loads, served from node_modules (no CDN). */
const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'] as const;

/** The page's own start-up script: Swagger UI on the same-origin OpenAPI document. */
export const DOCS_INIT_SCRIPT = 'docs-init.js';

/** Where a `/docs/<asset>` file is on disk, or null for a name that is not one of the page's files. */
export function swaggerUiFile(asset: string): string | null {
  return (SWAGGER_UI_FILES as readonly string[]).includes(asset) ? join(getAbsoluteFSPath(), asset) : null;
}

/** Swagger UI's start-up: the document URL is a JSON literal, so nothing in it can break out. */
export function docsInitScript(specUrl: string): string {
  return [
    `window.ui = SwaggerUIBundle({`,
    `  url: ${JSON.stringify(specUrl)},`,
    `  dom_id: '#swagger-ui',`,
    `  deepLinking: true,`,
    `  tryItOutEnabled: false,`,
    `});`,
    '',
  ].join('\n');
}

/** The `/docs` page: Swagger UI from this server's own `/docs/*` files; scripts are files, not inline. */
export function docsPageHtml(title = 'NetPulse API'): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</title>`,
    '<link rel="stylesheet" href="/docs/swagger-ui.css">',
    '<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">',
    '</head>',
    '<body>',
    '<div id="swagger-ui"></div>',
    '<script src="/docs/swagger-ui-bundle.js"></script>',
    `<script src="/docs/${DOCS_INIT_SCRIPT}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
