/** Accept negotiation (resource_representation.rst): JSON array, singular object, stripped nulls, CSV. */
import { RestError } from './errors';
import type { BodyFormat } from './sql-builder/read';

export function negotiateMedia(accept: string | undefined): BodyFormat {
  if (accept === undefined || accept.trim() === '') return { shape: 'array', stripNulls: false };
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const stripNulls = parameters.includes('nulls=stripped');
    switch (type) {
      case '*/*':
      case 'application/*':
      case 'application/json':
        return { shape: 'array', stripNulls: false };
      case 'application/vnd.pgrst.array+json':
      case 'application/vnd.pgrst.array':
        return { shape: 'array', stripNulls };
      case 'application/vnd.pgrst.object+json':
      case 'application/vnd.pgrst.object':
        return { shape: 'object', stripNulls };
      case 'text/csv':
        return { shape: 'csv', stripNulls: false };
      case 'application/vnd.pgrst.plan':
      case 'application/vnd.pgrst.plan+json':
      case 'application/vnd.pgrst.plan+text':
        return planMedia(type, range);
    }
  }
  throw new RestError(406, 'PGRST107', `None of these media types are available: ${accept}`);
}

/** `application/vnd.pgrst.plan+json; for="application/json"; options=analyze|verbose` (MediaType.hs). */
function planMedia(type: string, range: string): BodyFormat {
  const parameter = (name: string) => new RegExp(`;\\s*${name}\\s*=\\s*("([^"]*)"|[^;]*)`, 'i').exec(range);
  const forMatch = parameter('for');
  const forMedia = (forMatch?.[2] ?? forMatch?.[1] ?? 'application/json').trim() || 'application/json';
  const options = (parameter('options')?.[1] ?? '')
    .split('|')
    .map((option) => option.trim().toLowerCase())
    .filter(Boolean);
  const inner = negotiateMedia(forMedia);
  return { ...inner, plan: { format: type.endsWith('+text') ? 'text' : 'json', options, forMedia } };
}

export function contentType(format: BodyFormat): string {
  if (format.plan)
    return `application/vnd.pgrst.plan+${format.plan.format}; for="${format.plan.forMedia}"; charset=utf-8`;
  if (format.shape === 'csv') return 'text/csv; charset=utf-8';
  const base = format.shape === 'object' ? 'application/vnd.pgrst.object+json' : 'application/json';
  return `${base}${format.stripNulls ? '; nulls=stripped' : ''}; charset=utf-8`;
}
