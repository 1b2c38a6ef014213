/**
 * @file `ner export-hf --checkpoint FILE --out DIR`: a run on a pretrained model as a Hugging Face
 * token classifier folder (the studio's *Download Hugging Face model*): config.json with id2label,
 * model.safetensors under transformers' names with LoRA merged, the CRF's tensors, the tokenizer.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { hfExportZip } from '../../train/hfExport';
import { parseArgs } from '../args';
import { CliError, UsageError } from '../command';
import { startNodeBackend } from '../nodeBackend';

export const usage = `usage: ner export-hf --checkpoint FILE --out DIR

Writes the checkpoint of a run on a pretrained model (model.encoder: pretrained) to DIR as transformers
loads it with AutoModelForTokenClassification.from_pretrained(DIR): config.json (architectures
BertForTokenClassification, LlamaForTokenClassification, ModernBertForTokenClassification,
DebertaV2ForTokenClassification... with id2label and label2id), model.safetensors (LoRA merged in, the CRF
as crf.* tensors) and the tokenizer files. Files already in DIR with these names are replaced; nothing else
there is touched.

  --checkpoint FILE  the checkpoint zip (checkpoint.zip from ner train or the studio's download)
  --out DIR          the folder to write (created if missing)`;

const spec = {
  options: { checkpoint: { type: 'string' }, out: { type: 'string' } },
  positionals: { name: 'argument', min: 0, max: 0 },
} as const;

export async function run(args: string[]): Promise<number> {
  const { options } = parseArgs(args, spec);
  if (!options.checkpoint || !options.out) throw new UsageError('export-hf needs --checkpoint FILE and --out DIR');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(options.checkpoint);
  } catch (e) {
    throw new CliError(`cannot read ${options.checkpoint}: ${(e as Error).message}`);
  }
  await startNodeBackend('auto');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(await hfExportZip(bytes, options.checkpoint));
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  try {
    mkdirSync(options.out, { recursive: true });
    for (const [name, data] of Object.entries(files)) writeFileSync(join(options.out, name), data);
  } catch (e) {
    throw new CliError(`cannot write ${options.out}: ${(e as Error).message}`);
  }
  const config = JSON.parse(new TextDecoder().decode(files['config.json'])) as { architectures?: string[]; id2label?: Record<string, string> };
  process.stdout.write(`wrote ${options.out}: ${config.architectures?.join(', ')} with ${Object.keys(config.id2label ?? {}).length} labels (${Object.keys(files).sort().join(', ')})\n`);
  return 0;
}
