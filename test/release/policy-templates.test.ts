import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../../shared/providers/ids.js';
import { CAPTURE_THRESHOLD_NAMES, IDLE_LOCK_MINUTES_RANGE, LANGUAGES, RETENTION_DAYS_RANGE, SETTINGS_FIELDS } from '../../shared/settings.js';
import { readPolicy } from '../../electron/services/provisioning/load-provisioning.js';
import { ProvisioningFileSchema } from '../../electron/services/provisioning/provisioning-file.js';
import { APP_BUNDLE_ID } from '../../electron/services/provisioning/provisioning-location.js';
import { REGISTRY_POLICY_KEY } from '../../electron/services/provisioning/registry-policy.js';
import { kindAt } from '../../electron/services/provisioning/schema-kind.js';

/**
 * The Group Policy template and the sample configuration profile shipped for
 * IT (build/fleet/) must cover every field the station reads from a policy,
 * write each where and as the registry reader expects, and validate.
 */
const ADMX = 'build/fleet/windows/EnrollmentStation.admx';
const ADML = 'build/fleet/windows/en-US/EnrollmentStation.adml';
const MOBILECONFIG = `build/fleet/macos/${APP_BUNDLE_ID}.mobileconfig`;

/** The few DOM members used here. @xmldom/xmldom's own types would pull the DOM library into the Node typecheck. */
interface Element {
  readonly tagName: string;
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<Element>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<Element>;
}
interface XmlDocument {
  readonly documentElement: Element | null;
  getElementsByTagName(name: string): ArrayLike<Element>;
}
const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
const parse = (file: string) => new DOMParser().parseFromString(fs.readFileSync(file, 'utf8'), 'text/xml');
const elements = (root: { getElementsByTagName(name: string): ArrayLike<Element> }, name: string): Element[] => Array.from(root.getElementsByTagName(name));
const children = (element: Element): Element[] => Array.from(element.childNodes).filter((node) => node.nodeType === 1);

/** Every leaf the provisioning schema takes, as a dotted path: settings.<field>, settings.captureThresholds.<name>, updates.feedUrl. */
const SCHEMA_LEAVES = [
  ...SETTINGS_FIELDS.filter((field) => field !== 'captureThresholds').map((field) => `settings.${field}`),
  ...CAPTURE_THRESHOLD_NAMES.map((name) => `settings.captureThresholds.${name}`),
  'updates.feedUrl',
  'updates.deadlineHours',
];

interface WrittenValue {
  readonly policy: string;
  /** The ADMX element writing it, or `boolean` for a policy's enabled/disabled value. */
  readonly element: string;
  readonly node: Element;
}

/** What each ADMX policy writes, by dotted path under the station's key. */
function writtenValues(): Map<string, WrittenValue> {
  const root = 'Software\\Policies\\EnrollmentStation';
  const written = new Map<string, WrittenValue>();
  for (const policy of elements(parse(ADMX), 'policy')) {
    const key = policy.getAttribute('key') ?? '';
    expect(key.startsWith(`${root}\\`), key).toBe(true);
    expect(policy.getAttribute('class')).toBe('Machine');
    const prefix = key.slice(root.length + 1).split('\\');
    const name = policy.getAttribute('name') ?? '';
    const valueName = policy.getAttribute('valueName');
    if (valueName) written.set([...prefix, valueName].join('.'), { policy: name, element: 'boolean', node: policy });
    for (const elementsNode of elements(policy, 'elements')) {
      for (const element of children(elementsNode)) {
        written.set([...prefix, element.getAttribute('valueName') ?? ''].join('.'), { policy: name, element: element.tagName, node: element });
      }
    }
  }
  return written;
}

