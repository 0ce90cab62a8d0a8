/**
 * The kinds of secret the detector reports and how messages name them.
 * Messages name the kind, never the value.
 */

export const SECRET_KINDS: Readonly<Record<string, string>> = {
  'url-password': 'URL userinfo password',
  'jdbc-password': 'JDBC password property',
  'password-pair': 'Password= pair',
  'oracle-password': 'Oracle user/password@ credential',
  'dsn-password': 'Go MySQL DSN password',
  'password-assignment': 'password assignment',
  'secret-assignment': 'secret assignment',
  'token-assignment': 'token assignment',
  'api-key-assignment': 'API key assignment',
  'credential-field': 'credential under a password-like key',
  'azure-key': 'Azure account or shared access key',
  'azure-sas-signature': 'Azure SAS signature (sig=)',
  'aws-access-key': 'AWS access key ID',
  'aws-secret-key': 'AWS secret access key',
  'private-key': 'private key block',
  jwt: 'JSON Web Token',
  'bearer-token': 'bearer token',
  'basic-auth': 'Basic authorization credential',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack webhook URL',
  'stripe-key': 'Stripe key',
  'npm-token': 'npm token',
  'openai-key': 'OpenAI API key',
  'anthropic-key': 'Anthropic API key',
  'google-api-key': 'Google API key',
  'sendgrid-key': 'SendGrid API key',
  'huggingface-token': 'Hugging Face token',
  'groq-key': 'Groq API key',
  'linear-key': 'Linear API key',
  'notion-token': 'Notion token',
  'shopify-token': 'Shopify token',
  'grafana-token': 'Grafana token',
  'vault-token': 'HashiCorp Vault token',
  'databricks-token': 'Databricks token',
  'docker-token': 'Docker Hub token',
  'figma-token': 'Figma token',
  'vercel-token': 'Vercel token',
  'onepassword-token': '1Password service account token',
  'pypi-token': 'PyPI token',
  'digitalocean-token': 'DigitalOcean token',
  'atlassian-token': 'Atlassian API token',
};

/** The message phrase for a kind: "a GitHub token", "an AWS access key ID". */
export function kindPhrase(kind: string): string {
  const label = SECRET_KINDS[kind] ?? 'credential';
  const vowelSound = (/^[AEIOU]/.test(label) && !/^U(?:RL|se)/.test(label)) || /^npm\b/.test(label);
  return vowelSound ? `an ${label}` : `a ${label}`;
}

/** "a URL userinfo password", "a GitHub token and a JSON Web Token", "a, b and c". */
export function describeKinds(kinds: readonly string[]): string {
  const phrases = kinds.map(kindPhrase);
  if (phrases.length <= 1) {
    return phrases.join('');
  }
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}
