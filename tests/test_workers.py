"""The one worker pool: jobs run by priority and never deadlock, however fast they finish."""

from __future__ import annotations

import threading

from generator.workers import FILLER, URGENT, Runner


def test_many_instant_jobs_all_finish() -> None:
    # A job done before its callback is attached runs the callback at once, in
    # the submitting thread: the pool's lock must not be held then.
    results: list[int] = []

    def run() -> None:
        with Runner(2) as runner:
            futures = [runner.call(abs, -n, priority=URGENT if n % 2 else FILLER) for n in range(400)]
            results.extend(f.result() for f in futures)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the pool deadlocked"
    assert results == list(range(400))


def test_a_job_finished_before_its_callback_is_attached_does_not_deadlock() -> None:
    from concurrent.futures import Future

    class InstantPool:
        """Finishes every job before `submit` returns, the race a loaded machine can hit."""

        def submit(self, func, *args):
            done: Future = Future()
            done.set_result(func(*args))
            return done

        def shutdown(self, **_kwargs) -> None:
            pass

    results: list[int] = []

    def run() -> None:
        runner = Runner(1)
        runner.workers, runner.pool = 2, InstantPool()
        results.extend(runner.call(abs, -n).result() for n in range(5))
        runner.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "the pool deadlocked"
    assert results == [0, 1, 2, 3, 4]
