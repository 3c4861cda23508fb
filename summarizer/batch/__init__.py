"""Batch runs: many clusters of articles (one incident each) in, one report per cluster and an
index out; resumable, and fanned out over Dask distributed when a scheduler is given.

Owns: finding clusters (a folder of cluster folders or a JSONL/CSV manifest), the fingerprint
that makes a cluster's result reusable, the per-cluster task, the driver that writes results,
the index, and the `summarizer batch` command function (`command.py`; cli.py only registers it).

May import `pipeline`, `config`, `schemas`, `errors`, `atomic`, `render`, `text.ingest` and
`backends.protocol`/`backends.prompts`. Nothing in the project imports `batch` except cli.py.

Why Dask distributed and not Ray: the tasks are coarse (one cluster, ~0.1 s rules-only, seconds
to minutes with a model) and pure Python, so the engine only has to ship a small task and return
a small result. Dask distributed is pure Python and pip-installable with no native runtime,
starts a scheduler and two worker processes in a few seconds and a few hundred MB on 2 cores,
gives `LocalCluster` for tests on loopback, and its `tcp://host:8786` scheduler is the same one
a cluster deployment (SSH, Kubernetes, HPC job queues) exposes. Ray brings a native runtime,
an object store and a dashboard that cost more memory than the work on a small machine, for
features (actors, GPUs scheduling, shared objects) a batch of independent clusters does not use.
Dask is imported only when a scheduler is given; the in-process run needs nothing extra.
"""
