"""A build uses every core, except where it must not start processes: a Dask worker (daemonic)
or a batch worker (the batch has the cores already)."""

import multiprocessing

from paiban import cores


def _report(queue) -> None:
    queue.put(cores.workers(8))


def test_a_daemonic_process_uses_only_itself():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_report, args=(queue,), daemon=True)
    worker.start()
    worker.join(30)
    assert queue.get(timeout=5) == 1


def test_a_batch_worker_uses_only_itself(monkeypatch):
    monkeypatch.setenv(cores.ONE_PROCESS, "1")
    assert cores.workers(8) == 1


def test_otherwise_up_to_the_cores(monkeypatch):
    monkeypatch.delenv(cores.ONE_PROCESS, raising=False)
    assert 1 <= cores.workers(8) <= (multiprocessing.cpu_count() or 1)
    assert cores.workers(1) == 1
