"""Trains an exported project, on one process or many:

    python -m ner_studio_torch.train PROJECT_DIR [--out DIR] [--init checkpoint.zip] [--set key=value]...
    torchrun --nproc_per_node=N -m ner_studio_torch.train PROJECT_DIR ...

The studio's loop (src/train/runTraining.ts): the studio's batch order for the seed, gradient accumulation, clipping,
the schedule, evaluation on dev every N steps or every epoch (rank 0), early stopping, and the best dev checkpoint.
With N processes each takes batch_size / N sentences of every batch (DistributedDataParallel; gloo on the CPU, nccl on
GPUs) and the steps are those of one process. Rank 0 writes checkpoint.zip, metrics.csv and run.yaml.
"""
import argparse
import contextlib
import math
import sys
import time
from datetime import datetime, timezone

import torch
from torch.distributed.elastic.multiprocessing.errors import record
from torch.nn.parallel import DistributedDataParallel

from .batches import EpochOrders, make_batch, sequential_batches
from .checkpoint import metrics_csv, write_checkpoint
from .errors import UserError
from .metrics import entity_scores
from .optim import clip_by_global_norm, make_optimizer, make_schedule
from .parallel import World
from .setup import read_setup, run_yaml_as_trained
from .shards import make_shard
from .tagger import Tagger


def arguments(argv):
    ap = argparse.ArgumentParser(prog="python -m ner_studio_torch.train", description=__doc__.split("\n\n")[0])
    ap.add_argument("project", help="the folder ner export-torch (or the studio's download) wrote")
    ap.add_argument("--out", help="where checkpoint.zip, metrics.csv and run.yaml go (default: training.checkpoint_dir, else PROJECT/runs/TIME)")
    ap.add_argument("--init", help="a studio checkpoint.zip (the studio's download, ner train's or ours) to start from")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a key of run.yaml, e.g. training.epochs=2")
    ap.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="default: this rank's GPU when there is one")
    ap.add_argument("--timeout", type=float, default=60, help="minutes a rank waits for the others (rank 0 evaluating, say)")
    return ap.parse_args(argv)


def evaluate(tagger, sentences, labels, batch_size):
    """Entity scores of the tagger on `sentences`, decoded in the batches the studio scores dev with."""
    pred = []
    for ids in sequential_batches(len(sentences), batch_size):
        pred += [[labels[k] for k in path] for path in tagger.predict(make_batch([sentences[i] for i in ids]))]
    gold = [[labels[k] if k >= 0 else "O" for k in s.labels] for s in sentences]
    return entity_scores(gold, pred)


