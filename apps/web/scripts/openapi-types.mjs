#!/usr/bin/env node
// Generates TypeScript types for the web app from the API's OpenAPI document.
//
//   node apps/web/scripts/openapi-types.mjs http://localhost:3000/api/docs/json   # writes apps/web/src/api-types.gen.ts
//   node apps/web/scripts/openapi-types.mjs <url|file> --stdout
//
// The browser tests regenerate it from the running app and say when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

export const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'api-types.gen.ts');

const ident = (s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : JSON.stringify(s));

function typeOf(schema, indent) {
  if (!schema) return 'unknown';
  let t;
  if (schema.$ref) t = schema.$ref.split('/').pop();
  else if (schema.allOf?.length === 1) t = typeOf(schema.allOf[0], indent);
  else if (schema.oneOf || schema.anyOf) t = (schema.oneOf ?? schema.anyOf).map((s) => typeOf(s, indent)).join(' | ');
  else if (schema.enum) t = schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (schema.type === 'string') t = 'string';
  else if (schema.type === 'number' || schema.type === 'integer') t = 'number';
  else if (schema.type === 'boolean') t = 'boolean';
  else if (schema.type === 'array') {
    const inner = typeOf(schema.items, indent);
    t = /[|&]/.test(inner) ? `(${inner})[]` : `${inner}[]`;
  } else if (schema.type === 'object' && schema.properties) t = objectType(schema, indent);
  else t = 'unknown'; // untyped object (e.g. a `string | null` the OpenAPI plugin could not describe)
  return schema.nullable && t !== 'unknown' ? `${t} | null` : t;
}

function objectType(schema, indent) {
  const req = new Set(schema.required ?? []);
  const pad = '  '.repeat(indent + 1);
  const lines = Object.entries(schema.properties).map(([k, v]) => {
    const doc = v.description ? `${pad}/** ${String(v.description).replace(/\*\//g, '* /')} */\n` : '';
    return `${doc}${pad}${ident(k)}${req.has(k) ? '' : '?'}: ${typeOf(v, indent + 1)};`;
  });
  return `{\n${lines.join('\n')}\n${'  '.repeat(indent)}}`;
}

/** The TypeScript text, formatted with the project's Prettier settings (so regenerating is byte-stable). */
export async function generate(doc) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const options = (await prettier.resolveConfig(join(root, 'package.json'))) ?? {};
  return prettier.format(raw(doc), { ...options, parser: 'typescript' });
}

function raw(doc) {
  const schemas = doc.components?.schemas ?? {};
  const names = Object.keys(schemas).sort();
  const out = [
    "// Generated from the API's OpenAPI document by apps/web/scripts/openapi-types.mjs — do not edit by hand.",
    '/* eslint-disable */',
    '',
  ];
  for (const name of names) {
    const s = schemas[name];
    if (s.type === 'object' || s.properties) out.push(`export interface ${name} ${objectType({ properties: {}, ...s }, 0)}`, '');
    else out.push(`export type ${name} = ${typeOf(s, 0)};`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

async function load(src) {
  if (/^https?:/.test(src)) return (await fetch(src)).json();
  return JSON.parse(readFileSync(src, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = process.argv[2] ?? 'http://localhost:3000/api/docs/json';
  const text = await generate(await load(src));
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(OUT, text);
    process.stdout.write(`wrote ${OUT}\n`);
  }
}
