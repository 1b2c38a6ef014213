/** config.json of the newer backbones: what each reader takes, and what it refuses by name before any weight is read. */
import { describe, expect, test } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../core/checkpoint/safetensors';
import { tinyCheckpointFiles, type TinyBackbone } from '../../../testing/hfFixtures';
import { readHfCheckpoint } from './checkpoint';
import { parseEncoderConfig, type DebertaSpec, type DecoderSpec, type ModernBertSpec } from './config';
import { inverseFrequencies } from './rope';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const configOf = (name: TinyBackbone) => JSON.parse(new TextDecoder().decode(tinyCheckpointFiles(name).get('config.json')!));

/** The fixture with its config changed and every weight file removed: a refusal that names the option came before reading weights. */
function withoutWeights(name: TinyBackbone, change: Record<string, unknown>): Map<string, Uint8Array> {
  const files = new Map([...tinyCheckpointFiles(name)].filter(([file]) => !file.endsWith('.safetensors') && !file.endsWith('.index.json')));
  files.set('config.json', json({ ...configOf(name), ...change }));
  return files;
}

describe('the newer backbones: config.json', () => {
  test('reads each fixture into its spec', () => {
    const llama = parseEncoderConfig(configOf('tiny-llama')) as DecoderSpec;
    expect(llama).toMatchObject({ family: 'llama', architecture: 'decoder', numHeads: 4, numKvHeads: 2, headDim: 8, causal: true, tokenClassifier: 'LlamaForTokenClassification', classifierName: 'score' });
    expect(llama.rope.scaling).toEqual({ type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositions: 16 });
    expect((parseEncoderConfig(configOf('tiny-mistral')) as DecoderSpec).slidingWindows).toEqual([4, 4]);
    const qwen = parseEncoderConfig(configOf('tiny-qwen2')) as DecoderSpec;
    expect([qwen.slidingWindows, qwen.qkvBias, qwen.outputBias]).toEqual([[null, 5], true, false]);
    const modern = parseEncoderConfig(configOf('tiny-modernbert')) as ModernBertSpec;
    expect([modern.localWindows, modern.globalRope.theta, modern.localRope.theta, modern.tokenClassifier]).toEqual([[null, 4, null], 160000, 10000, 'ModernBertForTokenClassification']);
    const v3 = parseEncoderConfig(configOf('tiny-deberta-v3')) as DebertaSpec;
    expect([v3.relative, v3.contentToPosition, v3.positionToContent, v3.positionBiasedInput]).toEqual([{ buckets: 8, maxRelative: 32, span: 8, normEmbeddings: true }, true, true, false]);
    const v2 = parseEncoderConfig(configOf('tiny-deberta-v2')) as DebertaSpec;
    expect([v2.relative, v2.embeddingSize, v2.typeVocabSize]).toEqual([{ buckets: 0, maxRelative: 16, span: 16, normEmbeddings: false }, 24, 2]);
  });

  test.each<{ what: string; name: TinyBackbone; change: Record<string, unknown>; error: RegExp }>([
    { what: 'an unknown model_type', name: 'tiny-llama', change: { model_type: 'gemma2', architectures: ['Gemma2ForCausalLM'] }, error: /Architecture 'gemma2' \(Gemma2ForCausalLM\) is not supported/ },
    { what: 'a rope scaling not implemented', name: 'tiny-llama', change: { rope_scaling: { rope_type: 'yarn', factor: 4 } }, error: /rope_scaling type 'yarn' is not supported \(only default, linear, llama3\)/ },
    { what: 'dynamic NTK rope scaling', name: 'tiny-mistral', change: { rope_scaling: { type: 'dynamic', factor: 2 } }, error: /rope_scaling type 'dynamic' is not supported/ },
    { what: 'rope_parameters of an unknown type', name: 'tiny-qwen2', change: { rope_parameters: { rope_type: 'longrope', rope_theta: 1e6 } }, error: /rope_parameters type 'longrope' is not supported/ },
    { what: 'partial rotary dimensions', name: 'tiny-llama', change: { partial_rotary_factor: 0.5 }, error: /partial_rotary_factor 0.5 is not supported/ },
    { what: 'another activation', name: 'tiny-llama', change: { hidden_act: 'gelu_pytorch_tanh' }, error: /hidden_act 'gelu_pytorch_tanh' is not supported/ },
    { what: 'heads that do not group', name: 'tiny-mistral', change: { num_key_value_heads: 3 }, error: /num_attention_heads 4 is not a multiple of num_key_value_heads 3/ },
    { what: 'an odd head width', name: 'tiny-mistral', change: { head_dim: 7 }, error: /head_dim 7 must be even/ },
    { what: 'a layer type Qwen2 does not have', name: 'tiny-qwen2', change: { layer_types: ['full_attention', 'chunked_attention'] }, error: /layer_types\[1\] 'chunked_attention' is not supported/ },
    { what: "ModernBERT's unknown activation", name: 'tiny-modernbert', change: { hidden_activation: 'swish' }, error: /hidden_activation 'swish' is not supported/ },
    { what: "DeBERTa-v2's convolution", name: 'tiny-deberta-v2', change: { conv_kernel_size: 3 }, error: /conv_kernel_size 3 is not supported/ },
    { what: 'unshared position projections', name: 'tiny-deberta-v3', change: { share_att_key: false }, error: /share_att_key false is not supported/ },
    { what: "DeBERTa v1's p2p", name: 'tiny-deberta-v3', change: { pos_att_type: ['p2c', 'c2p', 'p2p'] }, error: /pos_att_type 'p2p' is not supported/ },
    { what: 'a wrongly typed size', name: 'tiny-modernbert', change: { intermediate_size: '48' }, error: /'intermediate_size' must be a non-negative integer, got "48"/ },
  ])('refuses $what by name, before reading any weight', ({ name, change, error }) => {
    expect(() => readHfCheckpoint(withoutWeights(name, change))).toThrow(error);
  });

  test('a checkpoint whose tensor disagrees with config.json names the tensor; a missing shard is named', () => {
    const files = tinyCheckpointFiles('tiny-llama');
    files.set('config.json', json({ ...configOf('tiny-llama'), num_key_value_heads: 1 }));
    expect(() => readHfCheckpoint(files)).toThrow(/'model\.layers\.0\.self_attn\.k_proj\.weight' has shape \[16,32\] but config\.json implies \[8,32\]/);
    const missing = tinyCheckpointFiles('tiny-llama');
    missing.delete('model-00002-of-00002.safetensors');
    expect(() => readHfCheckpoint(missing)).toThrow(/lists the shard model-00002-of-00002\.safetensors, which is missing/);
  });

  test("ModernBERT without its prediction head (a bare ModernBertModel) loads; the head is new, as in transformers", () => {
    const files = tinyCheckpointFiles('tiny-modernbert');
    const { tensors } = decodeSafetensors(files.get('model.safetensors')!);
    files.set('model.safetensors', encodeSafetensors([...tensors].filter(([n]) => !n.startsWith('head.')).map(([name, t]) => ({ name, shape: t.shape, data: t.data }))));
    const checkpoint = readHfCheckpoint(files);
    expect(checkpoint.encoderWeights.has('head.dense.weight')).toBe(false);
    expect(checkpoint.encoderWeights.has('model.final_norm.weight')).toBe(true);
  });

  test("llama3 rope scaling by hand: long wavelengths slow by the factor, short ones stay, the middle blends", () => {
    // dim 8, theta 500000: inv_freq = 500000^(-i/4) = 1, 0.0376, 0.00141, 5.3e-5; wavelengths 6.3, 167, 4443, 118000.
    // original 16 positions: low_freq_wavelen 16 / 1 = 16, high 16 / 4 = 4. Wavelength 6.3 lies between:
    // smooth = (16 / 6.283 - 1) / 3 = 0.5155, so inv = (1 - 0.5155) / 8 + 0.5155 = 0.5761; the others exceed 16: divided by 8.
    const inv = inverseFrequencies({ theta: 500000, dim: 8, scaling: { type: 'llama3', factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositions: 16 } });
    expect(inv[0]).toBeCloseTo(0.5761, 4);
    expect(inv[1]).toBeCloseTo(Math.pow(500000, -0.25) / 8, 7);
    expect(inv[3]).toBeCloseTo(Math.pow(500000, -0.75) / 8, 10);
  });
});