class Trainer:
    def __init__(self, setup, world, log):
        self.setup, self.world, self.log = setup, world, log
        cfg = self.cfg = setup.run.config
        vocab, self.train_set, self.dev = setup.prepared.vocab, setup.prepared.splits["train"], setup.prepared.splits["dev"]
        vectors = setup.prepared.word_vectors if cfg.encoder != "pretrained" and cfg.wordVectors else None
        self.tagger = Tagger(cfg, vocab, setup.prepared.constraints, cfg.seed, vectors, setup.hf).to(world.device)
        if setup.init:
            for note in self.tagger.load_weights(setup.init[1], setup.init[0], loss_may_differ=True):
                log(f"note: {note}")
        self.tagger.reduce = world.reduce
        self.params = [p for p in self.tagger.parameters() if p.requires_grad]
        self.model = self.tagger
        if world.distributed:
            # A rank's part of a batch may leave parameters out (the CRF's transitions when all its sentences have
            # one token; the CRF when crf_weight is 0), so DDP looks for them every step.
            ids = [world.device.index] if world.device.type == "cuda" else None
            self.model = DistributedDataParallel(self.tagger, device_ids=ids, find_unused_parameters=True)
        self.optimizer = make_optimizer(cfg, self.params)
        self.steps_per_epoch = math.ceil(math.ceil(len(self.train_set) / cfg.batchSize) / cfg.gradAccumulation)
        planned = cfg.epochs * self.steps_per_epoch
        self.total_steps = min(cfg.maxSteps, planned) if cfg.maxSteps > 0 else planned
        self.schedule = make_schedule(cfg.schedule, cfg.learningRate, cfg.warmupSteps, self.total_steps)
        self.steps, self.evals = [], []
        self.best = None  # (step, f1, weights)
        self.early = {"best": None, "since": 0}

    def step(self, groups, lr):
        """One optimiser update over the micro-batches `groups` (each a global batch of sentence ids)."""
        losses = []
        for k, ids in enumerate(groups):
            shard = make_shard([self.train_set[i] for i in ids], self.world.rank, self.world.size)
            sync = self.world.distributed and k < len(groups) - 1
            with self.model.no_sync() if sync else contextlib.nullcontext():
                loss = self.model(shard, True)
                (loss / len(groups)).backward()
            losses.append(loss.detach())
        for p in self.params:
            if p.grad is None:  # a variable the loss did not reach: a zero gradient, as the studio's step has
                p.grad = torch.zeros_like(p)
        norm = clip_by_global_norm(self.params, self.cfg.clipNorm)
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=False)
        return float(torch.stack(losses).mean()), norm

    def evaluate(self, step, epoch, counts):
        """Rank 0 scores dev and keeps the best weights; every rank learns whether early stopping says stop."""
        stop = False
        if self.world.main:
            scores = evaluate(self.tagger, self.dev, self.setup.prepared.vocab["labels"], max(self.cfg.batchSize, 32))
            self.evals.append({"step": step, "epoch": epoch, "wall_time": time.time(), "scores": scores})
            e, f1 = self.early, scores["f1"]
            improved = e["best"] is None or f1 > e["best"]
            if improved:
                e["best"], e["since"] = f1, 0
                self.best = (step, f1, self.tagger.weights())
            elif counts:
                e["since"] += 1
            stop = self.cfg.patience > 0 and e["since"] >= self.cfg.patience
            self.log(f"step {step} epoch {epoch}: dev F1 {f1:.4f}{' (best)' if improved else ''}")
        return self.world.broadcast_flag(stop)

    def run(self):
        cfg = self.cfg
        orders = EpochOrders([len(s.words) for s in self.train_set], cfg.batchSize, cfg.seed)
        step, epoch, index, last_eval, stopped_early = 0, 1, 0, -1, False
        limit = lambda: cfg.maxSteps > 0 and step >= cfg.maxSteps  # noqa: E731
        while epoch <= cfg.epochs and not limit() and not stopped_early:
            order = orders.get(epoch)
            while index < len(order):
                groups = order[index:index + cfg.gradAccumulation]
                started = time.perf_counter()
                loss, _ = self.step(groups, self.schedule(step))
                seconds = max(1e-6, time.perf_counter() - started)
                step, index = step + 1, index + len(groups)
                tokens = sum(len(self.train_set[i].words) for ids in groups for i in ids)
                self.steps.append({"step": step, "epoch": epoch, "loss": loss, "tokens_per_sec": tokens / seconds, "wall_time": time.time()})
                epoch_done = index >= len(order)
                due = step % cfg.evalEvery == 0 if cfg.evalEvery > 0 else epoch_done
                if due and self.dev:
                    stopped_early = self.evaluate(step, epoch, True)
                    last_eval = step
                if epoch_done:
                    self.log(f"epoch {epoch}/{cfg.epochs} done at step {step}/{self.total_steps}: loss {loss:.4f}")
                    epoch, index = epoch + 1, 0
                if stopped_early or limit() or epoch_done:
                    break
        if not stopped_early and self.dev and step > 0 and last_eval != step:
            self.evaluate(step, epoch - 1 if index == 0 else epoch, False)
        return step, min(cfg.epochs, epoch - 1 if index == 0 else epoch), stopped_early

    def save(self, steps, epochs, argv_sets):
        s, w = self.setup, self.world
        s.out.mkdir(parents=True, exist_ok=True)
        s.log.mkdir(parents=True, exist_ok=True)
        how = f"{w.backend}, {w.size} processes" if w.distributed else "1 process"
        trained = {"steps": steps, "epochs": epochs, "bestDevF1": self.best[1] if self.best else None,
                   "bestStep": self.best[0] if self.best else None,
                   "backend": f"pytorch {torch.__version__.split('+')[0]} on {w.device.type} ({how})",
                   "createdAt": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")}
        weights = self.best[2] if self.best else self.tagger.weights()
        base_model = s.project / "data" / "base_model" if self.cfg.encoder == "pretrained" else None
        write_checkpoint(s.out / "checkpoint.zip", self.cfg, s.prepared.vocab, weights, trained, base_model)
        (s.log / "metrics.csv").write_text(metrics_csv(s.out.name, self.steps, self.evals), encoding="utf-8")
        (s.out / "run.yaml").write_text(run_yaml_as_trained(s, argv_sets), encoding="utf-8")
        return trained


@record
def main(argv=None):
    args = arguments(sys.argv[1:] if argv is None else argv)
    world = World(args.device)
    log = (lambda line: print(line, file=sys.stderr, flush=True)) if world.main else (lambda line: None)
    try:
        setup = read_setup(args.project, args.set, args.init, args.out, world.size)
    except UserError as e:
        print(f"ner_studio_torch: {e}", file=sys.stderr, flush=True)
        return 1
    for warning in setup.run.warnings:
        log(f"warning: {warning}")
    world.start(args.timeout)
    try:
        trainer = Trainer(setup, world, log)
        n = len(trainer.train_set)
        log(f"training on {world.device.type}{f' x{world.size} ({world.backend})' if world.distributed else ''}: {n} train and "
            f"{len(trainer.dev)} dev sentences, {trainer.total_steps} steps of batch {setup.run.config.batchSize}")
        steps, epochs, early = trainer.run()
        if world.main:
            trained = trainer.save(steps, epochs, args.set)
            best = f"best dev F1 {trained['bestDevF1']:.4f} at step {trained['bestStep']}" if trainer.best else "no dev data: the last weights"
            print(f"{'stopped early' if early else 'finished'} after {steps} steps, {epochs} epochs; {best}\n"
                  f"checkpoint  {setup.out / 'checkpoint.zip'}\nmetrics     {setup.log / 'metrics.csv'}\nrun file    {setup.out / 'run.yaml'}")
    except UserError as e:
        print(f"ner_studio_torch: {e}", file=sys.stderr, flush=True)
        return 1
    finally:
        world.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
