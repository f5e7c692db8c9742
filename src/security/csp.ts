/**
 * The Content-Security-Policy of the built app: only what it needs, nothing from elsewhere.
 * The build puts it in a <meta> tag of index.html, so it holds on any static host; `vite preview`
 * also sends it as a header, which is what governs the workers (a worker started from a URL runs
 * under the policy of its own response, not its page's). The dev server sends none: Vite's hot
 * reload needs inline scripts.
 */

/** A directive name and its sources. */
type Directive = readonly [name: string, ...sources: string[]];

const SELF = "'self'";
const NONE = "'none'";

const DIRECTIVES: readonly Directive[] = [
  // Everything not named below is refused: plugins (<object>), frames, media, fonts, manifests.
  ['default-src', NONE],
  // The app's own bundles. 'wasm-unsafe-eval' lets onnxruntime-web compile its WebAssembly; it
  // allows no eval() or new Function() of JavaScript (Zod is told not to try: zodWithoutEval.ts).
  ['script-src', SELF, "'wasm-unsafe-eval'"],
  // The inference worker, and the copies of its script that onnxruntime-web starts as WASM threads
  // (e2e/security.spec.ts checks: from the worker's own URL, never from blob: URLs).
  ['worker-src', SELF],
  // fetch(): the built-in models, tokenizers and onnxruntime-web's .wasm from this origin, and a
  // model the user loads by URL ("Load URL"): any https origin, or a model server on this machine.
  ['connect-src', SELF, 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
  // The built stylesheet. Inline style attributes stay refused; React and the renderers set
  // styles through the CSSOM (element.style), which CSP does not restrict.
  ['style-src', SELF],
  // The PNG export draws the SVG export, loaded from a blob: URL, onto a canvas.
  ['img-src', SELF, 'blob:'],
  // No <base> tag may move where relative URLs (models, assets) point.
  ['base-uri', NONE],
  // Forms (the order ticket, Load URL) are handled in script and never submitted anywhere.
  ['form-action', NONE],
];

/**
 * Only meaningful in a header: browsers ignore frame-ancestors in a <meta> tag (with a console
 * warning). No other site may frame the app (clickjacking the order ticket).
 */
const HEADER_ONLY: readonly Directive[] = [['frame-ancestors', NONE]];

function serialize(directives: readonly Directive[]): string {
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** The policy for the <meta http-equiv="Content-Security-Policy"> tag of the built index.html. */
export const CSP_META = serialize(DIRECTIVES);

/** The same policy for the Content-Security-Policy response header, with what only a header can say. */
export const CSP_HEADER = serialize([...DIRECTIVES, ...HEADER_ONLY]);
