// Security audit of what ships: electronegativity over the built main, preload
// and renderer. electronegativity exits 0 whatever it finds, so this reads its
// JSON result and fails on any finding of MEDIUM severity or above that is not
// an accepted exception below, and on any shipped file it could not parse.
// Writes test-results/electronegativity.sarif for code-scanning uploads; the
// tool's own SARIF drops severity (and is written asynchronously), so it is
// built here from the same result, accepted findings marked suppressed.
//   npm run audit:electron
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * Findings reviewed and accepted, each with the reason and, where the reason is
 * a fact about the code, a check that the fact still holds in the bundle (the
 * exception lapses, and the audit fails, the moment it does not). Inline
 * `eng-disable` comments cannot carry these: esbuild drops comments when it
 * bundles main and preload, and global checks have no line to annotate.
 */
const ACCEPTED = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      'The renderer has a strict CSP, sent as a response header by the app:// protocol handler for every file ' +
      '(electron/main/protocol.ts with electron/services/content-security-policy.ts; test/electron/app-files.test.ts checks it). ' +
      'electronegativity only recognises <meta> tags and webRequest.onHeadersReceived, so it reports "no CSP".',
    holds: ({ main }) => /["']Content-Security-Policy["']:\s*CONTENT_SECURITY_POLICY/.test(main) && /default-src 'none'/.test(main),
  },
  ...['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'].map((id) => ({
    id,
    file: 'dist/electron/main.cjs',
    reason:
      'The main window takes its webPreferences from secureWebPreferences() (electron/main/security.ts: contextIsolation and ' +
      'sandbox on, node integration off; test/electron/main.test.ts checks the window gets them). electronegativity cannot ' +
      'see into a function call, so it reports the options as missing.',
    holds: ({ main, issue }) => windowUsesSecurePreferences(main, issue.location.line),
  })),
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'dist/electron/main.cjs',
    reason:
      'A middle-click can only ask for a new window, and every web contents denies every new window ' +
      '(hardenWebContents in electron/main/security.ts: setWindowOpenHandler returns deny; test/electron/main.test.ts checks it).',
    holds: ({ main, issue }) => windowUsesSecurePreferences(main, issue.location.line) && /setWindowOpenHandler\(\(\) => \(\{ action: "deny" \}\)\)/.test(main),
  },
];

