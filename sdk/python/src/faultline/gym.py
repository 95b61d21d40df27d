"""A gymnasium wrapper that records every episode of an environment in faultline.

    import gymnasium
    from faultline.gym import FaultlineWrapper
    env = FaultlineWrapper(gymnasium.make("CartPole-v1"), fl, robot_id="sim-cartpole")

Invariants:
- ``reset()`` starts an episode; the step that returns ``terminated`` or ``truncated`` finalizes
  it with ``metadata.terminated``, ``metadata.truncated``, ``steps`` and ``return`` (the sum of
  rewards), so a time-limit truncation without termination reads as ``gymnasium_truncated``.
- Status: ``success(info, terminated, truncated)`` decides when given (True: succeeded); else an
  ``info["is_success"]`` the environment reports; else truncated without termination is
  ``failed`` and a termination is ``succeeded``.
- An exception from the environment's ``step`` finalizes the episode as failed with its
  traceback (as ``with client.episode()`` does) and is re-raised. An episode left open by
  ``reset()`` or ``close()`` is finalized failed, ``metadata.interrupted = true``.
Needs ``pip install 'faultline[gymnasium]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple

import gymnasium

from .episode import Episode

if TYPE_CHECKING:
    from .client import Client

SuccessFn = Callable[[Mapping[str, Any], bool, bool], Optional[bool]]


class FaultlineWrapper(gymnasium.Wrapper):
    def __init__(
        self,
        env: gymnasium.Env,
        client: "Client",
        robot_id: str,
        *,
        source: str = "sim",
        success: Optional[SuccessFn] = None,
        metadata: Optional[Mapping[str, Any]] = None,
    ):
        super().__init__(env)
        self.client = client
        self.robot_id = robot_id
        self.source = source
        self.success = success
        self.base_metadata: Dict[str, Any] = dict(metadata or {})
        spec = getattr(env, "spec", None)
        if spec is not None and getattr(spec, "id", None):
            self.base_metadata.setdefault("env_id", spec.id)
        #: The episode in progress (None between episodes) and the ids of every episode recorded.
        self.episode: Optional[Episode] = None
        self.episode_ids: List[str] = []
        self._steps = 0
        self._return = 0.0

    def reset(self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None) -> Tuple[Any, Dict[str, Any]]:
        if self.episode is not None:
            self._interrupt("reset() before the episode terminated or was truncated")
        obs, info = self.env.reset(seed=seed, options=options)
        self.episode = self.client.episode(self.robot_id, self.source, metadata=dict(self.base_metadata))  # type: ignore[arg-type]
        self.episode.start()
        self.episode_ids.append(self.episode.id)
        self._steps = 0
        self._return = 0.0
        return obs, info

    def step(self, action: Any) -> Tuple[Any, Any, bool, bool, Dict[str, Any]]:
        try:
            obs, reward, terminated, truncated, info = self.env.step(action)
        except BaseException as exc:
            if self.episode is not None:
                episode, self.episode = self.episode, None
                episode.metadata.update(self._counts(False, False))
                episode.finish(exc)
            raise
        self._steps += 1
        try:
            self._return += float(reward)
        except (TypeError, ValueError):
            pass
        if (terminated or truncated) and self.episode is not None:
            self._end(bool(terminated), bool(truncated), info)
        return obs, reward, terminated, truncated, info

    def close(self) -> None:
        if self.episode is not None:
            self._interrupt("close() before the episode terminated or was truncated")
        super().close()

    def _counts(self, terminated: bool, truncated: bool) -> Dict[str, Any]:
        return {"terminated": terminated, "truncated": truncated, "steps": self._steps, "return": self._return}

    def _end(self, terminated: bool, truncated: bool, info: Mapping[str, Any]) -> None:
        episode, self.episode = self.episode, None
        assert episode is not None
        episode.metadata.update(self._counts(terminated, truncated))
        verdict: Optional[bool] = self.success(info, terminated, truncated) if self.success else None
        if verdict is None and "is_success" in info:
            verdict = bool(info["is_success"])
            episode.outcome(success=verdict, **({} if verdict else {"reason": "the environment reported is_success = false"}))
        if verdict is None:
            verdict = not (truncated and not terminated)
        episode.status = "succeeded" if verdict else "failed"
        episode.finish()

    def _interrupt(self, why: str) -> None:
        episode, self.episode = self.episode, None
        assert episode is not None
        episode.metadata.update({**self._counts(False, False), "interrupted": True})
        episode.fail(why)
        episode.finish()
