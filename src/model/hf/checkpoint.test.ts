import { describe, expect, test } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../core/checkpoint/safetensors';
import { readHfCheckpoint } from './checkpoint';
import { parseEncoderConfig, type BertSpec } from './config';
import { tinyCheckpointFiles } from '../../../testing/hfFixtures';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const bert = () => tinyCheckpointFiles('tiny-bert');
const bertConfig = () => JSON.parse(new TextDecoder().decode(bert().get('config.json')!));

/** The tiny-bert weights with names rewritten, re-encoded. */
function renamed(rename: (name: string) => string | null): Uint8Array {
  const { tensors } = decodeSafetensors(bert().get('model.safetensors')!);
  return encodeSafetensors(
    [...tensors].flatMap(([name, t]) => {
      const to = rename(name);
      return to === null ? [] : [{ name: to, shape: t.shape, data: t.data }];
    }),
  );
}

describe('parseEncoderConfig', () => {
  test.each([
    { config: { model_type: 'gpt2', architectures: ['GPT2LMHeadModel'] }, error: /'gpt2' \(GPT2LMHeadModel\) is not supported.*BERT, DistilBERT, RoBERTa, XLM-RoBERTa, Llama, Mistral, Qwen2, ModernBERT and DeBERTa-v2\/v3/ },
    { config: { architectures: ['T5ForConditionalGeneration'] }, error: /unnamed \(T5ForConditionalGeneration\) is not supported/ },
    { config: { ...bertConfig(), position_embedding_type: 'relative_key' }, error: /relative_key/ },
    { config: { ...bertConfig(), hidden_act: 'silu' }, error: /activation 'silu'/ },
    { config: { ...bertConfig(), num_attention_heads: 3 }, error: /not a multiple of the 3 attention heads/ },
    { config: { ...bertConfig(), hidden_size: '16' }, error: /'hidden_size' must be a non-negative integer/ },
  ])('refuses $config.model_type $config.architectures', ({ config, error }) => {
    expect(() => parseEncoderConfig(config)).toThrow(error);
  });

  test.each([
    { architectures: ['XLMRobertaForTokenClassification'], family: 'xlm-roberta', prefix: 'roberta' },
    { architectures: ['DistilBertModel'], family: 'distilbert', prefix: 'distilbert' },
    { architectures: ['BertForMaskedLM'], family: 'bert', prefix: 'bert' },
  ])('without model_type, $architectures reads as $family', ({ architectures, family, prefix }) => {
    const base = { vocab_size: 10, hidden_size: 4, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 8, dim: 4, n_layers: 1, n_heads: 2, hidden_dim: 8 };
    const spec = parseEncoderConfig({ ...base, architectures });
    expect([spec.family, spec.basePrefix]).toEqual([family, prefix]);
  });

  test('RoBERTa positions start after the padding id, so 514 positions hold 512 tokens', () => {
    const spec = parseEncoderConfig({ model_type: 'xlm-roberta', vocab_size: 10, hidden_size: 4, num_hidden_layers: 1, num_attention_heads: 1, intermediate_size: 8, max_position_embeddings: 514, pad_token_id: 1 });
    expect([(spec as BertSpec).positionOffset, spec.maxTokens, spec.tokenClassifier]).toEqual([2, 512, 'XLMRobertaForTokenClassification']);
  });
});

