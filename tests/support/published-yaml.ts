/** The contract documents as committed under public/, for the tests that hold them to what the schemas generate. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** `path` (public/asyncapi.yaml, public/openapi.yaml) parsed. */
export function readPublishedYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}