describe('Group Policy template (ADMX/ADML)', () => {
  it('writes under the key the station reads', () => {
    expect(REGISTRY_POLICY_KEY).toBe('HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\EnrollmentStation');
  });

  it('has one value for every field the station takes from a policy, and none it does not take', () => {
    expect([...writtenValues().keys()].sort()).toEqual([...SCHEMA_LEAVES].sort());
  });

  it('writes each value with the registry type the reader turns into the field’s type', () => {
    // boolean: REG_DWORD 1/0; decimal: REG_DWORD; text: REG_SZ (decimal text for fractional numbers); enum of strings: REG_SZ; multiText: REG_MULTI_SZ.
    const elementFor = { boolean: ['boolean'], number: ['decimal', 'text'], string: ['text', 'enum'], array: ['multiText'] } as Record<string, string[]>;
    for (const [path, { element, node }] of writtenValues()) {
      const kind = kindAt(ProvisioningFileSchema, path.split('.'));
      expect(elementFor[kind ?? 'none'], `${path} (${kind ?? 'unknown'})`).toContain(element);
      if (element === 'boolean') {
        expect(elements(node, 'enabledValue')[0]?.getElementsByTagName('decimal')[0]?.getAttribute('value')).toBe('1');
        expect(elements(node, 'disabledValue')[0]?.getElementsByTagName('decimal')[0]?.getAttribute('value')).toBe('0');
      }
      // Integers go as REG_DWORD; only the capture thresholds, which take fractions, go as text.
      if (kind === 'number' && element === 'text') expect(path).toMatch(/^settings\.captureThresholds\./);
    }
  });

  it('offers exactly the providers and languages the station knows, and the ranges Settings allows', () => {
    const written = writtenValues();
    const enumValues = (path: string) => elements(written.get(path)?.node as Element, 'string').map((node) => node.textContent);
    expect(enumValues('settings.providerId')).toEqual([...PROVIDER_IDS]);
    expect(enumValues('settings.language')).toEqual([...LANGUAGES]);
    for (const [path, range] of [
      ['settings.retentionDays', RETENTION_DAYS_RANGE],
      ['settings.idleLockMinutes', IDLE_LOCK_MINUTES_RANGE],
    ] as const) {
      const node = written.get(path)?.node;
      expect([node?.getAttribute('minValue'), node?.getAttribute('maxValue')], path).toEqual([String(range.min), String(range.max)]);
    }
  });

  it('has every string and presentation the ADMX refers to in the ADML, and every element a control', () => {
    const admx = fs.readFileSync(ADMX, 'utf8');
    const adml = parse(ADML);
    const strings = new Set(elements(adml, 'string').map((node) => node.getAttribute('id')));
    const presentations = new Map(elements(adml, 'presentation').map((node) => [node.getAttribute('id'), node]));
    for (const [, id] of admx.matchAll(/\$\(string\.([^)]+)\)/g)) expect(strings.has(id ?? ''), `string ${id ?? ''}`).toBe(true);
    for (const [, id] of admx.matchAll(/\$\(presentation\.([^)]+)\)/g)) expect(presentations.has(id ?? ''), `presentation ${id ?? ''}`).toBe(true);
    for (const { policy, element, node } of writtenValues().values()) {
      if (element === 'boolean') continue;
      const controls = children(presentations.get(policy) as Element).map((control) => control.getAttribute('refId'));
      expect(controls, policy).toContain(node.getAttribute('id'));
    }
  });
});

/** The values of an XML property list, as plutil's JSON would give them. */
function plistValue(node: Element): unknown {
  switch (node.tagName) {
    case 'dict': {
      const items = children(node);
      const entries: Array<[string, unknown]> = [];
      for (let index = 0; index < items.length; index += 2) entries.push([items[index]?.textContent ?? '', plistValue(items[index + 1] as Element)]);
      return Object.fromEntries(entries);
    }
    case 'array':
      return children(node).map(plistValue);
    case 'integer':
    case 'real':
      return Number(node.textContent);
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      return node.textContent;
  }
}

describe('sample configuration profile (.mobileconfig)', () => {
  const profile = plistValue(children(parse(MOBILECONFIG).documentElement as Element)[0] as Element) as {
    PayloadScope: string;
    PayloadContent: Array<{ PayloadType: string; PayloadContent: Record<string, { Forced: Array<{ mcx_preference_settings: unknown }> }> }>;
  };

  it('is a machine-wide Custom Settings payload for the station’s bundle id', () => {
    expect(profile.PayloadScope).toBe('System');
    expect(profile.PayloadContent[0]?.PayloadType).toBe('com.apple.ManagedClient.preferences');
    expect(Object.keys(profile.PayloadContent[0]?.PayloadContent ?? {})).toEqual([APP_BUNDLE_ID]);
  });

  it('holds preferences the station accepts, read as macOS writes them to the managed preferences', async () => {
    const preferences = profile.PayloadContent[0]?.PayloadContent[APP_BUNDLE_ID]?.Forced[0]?.mcx_preference_settings;
    const policy = await readPolicy({ kind: 'managed-preferences', location: 'sample', read: () => Promise.resolve({ found: true, value: preferences }) });
    expect(policy.error).toBeNull();
    expect(policy.locked).toEqual([
      'providerId',
      'endpoint',
      'language',
      'retentionDays',
      'idleLockMinutes',
      'expectedPeopleRetentionDays',
      'captureThresholds',
      'startAtLogin',
    ]);
    expect(policy.updateFeedUrl).toBe('https://updates.example.org/enrollment-station/');
  });
});