describe('readHfCheckpoint', () => {
  test('reads the tiny BERT: encoder weights under bert.*, the rest kept aside, int buffers dropped', () => {
    const c = readHfCheckpoint(bert());
    expect(c.spec).toMatchObject({ family: 'bert', hiddenSize: 16, numLayers: 2, numHeads: 2, intermediateSize: 32, maxTokens: 64 });
    expect(c.encoderWeights.get('bert.encoder.layer.1.attention.self.query.weight')!.shape).toEqual([16, 16]);
    expect([...c.otherWeights.keys()]).toEqual(['bert.pooler.dense.weight', 'bert.pooler.dense.bias']);
    expect(c.labels).toBeNull();
    expect((c.tokenizerJson!.model as { type: string }).type).toBe('WordPiece');
    expect(c.tokenizerConfig.do_lower_case).toBe(true);
    expect([...c.tokenizerFiles.keys()].sort()).toEqual(['tokenizer.json', 'tokenizer_config.json']);
  });

  test('a bare BertModel (no prefix) with old gamma / beta LayerNorm names loads the same', () => {
    const files = bert();
    files.set('model.safetensors', renamed((n) => n.replace(/^bert\./, '').replace(/LayerNorm\.weight$/, 'LayerNorm.gamma').replace(/LayerNorm\.bias$/, 'LayerNorm.beta')));
    const a = readHfCheckpoint(bert()).encoderWeights;
    const b = readHfCheckpoint(files).encoderWeights;
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, w] of a) expect(b.get(name)!.data).toEqual(w.data);
  });

  test('folder paths in file names are ignored; sharded safetensors are read through their index', () => {
    const { tensors } = decodeSafetensors(bert().get('model.safetensors')!);
    const entries = [...tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
    const half = Math.floor(entries.length / 2);
    const shards = [entries.slice(0, half), entries.slice(half)];
    const weightMap = Object.fromEntries(shards.flatMap((s, i) => s.map((t) => [t.name, `model-0000${i + 1}-of-00002.safetensors`])));
    const files = new Map([...bert()].filter(([n]) => n !== 'model.safetensors').map(([n, b]) => [`tiny/${n}`, b]));
    files.set('tiny/model.safetensors.index.json', json({ metadata: {}, weight_map: weightMap }));
    shards.forEach((s, i) => files.set(`tiny/model-0000${i + 1}-of-00002.safetensors`, encodeSafetensors(s)));
    expect(readHfCheckpoint(files).encoderWeights.size).toBe(readHfCheckpoint(bert()).encoderWeights.size);
  });

  test('a token classifier brings its labels in id order', () => {
    const files = bert();
    const { tensors } = decodeSafetensors(files.get('model.safetensors')!);
    const all = [...tensors].map(([name, t]) => ({ name, shape: t.shape, data: t.data }));
    all.push({ name: 'classifier.weight', shape: [3, 16], data: new Float32Array(48) }, { name: 'classifier.bias', shape: [3], data: new Float32Array(3) });
    files.set('model.safetensors', encodeSafetensors(all));
    files.set('config.json', json({ ...bertConfig(), id2label: { 2: 'I-PER', 0: 'O', 1: 'B-PER' } }));
    expect(readHfCheckpoint(files).labels).toEqual(['O', 'B-PER', 'I-PER']);
  });

  const without = (...names: string[]) => new Map([...bert()].filter(([n]) => !names.includes(n)));
  const withFile = (files: Map<string, Uint8Array>, name: string, bytes: Uint8Array) => new Map([...files, [name, bytes]]);
  test.each([
    { what: 'no config.json', files: () => without('config.json'), error: /no config\.json/ },
    {
      what: 'only pytorch_model.bin',
      files: () => withFile(without('model.safetensors'), 'pytorch_model.bin', new Uint8Array(8)),
      error: /only pytorch_model\.bin, PyTorch's pickle format.*save_pretrained\("<out>", safe_serialization=True\)/,
    },
    { what: 'no weights at all', files: () => without('model.safetensors'), error: /no model\.safetensors/ },
    { what: 'a missing shard', files: () => withFile(without('model.safetensors'), 'model.safetensors.index.json', json({ weight_map: { x: 'part-1.safetensors' } })), error: /part-1\.safetensors, which is missing/ },
    { what: 'a missing tensor', files: () => withFile(bert(), 'model.safetensors', renamed((n) => (n.endsWith('layer.1.output.dense.weight') ? null : n))), error: /lacks 'bert\.encoder\.layer\.1\.output\.dense\.weight' \(shape \[16,32\]\)/ },
    { what: 'a shape that disagrees with config.json', files: () => withFile(bert(), 'config.json', json({ ...bertConfig(), intermediate_size: 24 })), error: /intermediate\.dense\.weight' has shape \[32,16\] but config\.json implies \[24,16\]/ },
    { what: 'weights of another model', files: () => withFile(bert(), 'model.safetensors', renamed((n) => n.replace('embeddings', 'embedz'))), error: /no 'embeddings\.word_embeddings\.weight'/ },
    { what: 'no tokenizer', files: () => without('tokenizer.json'), error: /no tokenizer\.json/ },
    { what: 'an unknown architecture', files: () => withFile(bert(), 'config.json', json({ model_type: 'electra' })), error: /'electra' is not supported/ },
    { what: 'broken JSON', files: () => withFile(bert(), 'config.json', new TextEncoder().encode('{')), error: /config\.json is not valid JSON/ },
  ])('refuses $what', ({ files, error }) => {
    expect(() => readHfCheckpoint(files())).toThrow(error);
  });

  test('vocab.txt stands in for tokenizer.json for BERT, not for RoBERTa', () => {
    const files = withFile(without('tokenizer.json'), 'vocab.txt', new TextEncoder().encode('[PAD]\n[UNK]\n'));
    const c = readHfCheckpoint(files);
    expect(c.tokenizerJson).toBeNull();
    expect(c.tokenizerFiles.has('vocab.txt')).toBe(true);
    const roberta = new Map([...tinyCheckpointFiles('tiny-roberta')].filter(([n]) => n !== 'tokenizer.json'));
    roberta.set('vocab.txt', new Uint8Array(1));
    expect(() => readHfCheckpoint(roberta)).toThrow(/roberta checkpoint needs its tokenizer\.json/);
  });
});
