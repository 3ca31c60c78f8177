import { extractFields, missingFields, type MessageField, type MessageFields } from './fields.js';
import { parseNeed, type ParsedNeed } from './need-parser.js';

export interface ParsedMessage {
  fields: MessageFields;
  parsed: ParsedNeed;
  missing: MessageField[];
}

/** A whole pasted message → its labelled fields, the structured need, and the core fields still missing. */
export function parseMessage(text: string): ParsedMessage {
  const fields = extractFields(text);
  const other = fields.company ? text.split(fields.company).join(' ') : text;
  const parsed = parseNeed({ need: fields.need, usage: fields.usage, tax: fields.tax, region: fields.region, other });
  return { fields, parsed, missing: missingFields(fields) };
}
