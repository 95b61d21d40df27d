"""The gymnasium wrapper on a real gymnasium environment (CartPole), against the real service."""

from __future__ import annotations

import gymnasium
import pytest

import faultline
from conftest import Api, codes
from faultline.gym import FaultlineWrapper


def test_a_truncated_episode_yields_gymnasium_truncated(client: faultline.Client, api: Api) -> None:
    env = FaultlineWrapper(gymnasium.make("CartPole-v1", max_episode_steps=5), client, robot_id="sim-cartpole")
    env.reset(seed=0)
    steps = 0
    truncated = terminated = False
    while not (truncated or terminated):
        _, _, terminated, truncated, _ = env.step(steps % 2)  # alternate: the pole stays up for 5 steps
        steps += 1
    assert truncated and not terminated and steps == 5
    env.close()
    (eid,) = env.episode_ids
    body = api.analyzed(eid)
    meta = body["episode"]["metadata"]
    assert body["episode"]["status"] == "failed"
    assert (meta["terminated"], meta["truncated"], meta["steps"], meta["env_id"]) == (False, True, 5, "CartPole-v1")
    assert "gymnasium_truncated" in codes(body)


def test_a_terminated_episode_is_not_reported_truncated(client: faultline.Client, api: Api) -> None:
    # CartPole terminates when the pole falls: a failure there, said through success=.
    env = FaultlineWrapper(
        gymnasium.make("CartPole-v1"), client, robot_id="sim-cartpole", success=lambda info, term, trunc: not term
    )
    env.reset(seed=1)
    terminated = False
    while not terminated:
        _, _, terminated, truncated, _ = env.step(0)  # always push left: the pole falls
        assert not truncated
    (eid,) = env.episode_ids
    body = api.analyzed(eid)
    assert body["episode"]["status"] == "failed"
    assert (body["episode"]["metadata"]["terminated"], body["episode"]["metadata"]["truncated"]) == (True, False)
    assert "gymnasium_truncated" not in codes(body) and codes(body), "analyzed, without the truncation finding"


def test_an_exception_in_step_fails_the_episode_and_is_raised(client: faultline.Client, api: Api) -> None:
    class Broken(gymnasium.Wrapper):
        def step(self, action):
            raise OSError("camera driver lost /dev/video0")

    env = FaultlineWrapper(Broken(gymnasium.make("CartPole-v1")), client, robot_id="sim-broken")
    env.reset(seed=0)
    with pytest.raises(OSError):
        env.step(0)
    body = api.analyzed(env.episode_ids[0])
    assert body["episode"]["metadata"]["failure_reason"].startswith("OSError: camera driver lost /dev/video0")
    assert "failure_reason_in_metadata" in codes(body)
