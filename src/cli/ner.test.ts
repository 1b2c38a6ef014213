/** Runs the real `ner` executable on fixtures in a temporary directory (also proving it runs outside the repo). */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir, runNer } from '../../testing/runNer';

const CONLL_IOB1 = [
  '-DOCSTART- -X- O O',
  '',
  'EU NNP I-NP I-ORG',
  'rejects VBZ I-VP O',
  'German JJ I-NP I-MISC',
  'call NN I-NP O',
  '. . O O',
  '',
  'Peter NNP I-NP I-PER',
  'Blackburn NNP I-NP I-PER',
  '',
].join('\n');

// The same file with only the last column re-tagged, worked by hand.
const retagged = (tags: string[]) => {
  let k = 0;
  return CONLL_IOB1.split('\n')
    .map((line) => (/^[^-\s]/.test(line) && !line.startsWith('-DOCSTART-') ? line.replace(/\S+$/, () => tags[k++]) : line))
    .join('\n');
};
const IN_IOB2 = retagged(['B-ORG', 'O', 'B-MISC', 'O', 'O', 'B-PER', 'I-PER']);
const IN_BIOES = retagged(['S-ORG', 'O', 'S-MISC', 'O', 'O', 'B-PER', 'E-PER']);
const IN_BILOU = retagged(['U-ORG', 'O', 'U-MISC', 'O', 'O', 'B-PER', 'L-PER']);

// seqeval's documented example as a conlleval file: precision, recall, F1 0.5; accuracy 0.8.
const SEQEVAL_EXAMPLE = 'a O O\nb O O\nc O B-MISC\nd B-MISC I-MISC\ne I-MISC I-MISC\nf I-MISC I-MISC\ng O O\n\nh B-PER B-PER\ni I-PER I-PER\nj O O\n';

const dir = fixtureDir({
  'conll.txt': CONLL_IOB1,
  'spans.jsonl': '{"text": "Barack Obama visited Paris.", "label": [[0, 12, "PER"], [21, 26, "LOC"]]}\n{"text": "ObamaCare passed", "label": [[0, 5, "PER"]]}\n',
  'hf.json': '[\n  {"tokens": ["EU", "rejects"], "ner_tags": [3, 0]},\n  {"tokens": ["Peter"], "ner_tags": [1]}\n]\n',
  'uner.iob2': '# sent_id = 1\n# text = Go to Tampa Bay\n1\tGo\tO\t-\t-\n2\tto\tO\t-\t-\n3\tTampa\tI-LOC\t-\tx\n4\tBay\tI-LOC\t-\tx\n',
  'crlf.txt': 'a B-X\r\nb I-X\r\n\r\nc O\r\n',
  'seqeval.txt': SEQEVAL_EXAMPLE,
  'readme.txt': 'x B-NP I-NP\ny I-NP I-NP\nz O O\n',
  'two-columns.txt': 'a B-X\nb O\n',
  'empty.txt': '',
  'binary.bin': new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 8, 0, 0x20, 0x4f, 0x0a]),
  'columns.txt': 'a NN B-X\nb O\n\nc NN B-Y\n',
  'noscheme.txt': 'a B-X\nb O\n\nc PER\n',
  'all-o.txt': 'a O\nb O\n',
  'bad.jsonl': '{"tokens": ["a"], "ner_tags": ["B-X"]}\n{oops\n',
});
mkdirSync(join(dir, 'folder'));

