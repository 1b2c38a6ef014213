"""The process group, and sums over ranks that keep their gradients.

Every loss is written as a function of sums over the batch's tokens or sentences (reduce.sum). With N ranks, each
rank's partial sums are all-reduced with torch.distributed.nn's differentiable all_reduce, so every rank computes the
loss of the whole global batch; its backward hands each rank N times its own part of the gradient, and DDP's average
over ranks then gives exactly the gradient one process would compute for the whole batch.
"""
import datetime
import os

import torch
import torch.distributed as dist
import torch.distributed.nn.functional as dist_nn


class LocalReduce:
    """One process: sums are what they are."""
    world = 1

    def sum(self, t):
        return t

    def total(self, t):
        return t.detach()


class DistributedReduce:
    """Sums over every rank, on a process group of their own so they never queue behind DDP's gradient buckets."""

    def __init__(self, group, world):
        self.group, self.world = group, world

    def sum(self, t):
        return dist_nn.all_reduce(t, op=dist.ReduceOp.SUM, group=self.group)

    def total(self, t):
        out = t.detach().clone()
        dist.all_reduce(out, op=dist.ReduceOp.SUM, group=self.group)
        return out


class World:
    """Rank and world size from torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK); one process without it."""

    def __init__(self, device_choice=None):
        self.rank = int(os.environ.get("RANK", "0"))
        self.size = int(os.environ.get("WORLD_SIZE", "1"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        use_cuda = torch.cuda.is_available() if device_choice in (None, "auto") else device_choice == "cuda"
        self.device = torch.device(f"cuda:{self.local_rank}") if use_cuda else torch.device("cpu")
        self.reduce = LocalReduce()

    @property
    def distributed(self):
        return self.size > 1

    @property
    def main(self):
        return self.rank == 0

    def start(self, timeout_minutes):
        """Joins the process group: nccl on GPUs, gloo on the CPU."""
        if not self.distributed:
            return
        if self.device.type == "cuda":
            torch.cuda.set_device(self.device)
        backend = "nccl" if self.device.type == "cuda" else "gloo"
        dist.init_process_group(backend, timeout=datetime.timedelta(minutes=timeout_minutes))
        self.reduce = DistributedReduce(dist.new_group(backend=backend), self.size)

    @property
    def backend(self):
        return ("nccl" if self.device.type == "cuda" else "gloo") if self.distributed else None

    def broadcast_flag(self, flag: bool) -> bool:
        """Rank 0's decision (stop early, say) for every rank."""
        if not self.distributed:
            return flag
        t = torch.tensor([1.0 if flag else 0.0], device=self.device)
        dist.broadcast(t, src=0)
        return bool(t.item())

    def stop(self):
        if self.distributed and dist.is_initialized():
            dist.destroy_process_group()
