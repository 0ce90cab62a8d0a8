/**
 * Adversarial inputs for the linearity tests: for each detector, a unit of
 * text that almost matches (so every pattern does its most work), repeated
 * to any size.
 */

export interface Family {
  readonly name: string;
  readonly unit: string;
}

const run = (c: string, n: number) => c.repeat(n);

export const FAMILIES: readonly Family[] = [
  { name: 'URL schemes without authority', unit: 'a://' },
  { name: 'URL userinfo without @', unit: 'postgres://u:' + run('p', 60) + ' ' },
  { name: 'URL with a long authority', unit: 'x://' + run('a:', 700) },
  { name: 'Oracle user/ without @', unit: 'a/' + run('b', 130) + ' ' },
  { name: 'Oracle user/pass@ without host', unit: 'scott/tiger@ ' },
  { name: 'Go DSN @tcp( without userinfo', unit: 'a:b@tcp(' },
  { name: 'Go DSN long userinfo', unit: ':' + run('a', 450) + '@tcp(' },
  { name: 'password= with nothing', unit: 'password=' },
  { name: 'password: with spaces', unit: 'password:' + run(' ', 9) },
  { name: 'unterminated quoted value', unit: 'password="' + run('a', 600) },
  { name: 'over-long value', unit: 'token=' + run('A1', 300) + ' ' },
  { name: 'credential words glued', unit: 'pgpasswordsecrettokenapikey' },
  { name: 'GitHub prefix one short', unit: 'ghp_' + run('a', 35) + ' ' },
  { name: 'JWT header repeated', unit: 'eyJ' },
  { name: 'JWT segments too short', unit: 'eyJa.eyJa.' },
  { name: 'JWT without dots', unit: 'eyJ' + run('a', 3000) + ' ' },
  { name: 'Slack dashes', unit: 'xoxb-' + run('a-', 200) + ' ' },
  { name: 'OpenAI prefix', unit: 'sk-' },
  { name: 'AWS key ID one short', unit: 'AKIA' + run('A', 15) + ' ' },
  { name: 'AWS key IDs opening windows', unit: 'AKIAABCDEFGHIJKLMNOP ' + run('A', 39) + ' ' },
  { name: 'AWS secret keyword, short value', unit: 'aws_secret_access_key=' + run('A', 39) + ' ' },
  { name: 'PEM BEGIN repeated', unit: '-----BEGIN ' },
  { name: 'PEM key without END', unit: '-----BEGIN RSA PRIVATE KEY-----' + run('A', 100) },
  { name: 'Bearer with an over-long token', unit: 'bearer ' + run('a1', 2500) + ' ' },
  { name: 'Basic with an over-long value', unit: 'basic ' + run('A', 1100) + ' ' },
  { name: 'ADO.NET pairs', unit: 'Password=' + run('x', 20) + ';' },
  { name: 'libpq-looking words', unit: 'host=a ' },
  { name: 'emails and @', unit: 'oncall@company.internal ' },
  { name: 'prose', unit: 'password authentication failed for user "orders_api" ' },
];

/** `unit` repeated to exactly `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}
