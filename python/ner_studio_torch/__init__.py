"""The NER studio's model family in PyTorch: the same encoders, CRF, losses, optimisers and metrics as the studio's
TypeScript engine, trained with DistributedDataParallel on the prepared data `ner export-torch` writes.

    torchrun --nproc_per_node=N -m ner_studio_torch.train PROJECT_DIR

writes metrics.csv and checkpoint.zip in the studio's formats (see README.md of the exported project).
"""
