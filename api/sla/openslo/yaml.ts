import { parseAllDocuments, type ScalarTag, stringify } from 'yaml';
import { type OpenSloDocument, OpenSloError, OpenSloSyntaxError, ROOT } from './document.ts';

/** OpenSLO documents as YAML text that YAML 1.1 and 1.2 readers read alike. */

/**
 * Numbers that YAML 1.1 readers (PyYAML, Go's yaml.v2) read as numbers too: their float needs a dot and a signed
 * exponent, so `1e-7` is written `1.0e-7`. Strings either version would read as something else (`on` and dates
 * in 1.1, `0o7` in 1.2) are quoted (`compat`).
 */
const portableNumber: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: /^-?[0-9]+(?:\.[0-9]*)?(?:e[-+][0-9]+)?$/,
  resolve: (text) => Number(text),
  stringify: ({ value }) => {
    const text = Object.is(value, -0) ? '-0.0' : String(value);
    return text.includes('e') && !text.includes('.') ? text.replace('e', '.0e') : text;
  },
};

export function writeOpenSloYaml(doc: OpenSloDocument): string {
  return stringify(doc, {
    compat: 'yaml-1.1',
    customTags: (tags) => [portableNumber, ...tags],
    // Long queries and descriptions stay on one line, as written; no anchors for repeated objects.
    lineWidth: 0,
    aliasDuplicateObjects: false,
  });
}

/**
 * The one document in `text` (YAML 1.2, or 1.1 under a `%YAML 1.1` directive). Throws OpenSloSyntaxError when
 * it is not YAML, and OpenSloError when it holds several documents: Vigil imports one SLO per request.
 */
export function readOpenSloYaml(text: string): unknown {
  const values = parseAllDocuments(text).map((doc) => {
    const [error] = doc.errors;
    if (error) throw new OpenSloSyntaxError(error.message);
    try {
      return doc.toJS() as unknown;
    } catch (err) {
      // Too many aliases (a "billion laughs" document): the yaml package refuses to expand them.
      if (err instanceof ReferenceError) throw new OpenSloSyntaxError(err.message);
      throw err;
    }
  });
  // An empty document (a trailing `---`) holds nothing to import or to lose.
  const documents = values.filter((v) => v !== null);
  if (documents.length > 1) {
    throw new OpenSloError([
      { path: ROOT, message: `${documents.length} YAML documents; import one SLO at a time` },
    ]);
  }
  return documents[0] ?? null;
}
