/**
 * Secret fixes, both safe. IR112: mask the credential in a connection string
 * (user, host, port, database and options stay). IR301: redact every
 * credential in the string as `***`; a value that is a secret only because
 * of its key (`"password": "…"`) is masked where the diagnostic's `within`
 * says. The edit replaces only the characters of the secret, so the rest of
 * the string keeps its escapes byte for byte. Titles never show the secret.
 */
import { MASK, maskConnectionString, redactSecrets } from '../secrets';
import { Fix, FixProvider, nodeAt } from './fixTypes';
import { replaceStringValue } from './jsonEdits';

const TITLES = {
  mask: 'Mask the password in the connection string',
  redact: 'Redact the secret',
  redactKey: 'Redact the secret in the property name',
};

function withinRange(within: unknown, length: number): [number, number] | undefined {
  if (!Array.isArray(within) || within.length !== 2) {
    return undefined;
  }
  const [start, end] = within as unknown[];
  return typeof start === 'number' && typeof end === 'number' && start >= 0 && start < end && end <= length ? [start, end] : undefined;
}

function stringFix(title: string, mask: (value: string, within: unknown) => string | undefined): FixProvider {
  return ({ data, src }): Fix[] => {
    const node = nodeAt(src, data.pointer);
    if (node?.type !== 'string' || typeof node.value !== 'string') {
      return [];
    }
    const masked = mask(node.value, data.within);
    const change = masked === undefined ? undefined : replaceStringValue(src, node, masked);
    return change ? [{ title, changes: [change], safe: true, preferred: true }] : [];
  };
}

/** IR112. */
export const maskConnectionStringFix = stringFix(TITLES.mask, (value) => maskConnectionString(value));

/** IR301 on a property name: the name with its credential redacted, unless the object already has that name. */
const redactKeyFix: FixProvider = ({ data, src }): Fix[] => {
  const property = nodeAt(src, data.pointer)?.parent;
  const key = property?.children?.[0];
  const name = key?.value;
  if (!property || property.type !== 'property' || !key || typeof name !== 'string') {
    return [];
  }
  const redacted = redactSecrets(name);
  const taken = (property.parent?.children ?? []).some((p) => p.children?.[0]?.value === redacted);
  const change = redacted === undefined || taken ? undefined : replaceStringValue(src, key, redacted);
  return change ? [{ title: TITLES.redactKey, changes: [change], safe: true, preferred: true }] : [];
};

const redactValueFix = stringFix(TITLES.redact, (value, within) => {
  const redacted = redactSecrets(value);
  if (redacted !== undefined) {
    return redacted;
  }
  const range = withinRange(within, value.length);
  return range && value.slice(range[0], range[1]) !== MASK ? value.slice(0, range[0]) + MASK + value.slice(range[1]) : undefined;
});

/** IR301. */
export const redactSecretFix: FixProvider = (input) => (input.data.key === true ? redactKeyFix(input) : redactValueFix(input));