describe.concurrent('ner', () => {
  it('--help lists the commands; help COMMAND and COMMAND --help print its usage', async () => {
    const top = await runNer(['--help'], dir);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/^usage: ner COMMAND/);
    for (const name of ['stats', 'convert', 'score', 'prepare-data', 'train', 'evaluate', 'predict']) expect(top.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const help = await runNer(['help', 'score'], dir);
    expect(help).toMatchObject({ status: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: ner score FILE \[--mode default\|strict\]/);
    expect((await runNer(['score', '--help'], dir)).stdout).toBe(help.stdout);
  });

  it.each<[string[], RegExp]>([
    [[], /^usage: ner COMMAND/],
    [['frobnicate'], /^ner: unknown command "frobnicate"; commands: stats, convert, score/],
    [['help', 'frobnicate'], /^ner: no command "frobnicate"/],
    [['stats'], /^ner stats: missing FILE\nusage: ner stats FILE\.\.\./],
    [['stats', 'conll.txt', '--frobnicate'], /^ner stats: unknown option --frobnicate/],
    [['convert', 'conll.txt'], /^ner convert: convert needs --to iob1\|iob2\|bioes\|bilou/],
    [['convert', 'conll.txt', '--to', 'iob3'], /^ner convert: --to must be one of iob1, iob2, bioes, iobes, bilou, not "iob3"/],
    [['score', 'seqeval.txt', '--mode', 'lenient'], /^ner score: --mode must be one of default, strict/],
  ])('usage errors exit 2: ner %j', async (args, message) => {
    const r = await runNer(args, dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('stats --json: one entry per file, entities counted as spans, any format', async () => {
    const r = await runNer(['stats', 'conll.txt', 'spans.jsonl', 'uner.iob2', 'hf.json', '--json', '--labels', 'O,B-PER,I-PER,B-ORG,I-ORG'], dir);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      files: [
        { file: 'conll.txt', scheme: 'IOB1', sentences: 2, tokens: 7, entities: { MISC: 1, ORG: 1, PER: 1 } },
        { file: 'spans.jsonl', scheme: 'IOB2', sentences: 2, tokens: 8, entities: { LOC: 1, PER: 2 } },
        { file: 'uner.iob2', scheme: 'IOB1', sentences: 1, tokens: 4, entities: { LOC: 1 } },
        { file: 'hf.json', scheme: 'IOB2', sentences: 2, tokens: 3, entities: { ORG: 1, PER: 1 } },
      ],
    });
    expect(r.stderr).toBe('warning: spans.jsonl line 2 [0, 5, "PER"] "Obama" cuts the token "ObamaCare"; the token was split at the span\'s edge\n');
  });

  it('stats prints a readable summary', async () => {
    const r = await runNer(['stats', 'conll.txt'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'conll.txt: IOB1, 2 sentences, 7 tokens, 3 entities',
        '  entities         MISC 1  ORG 1  PER 1',
        '  sentence length  min 2  median 3.5  mean 3.5  max 5',
        '  entity length    min 1  median 1  mean 1.3  max 2',
        '',
      ].join('\n'),
    );
  });

  it.each<[string, string[], number, RegExp, number]>([
    ['empty file', ['empty.txt'], 1, /^error: empty\.txt contains no sentences\nerror: empty\.txt: nothing to read\n$/, 0],
    ['binary file', ['binary.bin'], 1, /^error: binary\.bin looks like a binary file \(line 1 has a NUL byte\), not text/, 0],
    ['wrong column count', ['columns.txt'], 1, /^error: columns\.txt line 2 has 2 columns but line 1 has 3; its sentence was skipped\n$/, 1],
    ['tag that fits no scheme', ['noscheme.txt'], 1, /^error: noscheme\.txt line 4 has the tag "PER", no prefix: .*; its sentence was skipped\.\n$/, 1],
    ['no entities', ['all-o.txt'], 0, /^warning: all-o\.txt has no entity tags: every tag is O/, 1],
    ['invalid JSONL line', ['bad.jsonl'], 1, /^error: bad\.jsonl line 2 is not valid JSON: /, 1],
    ['class ids without --labels', ['hf.json'], 1, /^error: hf\.json line 2 has ner_tags that are class ids \(3, \.\.\.\) and no label names/, 0],
    ['missing file', ['missing.txt'], 1, /^error: cannot read missing\.txt: no such file\n$/, 0],
    ['a directory', ['folder'], 1, /^error: cannot read folder: it is a directory\n$/, 0],
  ])('bad input, %s: stderr names the file and line; stdout has the readable files', async (_name, args, status, stderr, files) => {
    const r = await runNer(['stats', ...args, '--json'], dir);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(stderr);
    expect(JSON.parse(r.stdout).files).toHaveLength(files);
  });

  it.each<[string, string]>([
    ['iob2', IN_IOB2],
    ['bioes', IN_BIOES],
    ['iobes', IN_BIOES],
    ['bilou', IN_BILOU],
    ['iob1', CONLL_IOB1],
  ])('convert --to %s changes only the tag column, DOCSTART and other columns kept', async (to, expected) => {
    const r = await runNer(['convert', 'conll.txt', '--to', to], dir);
    expect(r).toEqual({ status: 0, stdout: expected, stderr: '' });
  });

  it('convert -o writes the file and reports on stderr; back again from standard input', async () => {
    const r = await runNer(['convert', 'conll.txt', '--to', 'bilou', '-o', 'out.txt'], dir);
    expect(r).toEqual({ status: 0, stdout: '', stderr: 'wrote out.txt: IOB1 -> BILOU, 4 tags changed\n' });
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(IN_BILOU);
    expect((await runNer(['convert', '-', '--to', 'iob1'], dir, IN_BILOU)).stdout).toBe(CONLL_IOB1);
  });

  it('convert keeps Universal NER comments, tabs and columns, and CRLF line ends', async () => {
    const uner = await runNer(['convert', 'uner.iob2', '--to', 'iob2'], dir);
    expect(uner.stdout).toBe('# sent_id = 1\n# text = Go to Tampa Bay\n1\tGo\tO\t-\t-\n2\tto\tO\t-\t-\n3\tTampa\tB-LOC\t-\tx\n4\tBay\tI-LOC\t-\tx\n');
    expect((await runNer(['convert', 'crlf.txt', '--to', 'bioes'], dir)).stdout).toBe('a B-X\r\nb E-X\r\n\r\nc O\r\n');
  });

  it('convert writes JSON input as token-tag lines', async () => {
    const r = await runNer(['convert', 'spans.jsonl', '--to', 'bilou'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Barack B-PER\nObama L-PER\nvisited O\nParis U-LOC\n. O\n\nObama U-PER\nCare O\npassed O\n');
  });

  it('convert refuses a file with errors, writing nothing to stdout', async () => {
    const r = await runNer(['convert', 'columns.txt', '--to', 'iob2'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: columns\.txt line 2 has 2 columns.*\nner convert: columns\.txt has errors \(listed above\)/s);
  });

  it('score --json on seqeval\'s documented example: 0.5 / 0.5 / 0.5, accuracy 0.8', async () => {
    const r = await runNer(['score', 'seqeval.txt', '--json'], dir);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      accuracy: 0.8,
      per_type: { MISC: { precision: 0, recall: 0, f1: 0, support: 1 }, PER: { precision: 1, recall: 1, f1: 1, support: 1 } },
    });
  });

  it('score prints a conlleval-style table', async () => {
    const r = await runNer(['score', 'seqeval.txt'], dir);
    expect(r.stdout).toBe(
      [
        'processed 10 tokens with 2 phrases; found: 2 phrases; correct: 1.',
        'accuracy:  80.00%; precision:  50.00%; recall:  50.00%; FB1:  50.00',
        '             MISC: precision:   0.00%; recall:   0.00%; FB1:   0.00  1',
        '              PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1',
        'macro average FB1:  50.00',
        '',
      ].join('\n'),
    );
  });

  it('score --mode strict: seqeval README, I-NP I-NP is no IOB2 entity', async () => {
    const lenient = JSON.parse((await runNer(['score', 'readme.txt', '--json'], dir)).stdout);
    const strict = JSON.parse((await runNer(['score', 'readme.txt', '--json', '--mode', 'strict'], dir)).stdout);
    expect(lenient).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(strict).toMatchObject({ precision: 0, recall: 0, f1: 0, per_type: { NP: { precision: 0, recall: 0, f1: 0, support: 1 } } });
  });

  it('score needs gold and predicted columns', async () => {
    const r = await runNer(['score', 'two-columns.txt'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('ner score: two-columns.txt line 1 has 2 columns; score needs a token, a gold tag and a predicted tag (the last two columns)\n');
  });
});
