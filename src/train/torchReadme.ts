/** @file The README of an exported PyTorch project: what is in the folder, the commands, what comes out. */
import type { RunConfig } from '../core/config/config';
import type { SplitName } from '../core/types';

export function torchReadme(config: RunConfig, counts: Record<SplitName, number>, dataset: string): string {
  const what = config.encoder === 'pretrained' ? `a pretrained ${config.baseModel} encoder (${config.finetune} fine-tuning)` : `the ${config.encoder} encoder`;
  return `# NER studio run on PyTorch

${what}, loss \`${config.loss}\`${config.crf ? ' with the CRF' : ''}, on ${dataset}: ${counts.train} training, ${counts.dev} dev and
${counts.test} test sentences, prepared by the studio (vocabularies, encoded splits${config.encoder === 'pretrained' ? ', subword pieces' : ''}).

| path | what |
|---|---|
| \`run.yaml\` | the run, every key written out (the studio's "Configuration"); edit it or use \`--set key=value\` |
| \`data/\` | the prepared data: \`prepared.json\` (vocabularies, label constraints), \`train/dev/test.safetensors\`${config.encoder === 'pretrained' ? ', `base_model/` (the encoder\'s config, tokenizer files and weights)' : ''} |
| \`ner_studio_torch/\` | the Python package: the studio's encoders, CRF, losses, optimisers and metrics in PyTorch |
| \`pyproject.toml\` | \`pip install .\` makes the package importable from anywhere (needs torch, numpy, PyYAML) |

## Train

From this folder (Python 3.9+ with torch 1.13 or later):

\`\`\`sh
python -m ner_studio_torch.train .                              # one process: the CPU, or one GPU
torchrun --nproc_per_node=2 -m ner_studio_torch.train .         # 2 processes: gloo on the CPU, nccl on GPUs
torchrun --nnodes=2 --nproc_per_node=8 --rdzv_backend=c10d --rdzv_endpoint=HOST:29400 -m ner_studio_torch.train .
\`\`\`

On Debian's torch 1.13 with Python 3.11 torchrun stops at once with \`AttributeError: 'NoneType' object has no attribute
'get'\`: add \`--redirects 2 --tee 2\` (its default for those options does not parse under Python 3.11).

\`training.batch_size\` (${config.batchSize}) is the batch of one optimiser step over all processes: each of N processes takes
batch_size / N sentences of every batch, so N must divide it, and N processes take the same steps as one process.

Options: \`--out DIR\` (default \`training.checkpoint_dir\`, else \`runs/TIME\`), \`--init checkpoint.zip\` (start from a
checkpoint trained in the studio, by \`ner train\`, or here), \`--set training.epochs=20\`, \`--device cpu|cuda\`.

## What comes out

- \`checkpoint.zip\`: the best dev checkpoint in the studio's format. Open it in the studio ("Open a model file…") or
  score it: \`npx ner evaluate --checkpoint checkpoint.zip --data dev.txt\` gives the dev F1 logged here.
- \`metrics.csv\`: \`run,wall_time,step,epoch,metric,value\`, the studio's long form; "Import CSV log…" in the studio
  puts the run next to the browser's runs in Compare.
- \`run.yaml\`: the run as trained.
`;
}
