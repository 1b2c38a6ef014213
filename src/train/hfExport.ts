/**
 * @file A studio checkpoint of a run on a pretrained encoder, written in the Hugging Face layout
 * (model/hf/export.ts): config.json with id2label / label2id, model.safetensors under the
 * *ForTokenClassification names plus the CRF's tensors, and the tokenizer files, zipped. The CRF tensors are the
 * scores the tagger decodes with (constraints applied), so any standard CRF decoder outputs valid sequences.
 */
import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import { exportHfTokenClassifier, type ExportedCrf } from '../model/hf/export';
import { loadCheckpoint } from './checkpointIO';

/** The zip's bytes; refuses a checkpoint of another encoder. */
export async function hfExportZip(checkpoint: Uint8Array, file = 'checkpoint'): Promise<Uint8Array> {
  const loaded = loadCheckpoint(checkpoint, file);
  const { tagger, config, vocab, pretrained } = loaded;
  let crf: ExportedCrf | null = null;
  try {
    const encoder = tagger.hfEncoder;
    if (!pretrained || !encoder) throw new Error(`${file}: only a run on a pretrained encoder exports as a Hugging Face model (this one used ${config.encoder})`);
    const v = tagger.namedVariables();
    const need = (name: string): tf.Variable => {
      const found = v.get(name);
      if (!found) throw new Error(`${file}: the tagger has no '${name}'`);
      return found;
    };
    // The scores the tagger decodes with, not the raw learned ones: forbidden transitions carry FORBIDDEN_SCORE
    // (model/crf.ts). Cloned, since without constraints these are the tagger's own variables.
    crf = config.crf ? (tf.tidy(() => ({ ...cloneCrf(tagger.crfScores()!) })) as ExportedCrf) : null;
    const files = await exportHfTokenClassifier({
      encoder,
      config: pretrained.config,
      labels: vocab.labels,
      head: { weight: need('emissions.kernel'), bias: need('emissions.bias') },
      crf,
      tokenizerFiles: pretrained.tokenizerFiles,
      studio: {
        base_model: config.baseModel,
        label_alignment: config.labelAlignment,
        aggregation: config.aggregation,
        max_length: config.maxLength,
        stride: config.stride,
        constrain_transitions: config.crf && config.constrainTransitions,
        crf_constraints_applied: config.crf && config.constrainTransitions,
        // transformers runs a decoder causally: 'bidirectional' needs an all-ones 4-D attention mask,
        // 'sentence+reverse' the average of the logits over the sentence and its words reversed (README).
        ...(encoder.spec.causal ? { decoder_context: config.decoderContext } : {}),
      },
    });
    return zipSync(Object.fromEntries(files));
  } finally {
    if (crf) tf.dispose([crf.transitions, crf.start, crf.end]);
    tagger.dispose();
  }
}

const cloneCrf = (c: ExportedCrf): ExportedCrf => ({ transitions: c.transitions.clone(), start: c.start.clone(), end: c.end.clone() });