/** True when the BrowserWindow constructed at this line takes secureWebPreferences(), and that function still turns isolation and the sandbox on. */
function windowUsesSecurePreferences(main, line) {
  const lines = main.split('\n');
  const call = [];
  for (const text of lines.slice(line - 1, line + 40)) {
    call.push(text);
    if (/^\s*\}\);?\s*$/.test(text)) break;
  }
  const construction = call.join('\n');
  const definition = /var secureWebPreferences = \((?:\w+(?:, )?)+\) => \(\{([^}]*)\}\);/.exec(main)?.[1] ?? '';
  return (
    /new\s+BrowserWindow\(\{/.test(construction) &&
    /webPreferences: secureWebPreferences\(/.test(construction) &&
    (construction.match(/webPreferences/g) ?? []).length === 1 &&
    /contextIsolation: true/.test(definition) &&
    /sandbox: true/.test(definition) &&
    /nodeIntegration: false/.test(definition)
  );
}

/** Checks never run: they need the network, and the build has none but the npm registry. */
const EXCLUDED_CHECKS = [
  // Downloads Electron's release list from GitHub on every run. Electron upgrades are tracked through npm instead.
  'AvailableSecurityFixesGlobalCheck',
];

const MEDIUM = 2;
const SHIPPED = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
const SARIF_FILE = 'test-results/electronegativity.sarif';

for (const file of SHIPPED) {
  if (!fs.existsSync(file)) {
    console.error(`audit:electron: ${file} is missing; run npm run build first.`);
    process.exit(2);
  }
}

// Two things hide the bundles from electronegativity, so a staged copy is audited:
// - it only reads .js/.ts/.html, and parses .js with esprima, then Babel plus an old scope analyser
//   that rejects class private fields (esbuild keeps them for Node 22); its TypeScript path (the Babel
//   parser alone) reads the bundles as they are, so each is staged under a .ts name;
// - its checks match Electron APIs by name (`new BrowserWindow(...)`), and esbuild writes
//   `new import_electron3.BrowserWindow(...)`; dropping the `import_electronN.` namespace restores the names.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'station-audit-'));
const stagedName = (file) => (file.endsWith('.cjs') ? `${file}.ts` : file);
const shippedName = (file) => file.replace(/\.cjs\.ts$/, '.cjs');
fs.copyFileSync('package.json', path.join(stage, 'package.json'));
fs.mkdirSync(path.join(stage, 'dist', 'electron'), { recursive: true });
for (const bundle of ['dist/electron/main.cjs', 'dist/electron/preload.cjs']) {
  // Same length, so the lines and columns reported are the shipped file's lines.
  const source = fs.readFileSync(bundle, 'utf8').replace(/\bimport_electron\d*\.(?=[A-Za-z])/g, (namespace) => ' '.repeat(namespace.length));
  fs.writeFileSync(path.join(stage, stagedName(bundle)), source);
}
fs.cpSync('dist/renderer', path.join(stage, 'dist', 'renderer'), { recursive: true });

// electronegativity also fetches translations from S3 on every run; refuse that request so it uses its bundled English.
const require = createRequire(import.meta.url);
const toolEntry = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(toolEntry).resolve('got');
const offline = () => Promise.reject(new Error('network disabled for the audit'));
offline.head = offline;
const refusal = new Module(gotPath);
refusal.filename = gotPath;
refusal.loaded = true;
refusal.exports = offline;
require.cache[gotPath] = refusal;
process.env.LANG = 'en-US';

const run = require('@doyensec/electronegativity');
let result;
const quietLog = console.log;
try {
  // Its progress chatter goes to console.log; keep the audit's own output readable.
  console.log = () => undefined;
  result = await (run.default ?? run)({
    input: stage,
    isRelative: true,
    excludeFromScan: EXCLUDED_CHECKS,
  });
} finally {
  console.log = quietLog;
}

const main = fs.readFileSync(path.join(stage, stagedName('dist/electron/main.cjs')), 'utf8');
const location = (issue) => `${shippedName(issue.file)}${issue.file === 'N/A' ? '' : `:${issue.location.line}:${issue.location.column}`}`;
const acceptedFor = (issue) => ACCEPTED.find((entry) => entry.id === issue.id && entry.file === shippedName(issue.file) && entry.holds({ main, issue }));
const blocking = result.issues.filter((issue) => issue.severity.value >= MEDIUM && !acceptedFor(issue));
const accepted = result.issues.filter((issue) => acceptedFor(issue));
const notes = result.issues.filter((issue) => issue.severity.value < MEDIUM && !acceptedFor(issue));
const unparsed = result.errors.filter((error) => !error.tolerable);
const unusedExceptions = ACCEPTED.filter((entry) => !result.issues.some((issue) => acceptedFor(issue) === entry));

writeSarif(result.issues);
fs.rmSync(stage, { recursive: true, force: true });

console.log(`electronegativity: ${result.globalChecks} global and ${result.atomicChecks} atomic checks over ${SHIPPED.join(', ')} and the renderer assets`);
for (const issue of accepted) console.log(`  accepted  ${issue.id} ${issue.severity.name} at ${location(issue)}: ${acceptedFor(issue).reason}`);
for (const issue of notes) console.log(`  note      ${issue.id} ${issue.severity.name} at ${location(issue)}: ${issue.description}`);
for (const issue of blocking)
  console.error(`  FINDING   ${issue.id} ${issue.severity.name}/${issue.confidence.name} at ${location(issue)}: ${issue.description}`);
for (const error of unparsed) console.error(`  UNREAD    ${shippedName(path.relative(stage, error.file))}: ${error.message}`);
for (const entry of unusedExceptions)
  console.error(`  STALE     accepted exception ${entry.id} at ${entry.file} no longer applies (its finding is gone or its reason no longer holds): review it`);
console.log(`SARIF: ${SARIF_FILE}`);

if (blocking.length > 0 || unparsed.length > 0 || unusedExceptions.length > 0) {
  console.error(
    `audit:electron failed: ${blocking.length} finding(s) of medium severity or above, ${unparsed.length} file(s) not analysed, ${unusedExceptions.length} stale exception(s).`,
  );
  process.exit(1);
}
console.log('audit:electron passed: no finding of medium severity or above.');

/** SARIF 2.1.0: medium and above as errors, the rest as notes, accepted findings suppressed with their reason. */
function writeSarif(issues) {
  const rules = [...new Set(issues.map((issue) => issue.id))].map((id) => ({
    id,
    helpUri: `https://github.com/doyensec/electronegativity/wiki/${id}`,
  }));
  const results = issues.map((issue) => {
    const exception = acceptedFor(issue);
    return {
      ruleId: issue.id,
      level: issue.severity.value >= MEDIUM ? 'error' : 'note',
      message: { text: issue.description },
      properties: { severity: issue.severity.name, confidence: issue.confidence.name, manualReview: issue.manualReview },
      locations: [
        {
          physicalLocation: {
            // Global findings have no file; they are about the app as a whole.
            artifactLocation: { uri: issue.file === 'N/A' ? 'package.json' : shippedName(issue.file) },
            region: { startLine: Math.max(issue.location.line, 1), startColumn: issue.location.column + 1 },
          },
        },
      ],
      ...(exception ? { suppressions: [{ kind: 'external', justification: exception.reason }] } : {}),
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'Electronegativity', informationUri: 'https://github.com/doyensec/electronegativity', rules } }, results }],
  };
  fs.mkdirSync(path.dirname(SARIF_FILE), { recursive: true });
  fs.writeFileSync(SARIF_FILE, JSON.stringify(sarif, null, 2));
}
