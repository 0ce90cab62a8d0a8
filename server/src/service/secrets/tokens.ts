/**
 * Credentials recognisable by their shape alone: vendor tokens with a fixed
 * prefix (the formats of secretlint's recommended preset, plus Stripe,
 * Google, PyPI, DigitalOcean and Atlassian), JSON Web Tokens and AWS access
 * key IDs.
 *
 * One combined anchor scan finds every prefix in a single pass; only at an
 * anchor is the format's own sticky pattern tried. Every pattern has bounded
 * repetition and starts only where a token can start (not inside a longer
 * word), so the work is linear in the text.
 */
import { looksGenerated } from './placeholders';
import { PRIORITY, RawFinding, raw } from './types';

interface TokenFormat {
  readonly kind: string;
  /** Regular-expression source of the literal prefix that starts the token. */
  readonly anchor: string;
  /** The whole token, sticky, with bounded repetition. */
  readonly pattern: RegExp;
  /** The capture group holding the secret part (default: the whole match). */
  readonly group?: number;
  /** Extra acceptance test on the secret part (default: looks machine-generated). */
  readonly accept?: (secret: string) => boolean;
  readonly priority?: number;
}

const TOKEN_END = '(?![A-Za-z0-9_-])';

function format(kind: string, anchor: string, body: string, options: Partial<TokenFormat> = {}): TokenFormat {
  return { kind, anchor, pattern: new RegExp(`(?:${body})${TOKEN_END}`, 'y'), ...options };
}

/** "Not the documented example key", and machine-generated. */
function awsKeyId(secret: string): boolean {
  return !secret.endsWith('EXAMPLE') && looksGenerated(secret.slice(4), 8);
}

/** A JWT: three base64url segments whose header decodes to a JSON object naming its `alg`. */
function jwtHeaderOk(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const padded = header.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((header.length + 3) % 4);
    const decoded: unknown = JSON.parse(atob(padded));
    return typeof decoded === 'object' && decoded !== null && typeof (decoded as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** Order matters where one anchor is a prefix of another (`sk-ant-` before `sk-`). */
const FORMATS: readonly TokenFormat[] = [
  format('github-token', 'gh[pousr]_', 'gh[pousr]_[A-Za-z0-9]{36}'),
  format('github-token', 'github_pat_', 'github_pat_[A-Za-z0-9_]{82}'),
  format('gitlab-token', 'gl(?:pat|dt|rt|ptt|cbt|imt|ft|oas|soat|agent)-', 'gl(?:pat|dt|rt|ptt|cbt|imt|ft|oas|soat|agent)-[A-Za-z0-9_-]{20,128}'),
  format('slack-token', 'xox[abposer]-', 'xox[abposer]-[A-Za-z0-9-]{10,250}', {
    accept: (s) => /\d/.test(s) && s.split('-').length >= 3 && looksGenerated(s, 10),
  }),
  format('slack-token', 'xapp-', 'xapp-\\d-[A-Z0-9]{6,20}-\\d{6,20}-[a-z0-9]{32,80}'),
  format('slack-webhook', 'https://hooks\\.slack\\.com/', 'https://hooks\\.slack\\.com/services/(T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32})', { group: 1 }),
  format('stripe-key', '[sr]k_(?:live|test)_', '[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}'),
  format('stripe-key', 'whsec_', 'whsec_[A-Za-z0-9]{32,64}'),
  format('npm-token', 'npm_', 'npm_[A-Za-z0-9]{36}'),
  format('anthropic-key', 'sk-ant-', 'sk-ant-(?:api|admin)\\d\\d-[A-Za-z0-9_-]{80,128}'),
  format('openai-key', 'sk-', 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}'),
  format('google-api-key', 'AIza', 'AIza[0-9A-Za-z_-]{35}'),
  format('sendgrid-key', 'SG\\.', 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'),
  format('huggingface-token', 'hf_', 'hf_[A-Za-z]{34}'),
  format('groq-key', 'gsk_', 'gsk_[A-Za-z0-9]{52}'),
  format('linear-key', 'lin_api_', 'lin_api_[A-Za-z0-9]{40}'),
  format('notion-token', 'ntn_', 'ntn_\\d{11}[A-Za-z0-9]{35}'),
  format('shopify-token', 'shp(?:at|ca|pa|ss)_', 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}'),
  format('grafana-token', 'glc_', 'glc_[A-Za-z0-9+/]{32,400}={0,2}'),
  format('grafana-token', 'glsa_', 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'),
  format('vault-token', 'hv[sbr]\\.', 'hv[sbr]\\.[A-Za-z0-9_-]{90,300}'),
  format('databricks-token', 'dapi', 'dapi[a-f0-9]{32}(?:-\\d)?'),
  format('docker-token', 'dckr_pat_', 'dckr_pat_[A-Za-z0-9_-]{27}'),
  format('figma-token', 'figd_', 'figd_[A-Za-z0-9_-]{40,200}'),
  format('vercel-token', 'vc[pciark]_', 'vc[pciark]_[A-Za-z0-9]{24,60}'),
  format('onepassword-token', 'ops_eyJ', 'ops_eyJ[A-Za-z0-9+/=]{100,1280}'),
  format('pypi-token', 'pypi-AgE', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}'),
  format('digitalocean-token', 'do[por]_v1_', 'do[por]_v1_[a-f0-9]{64}'),
  format('atlassian-token', 'ATATT3', 'ATATT3[A-Za-z0-9_=-]{100,300}'),
  format('jwt', 'eyJ', 'eyJ[A-Za-z0-9_-]{4,2048}\\.eyJ[A-Za-z0-9_-]{4,8192}\\.[A-Za-z0-9_-]{16,2048}', {
    accept: jwtHeaderOk,
    priority: PRIORITY.jwt,
  }),
  format('aws-access-key', 'A[KS]IA', 'A[KS]IA[A-Z0-9]{16}', { accept: awsKeyId, priority: PRIORITY.aws }),
];

/** Every anchor in one alternation, each in its own group so a hit names its format. */
const ANCHORS = new RegExp(`(?<![A-Za-z0-9_])(?:${FORMATS.map((f) => `(${f.anchor})`).join('|')})`, 'g');

/** The regular-expression sources of the anchors, for the pre-filter. */
export const TOKEN_ANCHORS: readonly string[] = FORMATS.map((f) => f.anchor);

function tryFormat(text: string, at: number, f: TokenFormat, out: RawFinding[]): number {
  f.pattern.lastIndex = at;
  const match = f.pattern.exec(text);
  if (!match) {
    return -1;
  }
  const secret = f.group ? match[f.group] : match[0];
  const start = f.group ? at + match[0].indexOf(secret) : at;
  if (!secret || !(f.accept ?? ((s: string) => looksGenerated(s, 10)))(secret)) {
    return -1;
  }
  out.push(raw(f.kind, start, start + secret.length, f.priority ?? PRIORITY.vendorToken));
  return at + match[0].length;
}

/** Finds vendor tokens, JWTs and AWS access key IDs. */
export function findTokens(text: string, out: RawFinding[]): void {
  ANCHORS.lastIndex = 0;
  for (let hit = ANCHORS.exec(text); hit; hit = ANCHORS.exec(text)) {
    const at = hit.index;
    let next = -1;
    for (let g = 1; g < hit.length && next < 0; g++) {
      if (hit[g] !== undefined) {
        next = tryFormat(text, at, FORMATS[g - 1], out);
      }
    }
    ANCHORS.lastIndex = next > at ? next : at + 1;
  }
}
