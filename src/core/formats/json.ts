/**
 * @file Reads .json / .jsonl NER data: each record is either character spans over text (doccano, Label Studio) or
 * tokens with tags (Hugging Face datasets). The shape is decided per record, so a mixed file still reads.
 */
import { diagnosticLog } from './diagnosticLog';
import type { ParsedFile, Sentence } from '../types';
import { charSpanRecordToSentence } from './charSpans';
import { readJsonRecords } from './jsonRecords';
import { extraKeysOf, tokenRecordToSentence } from './tokenRecords';

export interface JsonOptions {
  /** Label names by class id, for Hugging Face records whose ner_tags are integers. */
  labels?: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseJson(text: string, file: string, options: JsonOptions = {}): ParsedFile {
  const log = diagnosticLog(file);
  const sentences: Sentence[] = [];
  const { records, problems } = readJsonRecords(text);
  for (const p of problems) log.add('error', p.message, p.line);

  let extraKeys: string[] | undefined; // fixed by the first record with a list of tokens
  for (const { value, line } of records) {
    if (!isObject(value)) {
      log.add('error', `is ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}, not a record with "text" or "tokens"; skipped`, line);
      continue;
    }
    if ('tokens' in value) {
      if (Array.isArray(value.tokens)) extraKeys ??= extraKeysOf(value);
      const result = tokenRecordToSentence(value, line, extraKeys ?? [], options.labels);
      if (result.needsLabels) {
        log.add('error', result.error!, line);
        return { file, sentences: [], diagnostics: log.finish() };
      }
      if (result.error) log.add('error', `${result.error}; skipped`, line);
      if (result.sentence) sentences.push(result.sentence);
    } else if ('text' in value) {
      const result = charSpanRecordToSentence(value, line);
      for (const w of result.warnings) log.add('warning', w, line);
      if (result.error) log.add('error', `${result.error}; skipped`, line);
      if (result.sentence) sentences.push(result.sentence);
    } else {
      const keys = Object.keys(value).slice(0, 5).join(', ') || 'no keys';
      log.add('error', `has neither "text" (character spans) nor "tokens" (token tags), only ${keys}; skipped`, line);
    }
  }

  const diagnostics = log.finish();
  if (sentences.length === 0) {
    const why = records.length + problems.length > 0 ? ' with tokens' : '';
    diagnostics.push({ severity: 'error', file, message: `${file} contains no sentences${why}` });
  } else if (sentences.every((s) => s.tags.every((t) => t === 'O'))) {
    diagnostics.push({ severity: 'warning', file, message: `${file} has no entities: every tag is O` });
  }
  return { file, sentences, diagnostics };
}
