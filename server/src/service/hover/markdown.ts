/**
 * Markdown for the schema's descriptions, shared by hovers and completion
 * documentation. Descriptions carry the seed's guidelines ("Guideline (DAG
 * issues, 1): …") and the rules that check a field ("Checked by IR101");
 * they are shown as a list of guidelines and links to the rule docs, so the
 * reason for a field is one click from the field.
 */
import { ruleDocUrl, ruleInfo } from '../../../../common/diagnosticCodes';
import { ActionInfo, familyLabel, targetSentence } from '../catalog';
import { EffectiveSchema, effectiveSchema, primaryType } from '../completion/schemaAt';

/** Splits a description into its text, its guideline sentences and the rest ("Checked by …"). */
export function splitDescription(description: string): { text: string; guidelines: string[] } {
  // (?<!\s): a whitespace run is tried from its start only, so the split stays linear.
  const parts = description.split(/(?<!\s)\s*(?=Guidelines? \()/);
  const text = parts[0].trim();
  const guidelines: string[] = [];
  let tail = '';
  for (const part of parts.slice(1)) {
    // A guideline sentence runs to the first ". " followed by something that is not another guideline.
    const end = part.search(/\.\s+(?=[A-Z])/);
    if (end >= 0) {
      guidelines.push(part.slice(0, end + 1).trim());
      tail += ` ${part.slice(end + 1).trim()}`;
    } else {
      guidelines.push(part.trim());
    }
  }
  return { text: [text, tail.trim()].filter(Boolean).join(' '), guidelines };
}

/**
 * Schema text as markdown: rule codes (IR101) linked to their documentation,
 * and angle brackets escaped outside code spans, so that
 * `scheduled__<execution_date>` is not taken for an HTML tag and dropped.
 */
export function linkRuleCodes(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1 ? part : part.replace(/[<>]/g, (c) => `\\${c}`).replace(/\bIR\d{3}\b/g, (code) => (ruleInfo(code) ? `[${code}](${ruleDocUrl(code)})` : code)),
    )
    .join('');
}

/** Escapes text for a markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A short type label: `string`, `integer`, `timestamp`, `seconds`, `low | medium`. */
export function typeLabel(schema: EffectiveSchema): string {
  if (schema.enum?.length && schema.enum.length <= 6) {
    return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  }
  const named = schema.refs.map((ref) => ref.replace('#/$defs/', '')).find((name) => !name.includes('.') && !name.endsWith('Metadata'));
  if (named && ['timestamp', 'seconds', 'count', 'score', 'percentage', 'gigabytes', 'sparkMemory', 'k8sMemory', 'k8sCpu', 'diskSize', 'duration'].includes(named)) {
    return named;
  }
  const type = primaryType(schema);
  if (type === 'array') {
    const item = primaryType(effectiveSchema(schema.items, undefined));
    return item ? `${item}[]` : 'array';
  }
  return type ?? 'any';
}

/** A description as markdown: its text, then its guidelines as a list, rule codes linked. */
export function descriptionMarkdown(description: string): string {
  const { text, guidelines } = splitDescription(description);
  const lines = [linkRuleCodes(text)];
  if (guidelines.length) {
    lines.push('', ...guidelines.map((g) => `- ${linkRuleCodes(g)}`));
  }
  return lines.join('\n');
}

/** A field's description as markdown: its text, its guidelines as a list, rule codes linked. */
export function fieldMarkdown(schema: EffectiveSchema, name?: string): string {
  const lines: string[] = [];
  const description = schema.descriptions[0];
  if (name) {
    lines.push(`**${name}** · \`${typeLabel(schema)}\``, '');
  }
  if (description) {
    lines.push(descriptionMarkdown(description));
  }
  // The named definition behind the field (e.g. "Airflow metadata") adds its own text, with the service's guidelines.
  for (const layer of schema.titled) {
    if (layer.description && layer.description !== description) {
      const { text, guidelines } = splitDescription(layer.description);
      lines.push('', `**${layer.title}** — ${linkRuleCodes(text)}`);
      if (guidelines.length) {
        lines.push('', ...guidelines.map((g) => `- ${linkRuleCodes(g)}`));
      }
    }
  }
  return lines.join('\n').trim();
}

/** An action type's documentation: what it does, its family and its parameters. */
export function actionMarkdown(info: ActionInfo, note?: string): string {
  const declared = info.declared ? ', declared in the configuration' : '';
  const lines = [`**${info.type}** · ${familyLabel(info)} action${declared}`, '', linkRuleCodes(info.description)];
  if (note) {
    lines.push('', linkRuleCodes(note));
  }
  if (info.parameters.length) {
    lines.push('', '| parameter | type | target | description |', '|---|---|---|---|');
    for (const parameter of info.parameters) {
      const schema = effectiveSchema(info.schema.properties?.[parameter.name] ?? parameter.schema, undefined);
      const aliases = parameter.aliases.length ? ` Also accepted as ${parameter.aliases.map((a) => `\`${a}\``).join(', ')}.` : '';
      lines.push(`| \`${parameter.name}\` | ${cell(typeLabel(schema))} | ${parameter.target ? 'yes' : ''} | ${cell(linkRuleCodes(parameter.description) + aliases)} |`);
    }
    const target = targetSentence(info);
    if (target) {
      lines.push('', target);
    }
  } else {
    lines.push('', 'No documented parameters.');
  }
  return lines.join('\n');
}
