/**
 * @file A study's data, read once for all its runs through the studio's one preparation path (core/dataset/finish.ts):
 * the files its data: section names (relative to the study file's parent folder), train cut to its first
 * train_sentences sentences when the study says so.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { prepareFiles } from '../../core/dataset/finish';
import type { PreparedDataset } from '../../core/dataset/prepared';
import type { ParsedInput } from '../../core/formats';
import type { StudyData } from '../../core/study/studySpec';
import type { SplitName } from '../../core/types';
import { CliError } from '../command';
import { loadFile, reportDiagnostics } from '../io';
import { shown } from '../runFile';

export interface LoadedStudyData {
  prepared: PreparedDataset;
  /** One line per split for the results: file, sentences used. */
  lines: string[];
}

export function loadStudyData(data: StudyData, root: string, studyFile: string): LoadedStudyData {
  const given: Partial<Record<SplitName, ParsedInput>> = {};
  const lines: string[] = [];
  for (const split of ['train', 'dev', 'test'] as const) {
    const path = data[split];
    if (!path) continue;
    const file = resolve(root, path);
    if (!existsSync(file)) {
      throw new CliError(`${studyFile}: data.${split}: ${path} does not exist (paths are relative to ${shown(root) || '.'}); the CoNLL-2003 studies need ../shared/datasets next to the repository`);
    }
    const parsed = loadFile(shown(file));
    const all = parsed.sentences.length;
    const cut = split === 'train' && data.trainSentences !== undefined ? parsed.sentences.slice(0, data.trainSentences) : parsed.sentences;
    given[split] = { ...parsed, sentences: cut };
    lines.push(`${split}: ${path}, ${cut.length === all ? `${all} sentences` : `the first ${cut.length} of ${all} sentences`}`);
  }
  const { dataset, diagnostics } = prepareFiles(studyFile, { given });
  reportDiagnostics(diagnostics.filter((d) => !Object.values(given).some((p) => p.diagnostics.includes(d))));
  if (!dataset) throw new CliError(`${studyFile}: data.train has no sentences to train on`);
  return { prepared: dataset, lines };
}
